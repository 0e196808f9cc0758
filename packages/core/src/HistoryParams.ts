/**
 * Query parameters of history reads (RSL2, RSP4), validated before sending.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError } from "./Errors.js"
import { query } from "./internal/http/AblyRequest.js"
import * as Input from "./internal/Input.js"

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

const decode = Schema.decodeUnknownEither(HistoryParams)
const millis = (instant: number | Date | undefined) => instant instanceof Date ? instant.getTime() : instant

/**
 * Validates params, whatever their static type, and turns them into a query: not an object,
 * NaN, infinite, negative or fractional times, invalid Dates, an unknown `direction` or a
 * `limit` outside 1–1000 fail with 40003.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { HistoryParams } from "@effect-ably/core"
 * HistoryParams.toQuery({ limit: 5 }) // Either.right([["limit", "5"]])
 */
export const toQuery = (params: HistoryParams | undefined): Either.Either<ReadonlyArray<readonly [string, string]>, AblyError> =>
  Input.guard(() => toQueryChecked(params), () => Input.unreadable("history parameters"))

const toQueryChecked = (params: unknown): Either.Either<ReadonlyArray<readonly [string, string]>, AblyError> =>
  Either.gen(function*() {
    if (params !== undefined && params !== null && !Input.isRecord(params)) {
      return yield* Either.left(Input.invalid("history parameters", "an object", params))
    }
    const valid = yield* Either.mapLeft(decode(params ?? {}), (error) =>
      ablyError(40003, 400, `Invalid history parameters: ${ParseResult.TreeFormatter.formatErrorSync(error)}`))
    const start = millis(valid.start)
    const end = millis(valid.end)
    if (start !== undefined && end !== undefined && start > end) {
      return yield* Either.left(ablyError(40003, 400, "Invalid history parameters: start must not be after end"))
    }
    return query({ start, end, direction: valid.direction, limit: valid.limit })
  })
