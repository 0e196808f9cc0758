/**
 * Preparing a publish (RSL1): the channel's Schema and payload encoding (encryption
 * included), idempotent ids (RSL1k) and the size check (RSL1i, 40009), all before anything is
 * sent.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as DataCodec from "../../DataCodec.js"
import { type AblyError, ablyError, describeParseError } from "../../Errors.js"
import { checkOutbound, type OutboundMessage } from "../../Message.js"
import * as Codec from "../http/Codec.js"
import * as Input from "../Input.js"
import { randomId } from "../Random.js"
import * as MessageRules from "./MessageRules.js"
import * as Payload from "./Payload.js"

/**
 * A message as sent: every field the caller set (RSL1j), nulls left out (RSL1e).
 *
 * @since 0.1.0
 * @category models
 */
export type WireOutbound = Omit<OutboundMessage, "data"> & { readonly data?: unknown }

// The JSON text of extras, checked: serialisable (40013) and within `Limits.maxDepth`.
const extrasText = (extras: OutboundMessage["extras"]): Either.Either<string | undefined, AblyError> =>
  extras === undefined
    ? Either.right(undefined)
    : Either.flatMap(
      Codec.stringify(extras, "message extras"),
      (text) =>
        text === undefined || Input.jsonDepthWithin(text)
          ? Either.right(text)
          : Either.left(Input.tooDeep("message extras"))
    )

/**
 * The size that counts against `maxMessageSize` (TO3l8): UTF-8 bytes of name, clientId and
 * the JSON of extras, plus `dataSize` (see `Payload.EncodedPayload.size`). Extras that cannot
 * be serialised fail with 40013.
 *
 * @since 0.1.0
 * @category size
 * @example
 * import * as Publish from "./Publish.js"
 * Publish.messageSize({ name: "n", clientId: "c" }, 3) // Either.right(5)
 */
export const messageSize = (
  message: Omit<OutboundMessage, "data">,
  dataSize: number
): Either.Either<number, AblyError> =>
  Either.map(extrasText(message.extras), (extras) => sizeWith(message, extras, dataSize))

const sizeWith = (message: Omit<OutboundMessage, "data">, extrasText: string | undefined, dataBytes: number) =>
  MessageRules.size({ name: message.name, clientId: message.clientId, extrasText, dataBytes })

/**
 * The id base of one publish, drawn from `Random.randomId(9)` the first time the returned
 * Effect runs and the same on every later run. A publish Effect holds one, so retrying it or
 * running it again resends the same idempotent ids (RSL1k); building a new publish draws anew.
 *
 * @since 0.1.0
 * @category ids
 * @example
 * import * as Publish from "./Publish.js"
 * import { Effect } from "effect"
 * const base = Publish.idBaseOnce()
 * const same = Effect.zipWith(base, base, (a, b) => a === b) // Effect of true
 */
export const idBaseOnce = (): Effect.Effect<string> => {
  let drawn: string | undefined
  // First writer wins, so concurrent first runs agree on one base too.
  return Effect.suspend(() =>
    drawn !== undefined ? Effect.succeed(drawn) : Effect.map(randomId(9), (base) => (drawn ??= base))
  )
}

/**
 * One message encoded for the wire, and its size (TO3l8).
 *
 * @since 0.1.0
 * @category models
 */
export interface EncodedMessage {
  readonly wire: WireOutbound
  readonly size: number
}

/**
 * How to encode: the wire protocol and the channel's data codec (untyped when absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface EncodeOptions<A> {
  readonly protocol: Codec.Protocol
  readonly codec?: DataCodec.DataCodec<A> | undefined
}

/**
 * Encodes one message: the channel Schema first (a value it rejects fails with 40013 and the
 * parse issue as cause), then the payload (RSL4/RSL5). Nulls are left out (RSL1e). Without a
 * Schema or cipher it is `encodePlainMessage`'s `Either` (an Effect that runs synchronously).
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Publish from "./Publish.js"
 * const encoded = Publish.encodeMessage({ name: "n", data: { a: 1 } }, { protocol: "json" })
 * // Effect of { wire: { name: "n", data: '{"a":1}', encoding: "json" }, size: 8 }
 */
export const encodeMessage = <A>(
  message: OutboundMessage,
  options: EncodeOptions<A>
): Effect.Effect<EncodedMessage, AblyError> => {
  const codec = options.codec
  if (isPlain(codec)) return encodePlainMessage(message, options.protocol)
  return Effect.gen(function*() {
    const data = codec.typed ? yield* schemaData(codec, message.data) : message.data
    const payload = yield* Payload.encode(data, {
      protocol: options.protocol,
      cipher: codec.cipher,
      encoding: message.encoding
    })
    return yield* withPayload(message, payload, options.protocol)
  })
}

