/**
 * Reading a channel's history one page at a time. Pages continue from a cursor (the serial
 * of the next message), so paging is exact even when many messages share a timestamp.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import type { StoredMessage } from "./Model.js"

/**
 * A validated history query: `start`/`end` in ms (inclusive), and an optional cursor.
 *
 * @since 0.1.0
 * @category models
 */
export interface HistoryQuery {
  readonly start: number
  readonly end: number
  readonly direction: "backwards" | "forwards"
  readonly limit: number
  readonly cursor?: string | undefined
}

/**
 * One page of history; `next` is the cursor of the following page, when messages remain.
 *
 * @since 0.1.0
 * @category models
 */
export interface HistoryPage<M = StoredMessage> {
  readonly items: ReadonlyArray<M>
  readonly next: string | undefined
}

/**
 * Selects one page: messages (or presence events) in the time range, from the cursor on,
 * newest first when `backwards`. Serials are fixed-width, so comparing them as strings follows publish order.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Channels from "./Channels.js"
 * import * as History from "./History.js"
 * const page = History.page(Channels.emptyChannel.messages, { start: 0, end: 10, direction: "forwards", limit: 100 })
 * page.items.length // 0
 */
export const page = <M extends Pick<StoredMessage, "timestamp" | "serial"> = StoredMessage>(
  messages: Chunk.Chunk<M>,
  query: HistoryQuery
): HistoryPage<M> => {
  const all = Chunk.toReadonlyArray(messages)
  const forwards = query.direction === "forwards"
  const { cursor } = query
  const items: Array<M> = []
  for (let i = 0; i < all.length; i++) {
    const message = all[forwards ? i : all.length - 1 - i]
    if (message === undefined || message.timestamp < query.start || message.timestamp > query.end) continue
    if (cursor !== undefined && (forwards ? message.serial < cursor : message.serial > cursor)) continue
    if (items.length === query.limit) return { items, next: message.serial }
    items.push(message)
  }
  return { items, next: undefined }
}
