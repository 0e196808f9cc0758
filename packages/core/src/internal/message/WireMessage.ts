/**
 * The wire shape of a message (TM2) as Schemas: actions, version, extras, annotations. They
 * live here, below the decoders that use them, and `Message` re-exports them, so `Message` can
 * offer `fromEncoded` without a module cycle.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { withDefault } from "../SchemaDefault.js"
import { numbered } from "./Action.js"

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
 * The action of a message as a Schema: a number on the wire, a name in the API.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Message } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.encodeSync(Message.MessageAction)("message.delete") // 2
 */
export const MessageAction = numbered(actionNames)

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
 * @example
 * import { Message } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Message.MessageVersion)({ serial: "s1", timestamp: 1, description: "typo" })
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
 * @example
 * import { Message } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Message.Extras)({ headers: { "x-trace": "abc" } })
 */
export const Extras = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * The annotations of a message (TM2u): `summary` maps each annotation type (e.g.
 * `"reaction:distinct.v1"`) to its aggregate, kept as the server sent it; `{}` when absent.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Message } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Message.MessageAnnotations)({ summary: { "reaction:total.v1": { total: 2 } } })
 */
export const MessageAnnotations = Schema.Struct({
  summary: withDefault(Schema.Record({ key: Schema.String, value: Schema.Unknown }), () => ({}))
})

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
  version: Schema.optional(MessageVersion),
  annotations: Schema.optional(MessageAnnotations)
})
