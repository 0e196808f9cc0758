/**
 * Preparing a publish (RSL1): the channel's Schema and payload encoding (encryption
 * included), idempotent ids (RSL1k) and the size check (RSL1i, 40009), all before anything is
 * sent.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { type AblyError, ablyError, describeParseError } from "../Errors.js"
import * as Codec from "../Http/Codec.js"
import { randomId } from "../Random.js"
import type * as DataCodec from "./DataCodec.js"
import type { OutboundMessage } from "./Message.js"
import * as Payload from "./Payload.js"

/**
 * A message as sent: every field the caller set (RSL1j), nulls left out (RSL1e).
 *
 * @since 0.1.0
 * @category models
 */
export type WireOutbound = Omit<OutboundMessage, "data"> & { readonly data?: unknown }

const utf8Length = (text: string | undefined) => text === undefined ? 0 : Codec.utf8Encode(text).byteLength

/**
 * The size that counts against `maxMessageSize` (TO3l8): UTF-8 bytes of name, clientId and
 * the JSON of extras, plus `dataSize` (see `Payload.EncodedPayload.size`).
 *
 * @since 0.1.0
 * @category size
 * @example
 * import { Publish } from "@effect-ably/core"
 * Publish.messageSize({ name: "n", clientId: "c" }, 3) // 5
 */
export const messageSize = (message: Omit<OutboundMessage, "data">, dataSize: number): number =>
  utf8Length(message.name) + utf8Length(message.clientId) +
  (message.extras === undefined ? 0 : utf8Length(JSON.stringify(message.extras))) + dataSize

/**
 * Idempotent ids `<base>:<index>` from 9 random bytes, only when no message has an id
 * (RSL1k1–k3). The ids are chosen once, so every retry resends the same ids.
 *
 * @since 0.1.0
 * @category ids
 * @example
 * import { Publish } from "@effect-ably/core"
 * const withIds = Publish.assignIds([{ name: "a" }, { name: "b" }]) // ids "<base>:0", "<base>:1"
 */
export const assignIds = <M extends { readonly id?: string | undefined }>(
  messages: ReadonlyArray<M>
): Effect.Effect<ReadonlyArray<M>> =>
  messages.some((message) => message.id !== undefined)
    ? Effect.succeed(messages)
    : Effect.map(randomId(9), (base) => messages.map((message, index) => ({ ...message, id: `${base}:${index}` })))

const dropUndefined = (message: WireOutbound): WireOutbound => {
  const result: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(message)) {
    if (value !== undefined && value !== null) result[name] = value
  }
  return result
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
 * parse issue as cause), then the payload (RSL4/RSL5). Nulls are left out (RSL1e).
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { Publish } from "@effect-ably/core"
 * const encoded = Publish.encodeMessage({ name: "n", data: { a: 1 } }, { protocol: "json" })
 * // Effect of { wire: { name: "n", data: '{"a":1}', encoding: "json" }, size: 8 }
 */
export const encodeMessage = <A>(
  message: OutboundMessage,
  options: EncodeOptions<A>
): Effect.Effect<EncodedMessage, AblyError> =>
  Effect.gen(function*() {
    const data = options.codec === undefined ? message.data : yield* Effect.mapError(
      options.codec.toData(message.data),
      (issue) => ablyError(40013, 400, `Data of message does not match the channel schema: ${describeParseError(issue)}`, { cause: issue })
    )
    const payload = yield* Payload.encode(data, {
      protocol: options.protocol,
      cipher: options.codec?.cipher,
      encoding: message.encoding
    })
    return {
      wire: dropUndefined({ ...message, data: payload.data, encoding: payload.encoding }),
      size: messageSize(message, payload.size)
    }
  })

/**
 * Fails with 40009 when `size` is over `maxMessageSize` (RSL1i); exactly at the limit is fine.
 *
 * @since 0.1.0
 * @category size
 * @example
 * import { Publish } from "@effect-ably/core"
 * Publish.checkSize(70000, 65536) // fails with AblyError 40009
 */
export const checkSize = (size: number, maxMessageSize: number): Effect.Effect<void, AblyError> =>
  size > maxMessageSize
    ? Effect.fail(ablyError(
      40009,
      400,
      `Maximum size of messages that can be published at once exceeded: ${size} bytes, limit ${maxMessageSize}`
    ))
    : Effect.void

/**
 * Encodes the messages of one publish request, checks their combined size (40009, nothing is
 * sent) and adds idempotent ids. A batch publish calls it once per `BatchPublishSpec`: each
 * spec has its own size budget and its own id base (RSC22d).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Publish } from "@effect-ably/core"
 * const prepared = Publish.prepare([{ name: "greeting", data: "hello" }], {
 *   protocol: "json", maxMessageSize: 65536, idempotent: true
 * })
 */
export const prepare = <A = unknown>(
  messages: ReadonlyArray<OutboundMessage>,
  options: EncodeOptions<A> & { readonly maxMessageSize: number; readonly idempotent: boolean }
): Effect.Effect<ReadonlyArray<WireOutbound>, AblyError> =>
  Effect.gen(function*() {
    const encoded = yield* Effect.forEach(messages, (message) => encodeMessage(message, options))
    yield* checkSize(encoded.reduce((total, message) => total + message.size, 0), options.maxMessageSize)
    const wire = encoded.map((message) => message.wire)
    return options.idempotent ? yield* assignIds(wire) : wire
  })
