/**
 * Parameters of channel enumeration (`GET /channels`): the query (`prefix`, `limit`, `by`)
 * and how the stream copes with the API's quirks (duplicates, 40011, 42912).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type { ChannelDetails } from "./ChannelDetails.js"
import { type AblyError, ablyError } from "./Errors.js"
import { query } from "./internal/http/AblyRequest.js"
import * as Input from "./internal/Input.js"

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
   * Drop channels already emitted (pages may repeat channels). Costs one set of names in
   * memory. Default `true`.
   */
  readonly deduplicate?: boolean | undefined
  /**
   * On 40011 (the pagination sequence became invalid), start again from the first page while
   * the schedule allows it; already emitted channels are not emitted again (with
   * `deduplicate`). Without it, 40011 fails the stream.
   */
  readonly restartOnInvalidation?: Schedule.Schedule<unknown, AblyError> | undefined
  /**
   * On 42912 (another enumeration of the app is running), retry that page request while the
   * schedule allows it. Without it, 42912 fails the stream.
   */
  readonly retryWhileInProgress?: Schedule.Schedule<unknown, AblyError> | undefined
}

const decode = Schema.decodeUnknownEither(ListQuery)

/**
 * Validates the params whatever their static type (not an object, `limit` outside 1–1000, an
 * unknown `by`, a `deduplicate` that is not a boolean or a policy that is not a `Schedule` fail
 * with 40003) and turns the query part into query parameters; `by` is always sent.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { ListParams } from "@effect-ably/core"
 * ListParams.toQuery({ prefix: "room:" }) // Either.right([["prefix", "room:"], ["by", "id"]])
 */
export const toQuery = (params: ListParams | undefined): Either.Either<ReadonlyArray<readonly [string, string]>, AblyError> =>
  Input.guard(() => {
    const given: unknown = params
    if (given !== undefined && given !== null && !Input.isRecord(given)) {
      return Either.left(Input.invalid("channel enumeration parameters", "an object", given))
    }
    const problem = policyProblem(params)
    if (problem !== undefined) return Either.left(ablyError(40003, 400, `Invalid channel enumeration parameters: ${problem}`))
    return Either.map(
      Either.mapLeft(decode({ prefix: params?.prefix, limit: params?.limit, by: params?.by }), (error) =>
        ablyError(40003, 400, `Invalid channel enumeration parameters: ${ParseResult.TreeFormatter.formatErrorSync(error)}`)),
      (valid) => query({ prefix: valid.prefix, limit: valid.limit, by: valid.by ?? "id" })
    )
  }, () => Input.unreadable("channel enumeration parameters"))

// The stream's policies, checked with the query so that a bad one fails before any request.
const policyProblem = (params: ListParams | undefined): string | undefined => {
  const deduplicate: unknown = params?.deduplicate
  if (deduplicate !== undefined && typeof deduplicate !== "boolean") return `deduplicate must be a boolean, got ${Input.describe(deduplicate)}`
  for (const field of ["restartOnInvalidation", "retryWhileInProgress"] as const) {
    const schedule: unknown = params?.[field]
    if (schedule !== undefined && !Schedule.isSchedule(schedule)) return `${field} must be a Schedule, got ${Input.describe(schedule)}`
  }
  return undefined
}
