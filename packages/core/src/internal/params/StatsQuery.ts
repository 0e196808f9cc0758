/**
 * The query of `rest.stats` (RSC6), checked as `Query.checker` does.
 *
 * @since 0.1.0
 */
import * as StatsParams from "../../StatsParams.js"
import * as Query from "./Query.js"

/**
 * Stats (RSC6): the history window plus `unit`.
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as StatsQuery from "./StatsQuery.js"
 * StatsQuery.stats({ unit: "day", limit: 7 }) // Either.right([["limit", "7"], ["unit", "day"]])
 */
export const stats = Query.checker({
  what: "stats parameters",
  schema: StatsParams.StatsParams,
  problem: Query.windowProblem,
  fields: (valid) => ({ ...Query.windowFields(valid), unit: valid.unit })
})
