/**
 * Query parameters of history reads (RSL2, RSP4), validated before sending.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

// A Date must be a valid one: an invalid Date has no time to send.
const Instant = Schema.Union(Schema.NonNegativeInt, Schema.ValidDateFromSelf)

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * import { HistoryParams } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(HistoryParams.HistoryParams)({ limit: 10, direction: "forwards" })
 */
export const HistoryParams = Schema.Struct({
  /** Earliest time, ms since epoch or a Date (inclusive). */
  start: Schema.optional(Instant),
  /** Latest time, ms since epoch or a Date (inclusive). */
  end: Schema.optional(Instant),
  /** `backwards` (newest first, default) or `forwards`. */
  direction: Schema.optional(Schema.Literal("backwards", "forwards")),
  /** Page size, 1–1000 (server default 100). */
  limit: Schema.optional(Schema.Int.pipe(Schema.between(1, 1000)))
})

/**
 * @since 0.1.0
 * @category models
 */
export type HistoryParams = typeof HistoryParams.Type
