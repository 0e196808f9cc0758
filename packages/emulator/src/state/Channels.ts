/**
 * Publishing onto a channel: server-assigned ids, timestamps and serials, and idempotent
 * republishing (RSL1k).
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import type { ChannelState, PublishInput, StoredMessage } from "./Model.js"

/**
 * A message id published within this window is not stored again (Ably uses 2 minutes).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Channels from "./Channels.js"
 * Channels.idempotencyWindowMillis // 120_000 (2 minutes)
 */
export const idempotencyWindowMillis = 120_000

/**
 * A channel nobody has published on yet.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Channels from "./Channels.js"
 * import { Chunk, HashMap } from "effect"
 * Chunk.isEmpty(Channels.emptyChannel.messages) && HashMap.isEmpty(Channels.emptyChannel.publishedIds) // true
 */
export const emptyChannel: ChannelState = { messages: Chunk.empty(), publishedIds: HashMap.empty() }

/**
 * A serial that sorts in publish order: the global sequence, zero-padded, then the time.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Channels from "./Channels.js"
 * Channels.formatSerial(42, 1700000000000) // "0000000000000042@1700000000000"
 */
export const formatSerial = (sequence: number, timestamp: number): string =>
  `${String(sequence).padStart(16, "0")}@${timestamp}`

/**
 * What the server decides for one publish request.
 *
 * @since 0.1.0
 * @category models
 */
export interface Published {
  readonly channel: ChannelState
  readonly sequence: number
  readonly messageId: string
  readonly serials: ReadonlyArray<string>
}

/**
 * Appends messages to a channel. Messages without an id get `<idBase>:<index>`; a message
 * whose id was published in the last two minutes is skipped but still answered with its
 * original serial.
 *
 * @since 0.1.0
 * @category publishing
 * @example
 * import * as Channels from "./Channels.js"
 * const out = Channels.publish(Channels.emptyChannel, [{ name: "a", data: "x" }], { now: 0, sequence: 0, idBase: "base" })
 * out.serials // ["0000000000000001@0"]
 */
export const publish = (
  channel: ChannelState,
  inputs: ReadonlyArray<PublishInput>,
  context: { readonly now: number; readonly sequence: number; readonly idBase: string }
): Published => {
  const { now, idBase } = context
  let { messages, publishedIds } = channel
  let sequence = context.sequence
  const serials: Array<string> = []
  inputs.forEach((input, index) => {
    const id = input.id ?? `${idBase}:${index}`
    const previous = HashMap.get(publishedIds, id).pipe(
      Option.filter((published) => now - published.timestamp < idempotencyWindowMillis)
    )
    if (Option.isSome(previous)) {
      serials.push(previous.value.serial)
      return
    }
    sequence += 1
    const serial = formatSerial(sequence, now)
    const stored: StoredMessage = { ...input, id, timestamp: now, serial, action: "message.create" }
    messages = Chunk.append(messages, stored)
    publishedIds = HashMap.set(publishedIds, id, { serial, timestamp: now })
    serials.push(serial)
  })
  const firstId = inputs[0]?.id
  // The response names the id base; for `<base>:<index>` ids that is `<base>`.
  const messageId = firstId === undefined ? idBase : firstId.replace(/:\d+$/, "")
  return { channel: { ...channel, messages, publishedIds }, sequence, messageId, serials }
}
