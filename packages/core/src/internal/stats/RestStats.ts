/**
 * `stats` (RSC6): `GET /stats`, application statistics by minute, hour, day or month.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import { type AblyError } from "../../Errors.js"
import { Stats } from "../../Stats.js"
import * as StatsParams from "../../StatsParams.js"
import type { Service as Http } from "../http/AblyHttp.js"
import type { AblyResponse } from "../http/AblyRequest.js"
import * as ArrayBody from "../http/ArrayBody.js"
import * as Paginated from "../paginated/Paginated.js"
import * as StatsQuery from "../params/StatsQuery.js"
import * as Span from "../Span.js"

/**
 * Decodes a response body holding an array of stats records (`[]` for an empty body).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as RestStats from "./RestStats.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import * as Paginated from "../paginated/Paginated.js"
 * import { Effect } from "effect"
 * const page = Effect.flatMap(AblyHttp.AblyHttp, (http) =>
 *   Paginated.fetchPage({ send: http.send, decode: RestStats.statsFromResponse }, { method: "GET", path: "/stats" }))
 */
export const statsFromResponse: (response: AblyResponse) => Effect.Effect<ReadonlyArray<Stats>, AblyError> = ArrayBody
  .decoder(
    Stats,
    "stats list"
  )

/**
 * The first page of stats, for paging by hand. Invalid params fail with 40003 before sending.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as RestStats from "./RestStats.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect } from "effect"
 * const lastDay = Effect.flatMap(AblyHttp.AblyHttp, (http) => RestStats.statsPage(http, { unit: "hour", limit: 24 }))
 */
export const statsPage = (
  http: Http,
  params?: StatsParams.StatsParams
): Effect.Effect<Paginated.Page<Stats>, AblyError> =>
  Effect.gen(function*() {
    const query = yield* StatsQuery.stats(params)
    return yield* Paginated.fetchPage({ send: http.send, decode: statsFromResponse, origins: http.origins }, {
      method: "GET",
      path: "/stats",
      query
    })
  }).pipe(Span.withSpan("Rest.stats", { captureStackTrace: false }))

/**
 * Every stats record in the window, page by page, fetched lazily.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as RestStats from "./RestStats.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect, Stream } from "effect"
 * const days = Effect.flatMap(AblyHttp.AblyHttp, (http) =>
 *   RestStats.stats(http, { unit: "day", direction: "forwards" }).pipe(Stream.runCollect))
 */
export const stats = (http: Http, params?: StatsParams.StatsParams): Stream.Stream<Stats, AblyError> =>
  Paginated.items(statsPage(http, params))
