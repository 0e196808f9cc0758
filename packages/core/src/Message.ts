/**
 * `Message` (TM2): the wire shape as a Schema, shared by the SDK and the emulator.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as ChannelOptions from "./ChannelOptions.js"
import type { PayloadData } from "./DataCodec.js"
import { type AblyError, ablyError } from "./Errors.js"
import * as Input from "./internal/Input.js"
import * as FromEncoded from "./internal/message/FromEncoded.js"
import type { WireMessage } from "./internal/message/WireMessage.js"
import { withDefault } from "./internal/SchemaDefault.js"

export {
  /**
   * Message actions in wire order (TM5): the index is the number on the wire.
   *
   * @since 0.1.0
   * @category constants
   */
  actionNames,
  /**
   * Opaque JSON object carried next to the payload (`push`, `headers`, `ref`, …).
   *
   * @since 0.1.0
   * @category schemas
   */
  Extras,
  /**
   * The action of a message (TM5): a number on the wire, a name in the API; unknown numbers
   * decode to `"unknown"` (RSF1).
   *
   * @since 0.1.0
   * @category schemas
   */
  MessageAction,
  /**
   * The annotations of a message (TM2u): `summary` by annotation type, `{}` when absent.
   *
   * @since 0.1.0
   * @category schemas
   */
  MessageAnnotations,
  /**
   * The version of a message (TM2s): its serial and time, who changed it and why.
   *
   * @since 0.1.0
   * @category schemas
   */
  MessageVersion,
  /**
   * The fields of a message as they travel on the wire; `data` still encoded.
   *
   * @since 0.1.0
   * @category schemas
   */
  WireMessage
} from "./internal/message/WireMessage.js"

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
export interface Message<A = unknown> extends Omit<typeof WireMessage.Type, "data" | "encoding" | "annotations"> {
  /** The payload: a string, a JSON value or bytes (`undefined` when there is none). */
  readonly data: A
  /**
   * The annotation summaries Ably rolled up on the message, by annotation type (TM2u):
   * `{ summary: {} }` when there are none. Read them with `Annotation.distinct`,
   * `Annotation.flag`… .
   */
  readonly annotations: typeof WireMessage.Type["annotations"] & {}
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
  serials: withDefault(Schema.Array(Schema.NullOr(Schema.String)), () => [])
})

/**
 * @since 0.1.0
 * @category models
 */
export type PublishResult = typeof PublishResult.Type

/**
 * What an update, delete or append says about itself (MOP2): who made it, why, and its
 * string metadata. It becomes the `version` of the new version of the message.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Message } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Message.MessageOperation)({ description: "typo", metadata: { ticket: "42" } })
 */
export const MessageOperation = Schema.Struct({
  clientId: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  metadata: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type MessageOperation = typeof MessageOperation.Type

/**
 * The result of an update, delete or append (UDR2a): the serial of the new version, `null`
 * when a later change superseded it before it was published.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Message } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Message.UpdateDeleteResult)({ versionSerial: "v2" }) // { versionSerial: "v2" }
 * Schema.decodeUnknownSync(Message.UpdateDeleteResult)({}) // { versionSerial: null }
 */
export const UpdateDeleteResult = Schema.Struct({
  versionSerial: withDefault(Schema.NullOr(Schema.String), () => null)
})

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateDeleteResult = typeof UpdateDeleteResult.Type

/**
 * A change to a published message (RSL15): its `serial` (required at run time: 40003 without
 * it) and the new content. A message read from history or `getMessage` fits as it is; on a
 * typed channel `data` has the Schema's type.
 *
 * @since 0.1.0
 * @category models
 * @example
 * import type { Message } from "@effect-ably/core"
 * const fix = (message: Message.Message): Message.MessageEdit => ({ ...message, data: "corrected" })
 */
export interface MessageEdit<A = unknown> extends OutboundMessage<A> {
  readonly serial?: string | undefined
}

/**
 * Decodes a message that arrived outside a REST response, from a queue, a webhook or an
 * integration (TM3): its payload decoded, decrypted with the options' `cipher` and checked by
 * their `schema`, as on a channel with those options. A value that is not a message fails with
 * 40013, invalid options with 40003; on an ordinary channel a step that cannot be undone stays
 * in `encoding` (RSL6b).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Message } from "@effect-ably/core"
 * import { Effect, Schema } from "effect"
 * const order = Message.fromEncoded(
 *   { id: "a:0", name: "order", data: '{"id":42}', encoding: "json" },
 *   { schema: Schema.Struct({ id: Schema.Number }) }
 * ) // Effect<Message<{ readonly id: number }>, AblyError>
 */
export const fromEncoded: <A = unknown, I extends PayloadData = PayloadData>(
  value: unknown,
  options?: ChannelOptions.ChannelOptions<A, I>
) => Effect.Effect<Message<A>, AblyError> = FromEncoded.fromEncoded

/**
 * Decodes an array of messages that arrived outside a REST response (TM3), like `fromEncoded`;
 * not an array of messages fails with 40013.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Message } from "@effect-ably/core"
 * const messages = Message.fromEncodedArray([{ name: "a", data: "x" }], { cipher: { key: "WUP6u0K7MXI5Zeo0VppPwg==" } })
 */
export const fromEncodedArray: <A = unknown, I extends PayloadData = PayloadData>(
  values: unknown,
  options?: ChannelOptions.ChannelOptions<A, I>
) => Effect.Effect<ReadonlyArray<Message<A>>, AblyError> = FromEncoded.fromEncodedArray
