/**
 * Caller parameters → query parameters, for every read that takes them: one checker over the
 * public parameter Schemas, and the history window's. Each other resource builds its own
 * checker beside it (`StatsQuery`, `PresenceQuery`, `ListQuery`), so that history does not
 * carry theirs.
 * Whatever the static type says, a value that is not an object, fails its Schema or breaks a
 * cross-field rule is a 40003 naming the parameters, never a defect.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError } from "../../Errors.js"
import * as HistoryParams from "../../HistoryParams.js"
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

/**
 * How a checker reads its parameters.
 *
 * @since 0.1.0
 * @category models
 */
export interface Rules<A, I> {
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
  // Built on the first check, not at import.
  let decode: ((u: unknown) => Either.Either<A, ParseResult.ParseError>) | undefined
  const invalid = (problem: string) => ablyError(40003, 400, `Invalid ${rules.what}: ${problem}`)
  const check = (params: unknown): Either.Either<Query, AblyError> => {
    if (params !== undefined && params !== null && !Input.isRecord(params)) {
      return Either.left(Input.invalid(rules.what, "an object", params))
    }
    const given = params ?? {}
    return Either.flatMap(
      Either.mapLeft(
        (decode ??= Schema.decodeUnknownEither(rules.schema))(given),
        (error) => invalid(describeParseError(error))
      ),
      (valid) => {
        const problem = rules.problem?.(valid, given)
        return problem === undefined ? Either.right(query(rules.fields(valid))) : Either.left(invalid(problem))
      }
    )
  }
  // A getter or proxy that throws is the caller's problem, typed like the rest.
  return (params: unknown): Either.Either<Query, AblyError> =>
    Input.guard(() => check(params), () => Input.unreadable(rules.what))
}

const millis = (instant: number | Date | undefined) => instant instanceof Date ? instant.getTime() : instant

/**
 * The history window's cross-field rule: `start` must not be after `end`.
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as Query from "./Query.js"
 * Query.windowProblem({ start: 2, end: 1 }) // "start must not be after end"
 */
export const windowProblem = (valid: HistoryParams.HistoryParams): string | undefined => {
  const start = millis(valid.start)
  const end = millis(valid.end)
  return start !== undefined && end !== undefined && start > end ? "start must not be after end" : undefined
}

/**
 * The history window's query fields: `start`, `end` (ms since epoch), `direction`, `limit`.
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as Query from "./Query.js"
 * Query.windowFields({ limit: 5 }) // { start: undefined, end: undefined, direction: undefined, limit: 5 }
 */
export const windowFields = (valid: HistoryParams.HistoryParams) => ({
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