// No Schema and no cipher: nothing asynchronous or effectful to do.
const isPlain = <A>(codec: DataCodec.DataCodec<A> | undefined): codec is undefined =>
  codec === undefined || (!codec.typed && codec.cipher === undefined)

/**
 * Encodes one message of a channel without Schema or cipher, synchronously (see
 * `encodeMessage`).
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Publish from "./Publish.js"
 * Publish.encodePlainMessage({ name: "n", data: "d" }, "json") // Either.right({ wire: { name: "n", data: "d" }, size: 2 })
 */
export const encodePlainMessage = (
  message: OutboundMessage,
  protocol: Codec.Protocol
): Either.Either<EncodedMessage, AblyError> => {
  const payload = Payload.encodePlain(message.data, protocol, message.encoding)
  return Either.isLeft(payload) ? Either.left(payload.left) : withPayload(message, payload.right, protocol)
}

// The message around its encoded payload: extras checked, the size, the wire fields.
const withPayload = (
  message: OutboundMessage,
  payload: Payload.EncodedPayload,
  protocol: Codec.Protocol
): Either.Either<EncodedMessage, AblyError> => {
  const extras = extrasText(message.extras)
  if (Either.isLeft(extras)) return Either.left(extras.left)
  const size = sizeWith(message, extras.right, payload.size)
  // Only the fields of a message travel, nulls left out (RSL1e).
  const wire: Mutable<WireOutbound> = {}
  if (message.id != null) wire.id = message.id
  if (message.name != null) wire.name = message.name
  if (message.clientId != null) wire.clientId = message.clientId
  if (message.connectionKey != null) wire.connectionKey = message.connectionKey
  if (payload.data != null) wire.data = payload.data
  if (payload.encoding != null) wire.encoding = payload.encoding
  // Extras travel as their JSON in both protocols, so that MessagePack changes them exactly as
  // JSON does (dropped functions and undefined, NaN as null, Dates as text), as ably-js does.
  if (extras.right !== undefined) wire.extras = protocol === "json" ? message.extras : parseExtras(extras.right)
  return Either.right({ wire, size })
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

// The text was produced by JSON.stringify from an object: it parses back to an object.
const parseExtras = (text: string): Readonly<Record<string, unknown>> => {
  const parsed: unknown = JSON.parse(text)
  return Input.isRecord(parsed) ? parsed : {}
}

// A Schema given as channel option runs the caller's code (transforms, filters): whatever it
// throws is a 40013 too, never a defect.
const schemaData = <A>(codec: DataCodec.DataCodec<A>, data: unknown): Effect.Effect<unknown, AblyError> =>
  Effect.suspend(() => codec.toData(data)).pipe(
    Effect.mapError((issue) =>
      ablyError(40013, 400, `Data of message does not match the channel schema: ${describeParseError(issue)}`, {
        cause: issue
      })
    ),
    Effect.catchAllDefect((defect) =>
      Effect.fail(
        ablyError(40013, 400, `The channel schema failed on the message data (${Input.describe(defect)} thrown)`)
      )
    )
  )

/**
 * Fails with 40009 when `size` is over `maxMessageSize` (RSL1i); exactly at the limit is fine.
 *
 * @since 0.1.0
 * @category size
 * @example
 * import * as Publish from "./Publish.js"
 * Publish.checkSize(70000, 65536) // fails with AblyError 40009
 */
export const checkSize = (size: number, maxMessageSize: number): Effect.Effect<void, AblyError> =>
  size > maxMessageSize ? Effect.fail(tooLarge(size, maxMessageSize)) : Effect.void

const tooLarge = (size: number, maxMessageSize: number) =>
  ablyError(
    40009,
    400,
    `Maximum size of messages that can be published at once exceeded: ${size} bytes, limit ${maxMessageSize}`
  )

/**
 * Encodes the messages of one publish request, checks their combined size (40009, nothing is
 * sent) and adds idempotent ids. A batch publish calls it once per `BatchPublishSpec`: each
 * spec has its own size budget and its own id base (RSC22d). Without a Schema or cipher the
 * messages are encoded synchronously, with no Effect per message.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Publish from "./Publish.js"
 * const prepared = Publish.prepare([{ name: "greeting", data: "hello" }], {
 *   protocol: "json", maxMessageSize: 65536, idempotent: true
 * })
 */
export const prepare = <A = unknown>(
  messages: ReadonlyArray<OutboundMessage>,
  options: PrepareOptions<A>
): Effect.Effect<ReadonlyArray<WireOutbound>, AblyError> => {
  if (!isPlain(options.codec)) {
    return Effect.flatMap(
      Effect.forEach(messages, (message) => encodeMessage(message, options)),
      (encoded) => finishPrepare(encoded, options)
    )
  }
  const encoded: Array<EncodedMessage> = []
  for (const message of messages) {
    const one = encodePlainMessage(message, options.protocol)
    if (Either.isLeft(one)) return Either.left(one.left)
    encoded.push(one.right)
  }
  return finishPrepare(encoded, options)
}

const finishPrepare = <A>(
  encoded: ReadonlyArray<EncodedMessage>,
  options: PrepareOptions<A>
): Effect.Effect<ReadonlyArray<WireOutbound>, AblyError> => {
  let size = 0
  for (const message of encoded) size += message.size
  if (size > options.maxMessageSize) return Either.left(tooLarge(size, options.maxMessageSize))
  // The wire objects were made by this call: idempotent ids are set on them, not on copies.
  const wire: Array<Mutable<WireOutbound>> = encoded.map((message) => message.wire)
  // Ids only when no message has one (RSL1k1–k3), from 9 random bytes or the publish's base.
  if (!options.idempotent || wire.some((message) => message.id !== undefined)) return Effect.succeed(wire)
  return Effect.map(options.idBase ?? randomId(9), (base) => {
    for (let index = 0; index < wire.length; index++) wire[index]!.id = `${base}:${index}`
    return wire
  })
}

/**
 * How to prepare a publish: encoding, the size limit, idempotency, and the id base to use
 * (see `idBaseOnce`; a fresh one per run when absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface PrepareOptions<A> extends EncodeOptions<A> {
  readonly maxMessageSize: number
  readonly idempotent: boolean
  readonly idBase?: Effect.Effect<string> | undefined
}

/**
 * The arguments of one `publish` call, checked: the messages and the query params.
 *
 * @since 0.1.0
 * @category models
 */
export interface PublishArguments {
  readonly messages: ReadonlyArray<OutboundMessage>
  readonly params: Readonly<Record<string, string>> | undefined
}

const readArguments = (first: unknown, second: unknown): Either.Either<PublishArguments, AblyError> => {
  // `(name, data)`; a `null` name is a message without a name, as in ably-js.
  if (typeof first === "string" || first === null) {
    const message: { -readonly [K in keyof OutboundMessage]: OutboundMessage[K] } = {}
    if (first !== null) message.name = first
    if (second !== undefined && second !== null) message.data = second
    return Either.right({ messages: [message], params: undefined })
  }
  const params = Input.stringRecord(second, "publish params")
  if (Either.isLeft(params)) return Either.left(params.left)
  if (Array.isArray(first)) {
    const messages: Array<OutboundMessage> = []
    for (let index = 0; index < first.length; index++) {
      const message = checkOutbound(first[index], `message ${index}`)
      if (Either.isLeft(message)) return Either.left(message.left)
      messages.push(message.right)
    }
    return Either.right({ messages, params: params.right })
  }
  if (Input.isRecord(first)) {
    return Either.map(checkOutbound(first), (message) => ({ messages: [message], params: params.right }))
  }
  return Either.left(ablyError(
    40013,
    400,
    `publish expects a name (string or null) and data, a message object or an array of messages; got ${
      Input.describe(first)
    }`
  ))
}

/**
 * Checks the arguments of `publish` whatever their static type (RSL1a, RSL1b): `(name, data)`,
 * one message or an array of messages, then optional params (an object of strings, else
 * 40003). Anything else as first argument, or an array element that is not a message object,
 * fails with 40013; a message field of the wrong type with 40003 (see `Message.checkOutbound`).
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import * as Publish from "./Publish.js"
 * Publish.publishArguments("greeting", "hello") // Either.right({ messages: [{ name: "greeting", data: "hello" }], params: undefined })
 * Publish.publishArguments([1, 2], undefined) // Either.left(AblyError 40013)
 */
export const publishArguments = (first: unknown, second: unknown): Either.Either<PublishArguments, AblyError> =>
  Input.guard(() => readArguments(first, second), () => Input.unreadable("publish arguments", 40013))
