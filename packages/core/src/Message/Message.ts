/**
 * `Message` (TM2): the wire shape as a Schema, shared by the SDK and the emulator.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Message actions (TM5): numbers on the wire, names in the API. Unknown numbers decode to
 * `"unknown"` so a newer server never breaks an older client (RSF1).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Message } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Message.MessageAction)(1) // "message.update"
 */
export const actionNames = [
  "message.create",
  "message.update",
  "message.delete",
  "meta",
  "message.summary",
  "message.append"
] as const

/**
 * @since 0.1.0
 * @category schemas
 */
export const MessageAction = Schema.transform(
  Schema.Number,
  Schema.Literal(...actionNames, "unknown"),
  {
    strict: true,
    decode: (n) => actionNames[n] ?? "unknown",
    encode: (name) => Math.max(0, actionNames.indexOf(name as (typeof actionNames)[number]))
  }
)

/**
 * @since 0.1.0
 * @category models
 */
export type MessageAction = typeof MessageAction.Type

/**
 * The version of a message (TM2s): who changed it, when, and why.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageVersion = Schema.Struct({
  serial: Schema.optional(Schema.String),
  timestamp: Schema.optional(Schema.Number),
  clientId: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  metadata: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})

/**
 * Opaque JSON object carried next to the payload (`push`, `headers`, `ref`, …).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Extras = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * The fields of a message as they travel on the wire. `data` is still encoded (see
 * `Payload`); unknown fields are ignored.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Message } from "@effect-ably/core"
 * import { Schema } from "effect"
 * const wire = Schema.decodeUnknownSync(Message.WireMessage)({ id: "a:0", name: "n", data: "d", action: 0 })
 */
export const WireMessage = Schema.Struct({
  id: Schema.optional(Schema.String),
  clientId: Schema.optional(Schema.String),
  connectionId: Schema.optional(Schema.String),
  connectionKey: Schema.optional(Schema.String),
  name: Schema.optional(Schema.String),
  data: Schema.optional(Schema.Unknown),
  encoding: Schema.optional(Schema.String),
  extras: Schema.optional(Extras),
  timestamp: Schema.optional(Schema.Number),
  serial: Schema.optional(Schema.String),
  action: Schema.optional(MessageAction),
  version: Schema.optional(MessageVersion)
})

/**
 * A message read from Ably, with its payload decoded.
 *
 * @since 0.1.0
 * @category models
 */
export interface Message extends Omit<typeof WireMessage.Type, "data" | "encoding"> {
  /** The payload: a string, a JSON value or bytes. */
  readonly data?: unknown
  /** Any encoding step that could not be reversed (RSL6b); absent when fully decoded. */
  readonly encoding?: string
}

/**
 * A message to publish. Leave `id` unset to get an idempotent id from the SDK (RSL1k).
 *
 * @since 0.1.0
 * @category models
 */
export interface OutboundMessage {
  readonly id?: string
  readonly name?: string
  readonly data?: unknown
  readonly clientId?: string
  readonly connectionKey?: string
  readonly encoding?: string
  readonly extras?: Readonly<Record<string, unknown>>
}

/**
 * The result of a publish (RSL1n): one serial per message, `null` where it was conflated.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PublishResult = Schema.Struct({
  serials: Schema.optionalWith(Schema.Array(Schema.NullOr(Schema.String)), { default: () => [] })
})

/**
 * @since 0.1.0
 * @category models
 */
export type PublishResult = typeof PublishResult.Type
