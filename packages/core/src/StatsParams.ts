/**
 * Query parameters of `stats` (RSC6b): the history window and paging, plus the `unit`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as HistoryParams from "./HistoryParams.js"
import { StatsUnit } from "./Stats.js"

/**
 * `start`/`end` (ms or Date, `start` ≤ `end` whatever the direction), `direction`
 * (`backwards` by default), `limit` (1–1000, default 100) and `unit` (`minute` by default).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { StatsParams } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(StatsParams.StatsParams)({ unit: "hour", limit: 24 })
 */
export const StatsParams = Schema.Struct({
  ...HistoryParams.HistoryParams.fields,
  unit: Schema.optional(StatsUnit)
})

/**
 * @since 0.1.0
 * @category models
 */
export type StatsParams = typeof StatsParams.Type
