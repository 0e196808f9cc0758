/**
 * Query parameters of `stats` (RSC6b): the history window and paging, plus the `unit`.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as HistoryParams from "./HistoryParams.js"
import { type AblyError, ablyError } from "./Errors.js"
import * as Input from "./internal/Input.js"
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

const decodeUnit = Schema.decodeUnknownEither(Schema.Struct({ unit: Schema.optional(StatsUnit) }))

/**
 * Validates params, whatever their static type, and turns them into a query; not an object,
 * an unknown `unit` or invalid window values fail with 40003.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { StatsParams } from "@effect-ably/core"
 * StatsParams.toQuery({ unit: "day", limit: 7 }) // Either.right([["limit", "7"], ["unit", "day"]])
 */
export const toQuery = (params: StatsParams | undefined): Either.Either<ReadonlyArray<readonly [string, string]>, AblyError> =>
  Input.guard(() => toQueryChecked(params), () => Input.unreadable("stats parameters"))

const toQueryChecked = (params: StatsParams | undefined): Either.Either<ReadonlyArray<readonly [string, string]>, AblyError> =>
  Either.gen(function*() {
    const given: unknown = params
    if (given !== undefined && given !== null && !Input.isRecord(given)) {
      return yield* Either.left(Input.invalid("stats parameters", "an object", given))
    }
    const { unit, ...window } = params ?? {}
    const history = yield* HistoryParams.toQuery(window)
    const valid = yield* Either.mapLeft(decodeUnit({ unit }), (error) =>
      ablyError(40003, 400, `Invalid stats parameters: ${ParseResult.TreeFormatter.formatErrorSync(error)}`))
    return valid.unit === undefined ? history : [...history, ["unit", valid.unit] as const]
  })
