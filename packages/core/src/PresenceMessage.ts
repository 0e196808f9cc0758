/**
 * `PresenceMessage` (TP): the wire shape as a Schema, shared by the SDK and the emulator.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { numbered, presenceActionNames } from "./internal/message/Action.js"
import { Extras } from "./internal/message/WireMessage.js"

/**
 * Presence actions in wire order (TP2): the index is the number on the wire.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { PresenceMessage } from "@effect-ably/core"
 * PresenceMessage.actionNames[2] // "enter"
 */
export const actionNames: typeof presenceActionNames = presenceActionNames

/**
 * Presence actions: numbers on the wire, names in the API. Unknown numbers decode to
 * `"unknown"` so a newer server never breaks an older client (RSF1).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { PresenceMessage } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(PresenceMessage.PresenceAction)(2) // "enter"
 * Schema.encodeSync(PresenceMessage.PresenceAction)("leave") // 3
 */
export const PresenceAction = numbered(actionNames)

/**
 * @since 0.1.0
 * @category models
 */
export type PresenceAction = typeof PresenceAction.Type

/**
 * The fields of a presence message as they travel on the wire (TP3). `data` is still
 * encoded; unknown fields are ignored.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { PresenceMessage } from "@effect-ably/core"
 * import { Schema } from "effect"
 * const wire = Schema.decodeUnknownSync(PresenceMessage.WirePresenceMessage)({
 *   id: "conn:1:0", action: 1, clientId: "alice", connectionId: "conn", data: "hi", timestamp: 1
 * })
 */
export const WirePresenceMessage = Schema.Struct({
  id: Schema.optional(Schema.String),
  action: Schema.optional(PresenceAction),
  clientId: Schema.optional(Schema.String),
  connectionId: Schema.optional(Schema.String),
  data: Schema.optional(Schema.Unknown),
  encoding: Schema.optional(Schema.String),
  extras: Schema.optional(Extras),
  timestamp: Schema.optional(Schema.Number)
})

/**
 * @since 0.1.0
 * @category models
 */
export type WirePresenceMessage = typeof WirePresenceMessage.Type

/**
 * A presence message read from Ably, with its payload decoded. `P` is the type of `data`:
 * `unknown`, or the channel's `presenceSchema` type.
 *
 * @since 0.1.0
 * @category models
 */
export interface PresenceMessage<P = unknown> extends Omit<WirePresenceMessage, "data" | "encoding"> {
  /** The member's payload: a string, a JSON value or bytes (`undefined` when there is none). */
  readonly data: P
  /** Any encoding step that could not be reversed (RSL6b); absent when fully decoded. */
  readonly encoding?: string
}

/**
 * The key that identifies a member (TP3h): `connectionId:clientId`. One client may be present
 * on several connections, each a separate member.
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * import { PresenceMessage } from "@effect-ably/core"
 * PresenceMessage.memberKey({ connectionId: "c1", clientId: "alice" }) // "c1:alice"
 */
export const memberKey = (message: Pick<WirePresenceMessage, "connectionId" | "clientId">): string =>
  `${message.connectionId ?? ""}:${message.clientId ?? ""}`
