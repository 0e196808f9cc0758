/**
 * Preparing a publish (RSL1): payload encoding, idempotent ids (RSL1k) and the size check
 * (RSL1i, 40009), all before anything is sent.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { type AblyError, ablyError } from "../Errors.js"
import * as Codec from "../Http/Codec.js"
import { randomId } from "../Random.js"
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
 * The size that counts against `maxMessageSize` (TO3l8): name + clientId + extras JSON + data.
 *
 * @since 0.1.0
 * @category size
 * @example
 * import { Publish } from "@effect-ably/core"
 * Publish.messageSize({ name: "n", clientId: "c" }, 3) // 5
 */
export const messageSize = (message: OutboundMessage, dataSize: number): number =>
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
 * Encodes messages for one publish request and checks their combined size.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Publish } from "@effect-ably/core"
 * const prepared = Publish.prepare([{ name: "greeting", data: "hello" }], {
 *   protocol: "json", maxMessageSize: 65536, idempotent: true
 * })
 */
export const prepare = (
  messages: ReadonlyArray<OutboundMessage>,
  options: { readonly protocol: Codec.Protocol; readonly maxMessageSize: number; readonly idempotent: boolean }
): Effect.Effect<ReadonlyArray<WireOutbound>, AblyError> =>
  Effect.gen(function*() {
    let total = 0
    const encoded: Array<WireOutbound> = []
    for (const message of messages) {
      const payload = yield* Payload.encode(message.data, message.encoding, options.protocol)
      total += messageSize(message, payload.size)
      encoded.push(dropUndefined({ ...message, data: payload.data, encoding: payload.encoding }))
    }
    if (total > options.maxMessageSize) {
      return yield* Effect.fail(ablyError(
        40009,
        400,
        `Maximum size of messages that can be published at once exceeded: ${total} bytes, limit ${options.maxMessageSize}`
      ))
    }
    return options.idempotent ? yield* assignIds(encoded) : encoded
  })
