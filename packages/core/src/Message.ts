/**
 * `Message` (TM2): the wire shape as a Schema, shared by the SDK and the emulator.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError } from "./Errors.js"
import * as Input from "./internal/Input.js"
import { numbered } from "./internal/message/Action.js"

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
 * A message read from Ably, with its payload decoded. `A` is the type of `data`: `unknown`
 * on an ordinary channel, the Schema's type on a typed channel.
 *
 * @since 0.1.0
 * @category models
 * @example
 * import type { Message } from "@effect-ably/core"
 * const describe = (message: Message.Message) => `${message.name}: ${String(message.data)}`
 */
export interface Message<A = unknown> extends Omit<typeof WireMessage.Type, "data" | "encoding"> {
  /** The payload: a string, a JSON value or bytes (`undefined` when there is none). */
  readonly data: A
  /** Any encoding step that could not be reversed (RSL6b); absent when fully decoded. */
  readonly encoding?: string
}

/**
 * A message to publish. Leave `id` unset to get an idempotent id from the SDK (RSL1k). `A` is
 * the type of `data`: anything on an ordinary channel, the Schema's type on a typed one.
 *
 * @since 0.1.0
 * @category models
 * @example
 * import type { Message } from "@effect-ably/core"
 * const order: Message.OutboundMessage = { name: "order", data: { id: 42 }, extras: { headers: { k: "v" } } }
 */
export interface OutboundMessage<A = unknown> {
  readonly id?: string
  readonly name?: string
  readonly data?: A
  readonly clientId?: string
  readonly connectionKey?: string
  /** An encoding the data already carries (e.g. a custom step); the SDK's steps go after it. */
  readonly encoding?: string
  readonly extras?: Readonly<Record<string, unknown>>
}

const textFields = ["id", "name", "clientId", "connectionKey", "encoding"] as const

const readOutbound = (value: unknown, label: string): Either.Either<OutboundMessage, AblyError> => {
  if (!Input.isRecord(value)) {
    return Either.left(
      ablyError(
        40013,
        400,
        `Invalid ${label}: expected a message object ({ name, data, … }), got ${Input.describe(value)}`
      )
    )
  }
  // Each field is read once, into a copy: what was checked is what is sent, on every retry.
  const message: { -readonly [K in keyof OutboundMessage]: OutboundMessage[K] } = {}
  for (const field of textFields) {
    const text = value[field]
    if (text === undefined || text === null) continue
    if (typeof text !== "string") return Either.left(Input.invalid(`${label}: ${field}`, "a string", text))
    message[field] = text
  }
  const data = value["data"]
  if (data !== undefined && data !== null) message.data = data
  const extras = value["extras"]
  if (extras !== undefined && extras !== null) {
    if (!Input.isRecord(extras)) return Either.left(Input.invalid(`${label}: extras`, "an object", extras, 40013))
    message.extras = extras
  }
  return Either.right(message)
}

/**
 * Checks a value a caller gave as a message, whatever its static type: an object whose `id`,
 * `name`, `clientId`, `connectionKey` and `encoding` are strings when set (else 40003), whose
 * `extras` is an object (else 40013). Not an object: 40013, as ably-js. Gives a copy holding
 * only those fields and `data` (its content is checked when it is encoded), nulls left out.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { Message } from "@effect-ably/core"
 * Message.checkOutbound({ name: "n", data: "d" }) // Either.right({ name: "n", data: "d" })
 * Message.checkOutbound(5) // Either.left(AblyError 40013)
 */
export const checkOutbound = (value: unknown, label: string = "message"): Either.Either<OutboundMessage, AblyError> =>
  Input.guard(() => readOutbound(value, label), () => Input.unreadable(label, 40013))

/**
 * What `publish` takes on a channel whose data has type `A`: on a typed channel `data` is
 * required (the Schema decides whether `undefined` is acceptable).
 *
 * @since 0.1.0
 * @category models
 * @example
 * import type { Message } from "@effect-ably/core"
 * const typed: Message.PublishMessage<{ readonly id: number }> = { name: "order", data: { id: 42 } }
 */
export type PublishMessage<A = unknown> = unknown extends A ? OutboundMessage
  : OutboundMessage<A> & { readonly data: A }

/**
 * The result of a publish (RSL1n): one serial per message, `null` where it was conflated.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Message } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Message.PublishResult)({ serials: ["s1", null] })
 */
export const PublishResult = Schema.Struct({
  serials: Schema.optionalWith(Schema.Array(Schema.NullOr(Schema.String)), { default: () => [] })
})

/**
 * @since 0.1.0
 * @category models
 */
export type PublishResult = typeof PublishResult.Type
