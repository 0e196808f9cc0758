/**
 * Parameters of channel enumeration (`GET /channels`): the query (`prefix`, `limit`, `by`)
 * and how the stream copes with the API's quirks (duplicates, 40011, 42912).
 *
 * @since 0.1.0
 */
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type { ChannelDetails } from "./ChannelDetails.js"
import type { AblyError } from "./Errors.js"

/**
 * What enumeration returns: channel names (`id`, fast) or `ChannelDetails` (`value`).
 *
 * @since 0.1.0
 * @category models
 */
export type By = "id" | "value"

/**
 * The item type for a `by` choice.
 *
 * @since 0.1.0
 * @category models
 */
export type ListItem<B extends By> = B extends "value" ? ChannelDetails : string

/**
 * The query of one enumeration: `prefix`, `limit` (1–1000; the server default is 100) and
 * `by` (`id` by default).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { ListParams } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(ListParams.ListQuery)({ prefix: "room:", limit: 1000, by: "id" })
 */
export const ListQuery = Schema.Struct({
  /** Only channels whose name starts with this. */
  prefix: Schema.optional(Schema.String),
  /** Page size, at most 1000. The server may return fewer, even none, with a `next` link. */
  limit: Schema.optional(Schema.Int.pipe(Schema.between(1, 1000))),
  /** `id` for names (fast, the default), `value` for `ChannelDetails`. */
  by: Schema.optional(Schema.Literal("id", "value"))
})

/**
 * Enumeration parameters: the query, plus the stream's policies.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListParams<B extends By = By> {
  readonly prefix?: string | undefined
  readonly limit?: number | undefined
  readonly by?: B | undefined
  /**
   * Dropping channels the server sends twice. Ably may repeat a channel on neighbouring pages
   * (one that became active again while the cursor moved).
   * - `true` (the default): a channel named on the current or the previous page is dropped.
   *   Memory stays bounded by two pages of names, however many channels the app has; a
   *   channel repeated further apart, or after a restart (40011), is emitted again.
   * - `"all"`: each channel at most once per stream, restarts included. Costs a set of every
   *   name emitted, which grows with the app's channel count (about 50 bytes a name).
   * - `false`: every item as the server sent it.
   */
  readonly deduplicate?: boolean | "all" | undefined
  /**
   * On 40011 (the pagination sequence became invalid), start again from the first page while
   * the schedule allows it; channels already emitted are emitted again unless `deduplicate`
   * is `"all"`. Without it, 40011 fails the stream.
   */
  readonly restartOnInvalidation?: Schedule.Schedule<unknown, AblyError> | undefined
  /**
   * On 42912 (another enumeration of the app is running), retry that page request while the
   * schedule allows it. Without it, 42912 fails the stream.
   */
  readonly retryWhileInProgress?: Schedule.Schedule<unknown, AblyError> | undefined
}
