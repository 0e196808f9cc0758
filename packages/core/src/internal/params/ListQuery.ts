/**
 * The query of `channels.list` (`GET /channels`), checked as `Query.checker` does, with the
 * stream's policies.
 *
 * @since 0.1.0
 */
import * as Schedule from "effect/Schedule"
import * as ListParams from "../../ListParams.js"
import * as Input from "../Input.js"
import * as Query from "./Query.js"

// The stream's policies are checked with the query, so that a bad one fails before a request is sent.
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
 * import * as ListQuery from "./ListQuery.js"
 * ListQuery.list({ prefix: "room:" }) // Either.right([["prefix", "room:"], ["by", "id"]])
 */
export const list = Query.checker({
  what: "channel enumeration parameters",
  schema: ListParams.ListQuery,
  problem: policyProblem,
  fields: (valid) => ({ prefix: valid.prefix, limit: valid.limit, by: valid.by ?? "id" })
})
