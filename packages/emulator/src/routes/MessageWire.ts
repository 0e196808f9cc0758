/**
 * Messages on the wire, both ways, using the SDK's own `WireMessage` schema: publish bodies
 * are decoded and their payloads normalised (base64 undone); stored messages are answered
 * as base64 + `base64` step over JSON, or as msgpack bin.
 *
 * @since 0.1.0
 */
import { Errors, Message } from "@effect-ably/core"
import { type Codec, MessageRules, Utf8 } from "@effect-ably/core/wire"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Schema from "effect/Schema"
import type { Payload, PublishInput, StoredMessage } from "../state/Model.js"

type WireMessage = typeof Message.WireMessage.Type

const WireMessages = Schema.Array(Message.WireMessage)

const invalidData = (message: string) => Errors.ablyError(40013, 400, message)

/**
 * Decodes a publish body: an array of messages or a single message. Anything else fails with
 * 400 / 40001.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { decodeMessages } from "./MessageWire.js"
 * const messages = decodeMessages([{ name: "greeting", data: "hi" }])
 */
export const decodeMessages = (body: unknown): Effect.Effect<ReadonlyArray<WireMessage>, Errors.AblyError> =>
  (Array.isArray(body)
    ? Schema.decodeUnknown(WireMessages)(body)
    : Effect.map(Schema.decodeUnknown(Message.WireMessage)(body), (message) => [message])).pipe(
      Effect.mapError((cause) =>
        Errors.ablyError(40001, 400, `Invalid message body: ${Errors.describeParseError(cause)}`, { cause })
      )
    )

const lastStep = (encoding: string | undefined): readonly [rest: string | undefined, last: string | undefined] => {
  if (encoding === undefined || encoding === "") return [undefined, undefined]
  const slash = encoding.lastIndexOf("/")
  return slash === -1 ? [undefined, encoding] : [encoding.slice(0, slash), encoding.slice(slash + 1)]
}

const normalisePayload = (
  data: unknown,
  encoding: string | undefined
): Either.Either<{ readonly data?: Payload; readonly encoding?: string }, Errors.AblyError> => {
  const [rest, last] = lastStep(encoding)
  const kept = encoding === "" ? undefined : encoding
  if (data === undefined || data === null) return Either.right({ encoding: kept })
  if (typeof data === "string") {
    if (last !== "base64") return Either.right({ data, encoding: kept })
    return Encoding.decodeBase64(data).pipe(
      Either.map((bytes) => ({ data: bytes, encoding: rest })),
      Either.mapLeft(() => invalidData("Invalid base64 data"))
    )
  }
  if (data instanceof Uint8Array) {
    return last === "base64"
      ? Either.left(invalidData("Binary data cannot carry a base64 encoding"))
      : Either.right({ data, encoding: kept })
  }
  // A JSON object or array is carried as its JSON text with a `json` step (RSL4c3/RSL4d3).
  if (typeof data === "object") {
    return Either.right({ data: JSON.stringify(data), encoding: MessageRules.appendStep(kept, "json") })
  }
  return Either.left(invalidData(`Unsupported data type: ${typeof data}`))
}

/**
 * Turns a decoded wire message into what the emulator stores: data as text or bytes, with a
 * trailing `base64` step undone. Unsupported data (numbers, booleans, bad base64) fails with
 * 400 / 40013.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { toPublishInput } from "./MessageWire.js"
 * toPublishInput({ data: "aGk=", encoding: "base64" }) // Right({ data: Uint8Array [104, 105] })
 */
export const toPublishInput = (wire: WireMessage): Either.Either<PublishInput, Errors.AblyError> =>
  Either.map(normalisePayload(wire.data, wire.encoding), (payload) => ({
    // Only the fields that are present, so stored messages compare cleanly in tests.
    ...(wire.id === undefined ? {} : { id: wire.id }),
    ...(wire.name === undefined ? {} : { name: wire.name }),
    ...(wire.clientId === undefined ? {} : { clientId: wire.clientId }),
    ...(wire.connectionId === undefined ? {} : { connectionId: wire.connectionId }),
    ...(wire.extras === undefined ? {} : { extras: wire.extras }),
    ...(payload.data === undefined ? {} : { data: payload.data }),
    ...(payload.encoding === undefined ? {} : { encoding: payload.encoding })
  }))

/**
 * The size Ably counts against the message size limit (RSL1i).
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { messageSize } from "./MessageWire.js"
 * messageSize({ name: "n", data: "abc" }) // 4
 */
export const messageSize = (message: PublishInput): number =>
  MessageRules.size({
    name: message.name,
    clientId: message.clientId,
    // Extras arrived as JSON (or msgpack decoded to plain values): they stringify again.
    extrasText: message.extras === undefined ? undefined : JSON.stringify(message.extras),
    dataBytes: message.data === undefined
      ? 0
      : typeof message.data === "string"
      ? Utf8.byteLength(message.data)
      : message.data.length
  })

/**
 * Fails with 400 / 40009 when the messages of one publish together exceed Ably's default limit
 * (`MessageRules.defaultMaxMessageSize`, the same rule the client applies).
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { checkSize } from "./MessageWire.js"
 * const ok = checkSize([{ data: "small" }])
 */
export const checkSize = (messages: ReadonlyArray<PublishInput>): Effect.Effect<void, Errors.AblyError> => {
  const size = messages.reduce((total, message) => total + messageSize(message), 0)
  const limit = MessageRules.defaultMaxMessageSize
  return size > limit
    ? Effect.fail(Errors.ablyError(40009, 400, `Maximum message size exceeded: ${size} bytes (limit ${limit})`))
    : Effect.void
}

/**
 * A stored item's payload for a protocol: bytes become base64 text with a `base64` step over
 * JSON, and stay bytes (msgpack bin) otherwise. Shared by messages and presence messages.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { payloadForProtocol } from "./MessageWire.js"
 * payloadForProtocol("json", { data: new Uint8Array([104, 105]) }) // { data: "aGk=", encoding: "base64" }
 */
export const payloadForProtocol = <M extends { readonly data?: Payload; readonly encoding?: string }>(
  protocol: Codec.Protocol,
  message: M
): Omit<M, "data"> & { readonly data?: Payload } =>
  protocol === "json" && message.data instanceof Uint8Array
    ? {
      ...message,
      data: Encoding.encodeBase64(message.data),
      encoding: MessageRules.appendStep(message.encoding, "base64")
    }
    : message

const forProtocol = (protocol: Codec.Protocol, message: StoredMessage): WireMessage =>
  payloadForProtocol(protocol, message)

/**
 * Stored messages in wire form for a protocol: bytes become base64 (JSON) or bin (msgpack),
 * and the action its number, via `WireMessage`'s encoder.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { encodeMessages } from "./MessageWire.js"
 * const wire = encodeMessages("json", [])
 */
export const encodeMessages = (
  protocol: Codec.Protocol,
  messages: ReadonlyArray<StoredMessage>
): Effect.Effect<ReadonlyArray<unknown>, Errors.AblyError> =>
  Schema.encode(WireMessages)(messages.map((message) => forProtocol(protocol, message))).pipe(
    Effect.mapError((cause) =>
      Errors.ablyError(50000, 500, `Unable to encode messages: ${Errors.describeParseError(cause)}`, { cause })
    )
  )
