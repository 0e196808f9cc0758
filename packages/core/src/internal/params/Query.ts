/**
 * Caller parameters → query parameters, for every read that takes them: one checker over the
 * public parameter Schemas (`HistoryParams`, `StatsParams`, `PresenceParams`, `ListParams`).
 * Whatever the static type says, a value that is not an object, fails its Schema or breaks a
 * cross-field rule is a 40003 naming the parameters, never a defect.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError } from "../../Errors.js"
import * as HistoryParams from "../../HistoryParams.js"
import * as ListParams from "../../ListParams.js"
import * as PresenceParams from "../../PresenceParams.js"
import * as StatsParams from "../../StatsParams.js"
import { describeParseError } from "../ErrorCause.js"
import { query } from "../http/AblyRequest.js"
import * as Input from "../Input.js"

/**
 * Query parameters in order, ready for the request.
 *
 * @since 0.1.0
 * @category models
 */
export type Query = ReadonlyArray<readonly [string, string]>

interface Rules<A, I> {
  /** How the parameters are named in errors: "history parameters". */
  readonly what: string
  readonly schema: Schema.Schema<A, I>
  /** A rule across fields, or about values outside the Schema: the problem, or undefined. */
  readonly problem?: (valid: A, given: Readonly<Record<string, unknown>>) => string | undefined
  readonly fields: (valid: A) => Readonly<Record<string, string | number | boolean | undefined>>
}

/**
 * A checker from caller parameters (anything) to a query, per `Rules`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Query from "./Query.js"
 * Query.history({ limit: 5 }) // Either.right([["limit", "5"]])
 */
export const checker = <A, I>(rules: Rules<A, I>) => {
  const decode = Schema.decodeUnknownEither(rules.schema)
  const invalid = (problem: string) => ablyError(40003, 400, `Invalid ${rules.what}: ${problem}`)
  const check = (params: unknown): Either.Either<Query, AblyError> => {
    if (params !== undefined && params !== null && !Input.isRecord(params)) {
      return Either.left(Input.invalid(rules.what, "an object", params))
    }
    const given = params ?? {}
    return Either.flatMap(Either.mapLeft(decode(given), (error) => invalid(describeParseError(error))), (valid) => {
      const problem = rules.problem?.(valid, given)
      return problem === undefined ? Either.right(query(rules.fields(valid))) : Either.left(invalid(problem))
    })
  }
  // A getter or proxy that throws is the caller's problem, typed like the rest.
  return (params: unknown): Either.Either<Query, AblyError> =>
    Input.guard(() => check(params), () => Input.unreadable(rules.what))
}

const millis = (instant: number | Date | undefined) => instant instanceof Date ? instant.getTime() : instant

const windowProblem = (valid: HistoryParams.HistoryParams): string | undefined => {
  const start = millis(valid.start)
  const end = millis(valid.end)
  return start !== undefined && end !== undefined && start > end ? "start must not be after end" : undefined
}

const windowFields = (valid: HistoryParams.HistoryParams) => ({
  start: millis(valid.start),
  end: millis(valid.end),
  direction: valid.direction,
  limit: valid.limit
})

/**
 * History (RSL2, RSP4): NaN, infinite, negative or fractional times, invalid Dates, an unknown
 * `direction`, a `limit` outside 1–1000 or `start` after `end` fail with 40003.
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as Query from "./Query.js"
 * Query.history({ direction: "forwards" }) // Either.right([["direction", "forwards"]])
 */
export const history = checker({
  what: "history parameters",
  schema: HistoryParams.HistoryParams,
  problem: windowProblem,
  fields: windowFields
})

/**
 * Stats (RSC6): the history window plus `unit`.
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as Query from "./Query.js"
 * Query.stats({ unit: "day", limit: 7 }) // Either.right([["limit", "7"], ["unit", "day"]])
 */
export const stats = checker({
  what: "stats parameters",
  schema: StatsParams.StatsParams,
  problem: windowProblem,
  fields: (valid) => ({ ...windowFields(valid), unit: valid.unit })
})

/**
 * Presence `get` (RSP3): `limit`, `clientId`, `connectionId`.
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as Query from "./Query.js"
 * Query.presence({ clientId: "alice" }) // Either.right([["clientId", "alice"]])
 */
export const presence = checker({
  what: "presence parameters",
  schema: PresenceParams.PresenceParams,
  fields: (valid) => ({ limit: valid.limit, clientId: valid.clientId, connectionId: valid.connectionId })
})

// The stream's policies are checked with the query, so that a bad one fails before any request.
const policyProblem = (_: unknown, given: Readonly<Record<string, unknown>>): string | undefined => {
  const deduplicate = given["deduplicate"]
  if (deduplicate !== undefined && typeof deduplicate !== "boolean" && deduplicate !== "all") {
    return `deduplicate must be a boolean or "all", got ${Input.describe(deduplicate)}`
  }
  for (const field of ["restartOnInvalidation", "retryWhileInProgress"] as const) {
    const schedule = given[field]
    if (schedule !== undefined && !Schedule.isSchedule(schedule)) {
      return `${field} must be a Schedule, got ${Input.describe(schedule)}`
    }
  }
  return undefined
}

/**
 * Channel enumeration (`GET /channels`): `prefix`, `limit`, `by` (always sent, `id` by
 * default) and the stream's policies (`deduplicate` a boolean or `"all"`, the two policies Schedules).
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as Query from "./Query.js"
 * Query.list({ prefix: "room:" }) // Either.right([["prefix", "room:"], ["by", "id"]])
 */
export const list = checker({
  what: "channel enumeration parameters",
  schema: ListParams.ListQuery,
  problem: policyProblem,
  fields: (valid) => ({ prefix: valid.prefix, limit: valid.limit, by: valid.by ?? "id" })
})
