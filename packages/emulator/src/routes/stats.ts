/**
 * `GET /stats` (RSC6): application statistics by minute, hour, day or month, paginated with
 * `Link` headers; and `POST /stats`, the sandbox's way to load statistics fixtures.
 *
 * @since 0.1.0
 */
import { Errors, Stats } from "@effect-ably/core"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Capability from "../auth/Capability.js"
import { authenticate } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { readBody } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import * as StatsState from "../state/Stats.js"
import { linkHeader, type LinkTarget } from "./Link.js"

// A time is ms since the epoch or an intervalId (`2015-02-03:15:05`), as ably-js passes both.
const Instant = Schema.transformOrFail(Schema.String, Schema.Number, {
  strict: true,
  decode: (text, _, ast) =>
    /^\d{1,15}$/.test(text)
      ? ParseResult.succeed(Number(text))
      : Either.match(Stats.intervalTime(text), {
        onLeft: (issue) => ParseResult.fail(new ParseResult.Type(ast, text, issue)),
        onRight: ParseResult.succeed
      }),
  encode: (time) => ParseResult.succeed(String(time))
})

/**
 * The query parameters of `GET /stats`: `start`/`end` (ms or intervalIds), `unit` (or `by`,
 * its legacy alias that older clients send; `unit` wins; default minute), `direction`
 * (default backwards), `limit` 1–1000 (default 100), and `cursor`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { StatsParams } from "./stats.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(StatsParams)({ start: "2024-01-02:03:04", limit: "10", by: "hour" })
 * // → { start: 1704164640000, by: "hour", direction: "backwards", limit: 10 }
 */
export const StatsParams = Schema.Struct({
  start: Schema.optional(Instant),
  end: Schema.optional(Instant),
  unit: Schema.optional(Stats.StatsUnit),
  by: Schema.optional(Stats.StatsUnit),
  direction: Schema.optionalWith(Schema.Literal("backwards", "forwards"), { default: () => "backwards" as const }),
  limit: Schema.optionalWith(
    Schema.compose(Schema.String.pipe(Schema.pattern(/^\d{1,7}$/)), Schema.NumberFromString).pipe(
      Schema.between(1, 1000)
    ),
    { default: () => 100 }
  ),
  cursor: Schema.optional(Schema.compose(Schema.String.pipe(Schema.pattern(/^\d{1,15}$/)), Schema.NumberFromString)),
  format: Schema.optional(Schema.Literal("json", "msgpack"))
})

const invalid = (message: string, cause?: unknown) =>
  Errors.ablyError(40003, 400, `Invalid stats parameters: ${message}`, { cause })

const links = (query: StatsState.StatsQuery, format: string | undefined, next: number | undefined): string => {
  const at = (cursor: number | undefined): LinkTarget["params"] => [
    ["start", String(query.start)],
    ["end", String(query.end)],
    ["limit", String(query.limit)],
    ["unit", query.unit],
    ["direction", query.direction],
    ...(format === undefined ? [] : [["format", format] as const]),
    ...(cursor === undefined ? [] : [["cursor", String(cursor)] as const])
  ]
  return linkHeader("stats", [
    { rel: "first", params: at(undefined) },
    { rel: "current", params: at(query.cursor) },
    ...(next === undefined ? [] : [{ rel: "next", params: at(next) } as const])
  ])
}

/**
 * Authenticates, checks the `stats` capability (else 401 / 40160), validates the query
 * (400 / 40003) and answers one page of aggregated records in the current shape.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { stats } from "./stats.js"
 * const handler = stats
 */
export const stats = Effect.gen(function*() {
  const principal = yield* authenticate
  yield* Capability.ensure(principal.capability, "*", "stats")
  const params = yield* HttpServerRequest.schemaSearchParams(StatsParams).pipe(
    Effect.mapError((cause) => invalid(Errors.describeParseError(cause), cause))
  )
  const now = yield* Clock.currentTimeMillis
  const query: StatsState.StatsQuery = {
    start: params.start ?? 0,
    end: params.end ?? now,
    unit: params.unit ?? params.by ?? "minute",
    direction: params.direction,
    limit: params.limit,
    cursor: params.cursor
  }
  if (query.start > query.end) return yield* Effect.fail(invalid(`start (${query.start}) is after end (${query.end})`))
  const app = principal.app
  const page = StatsState.page(app.stats ?? HashMap.empty(), query, { now, appId: app.appId })
  return yield* respond(200, page.items, { link: links(query, params.format, page.next) })
})

const StatsFixtures = Schema.Union(
  Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

/**
 * Loads statistics fixtures (one record or an array), as Ably's sandbox does: records in the
 * older nested shape or with `entries`. Answers 201; an invalid body fails with 400 / 40001
 * or 40003.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { postStats } from "./stats.js"
 * const handler = postStats
 */
export const postStats = Effect.gen(function*() {
  const principal = yield* authenticate
  const body = yield* Effect.flatMap(readBody, Schema.decodeUnknown(StatsFixtures)).pipe(
    Effect.mapError((cause) =>
      Errors.isAblyError(cause)
        ? cause
        : Errors.ablyError(40001, 400, `Invalid stats fixtures: ${Errors.describeParseError(cause)}`, { cause })
    )
  )
  const records = Array.isArray(body) ? body : [body]
  const emulator = yield* Emulator
  yield* emulator.admin.postStats(principal.app.appId, records)
  return yield* respond(201, records.map((record) => record["intervalId"]))
})
