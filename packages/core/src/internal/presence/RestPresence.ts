/**
 * `RestPresence` (RSP): a channel's current presence members and presence history, as lazy
 * Streams over all pages and as first pages for paging by hand.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import type * as Stream from "effect/Stream"
import type * as DataCodec from "../../DataCodec.js"
import type { AblyError } from "../../Errors.js"
import * as HistoryParams from "../../HistoryParams.js"
import type { PresenceMessage } from "../../PresenceMessage.js"
import * as PresenceParams from "../../PresenceParams.js"
import type { Service as Http } from "../http/AblyHttp.js"
import type { AblyRequest } from "../http/AblyRequest.js"
import * as Paginated from "../paginated/Paginated.js"
import * as PresenceQuery from "../params/PresenceQuery.js"
import * as Query from "../params/Query.js"
import * as Span from "../Span.js"
import { presenceFromResponse } from "./PresenceDecode.js"

/**
 * The presence of one channel. A REST client reads presence; it cannot enter it (RSP2).
 *
 * @since 0.1.0
 * @category models
 */
export interface RestPresence<P = unknown> {
  /**
   * The members present now (RSP3), every page, fetched lazily.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect, Stream } from "effect"
   * const members = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.channel("room").presence.get({ clientId: "alice" }).pipe(Stream.runCollect))
   */
  readonly get: (params?: PresenceParams.PresenceParams) => Stream.Stream<PresenceMessage<P>, AblyError>
  /** The first page of members, for paging by hand. */
  readonly getPage: (
    params?: PresenceParams.PresenceParams
  ) => Effect.Effect<Paginated.Page<PresenceMessage<P>>, AblyError>
  /**
   * Presence events (enter, leave, update…) over time (RSP4), every page, fetched lazily.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect, Stream } from "effect"
   * const events = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.channel("room").presence.history({ direction: "forwards" }).pipe(Stream.take(50), Stream.runCollect))
   */
  readonly history: (params?: HistoryParams.HistoryParams) => Stream.Stream<PresenceMessage<P>, AblyError>
  /** The first page of presence history, for paging by hand. */
  readonly historyPage: (
    params?: HistoryParams.HistoryParams
  ) => Effect.Effect<Paginated.Page<PresenceMessage<P>>, AblyError>
}

/**
 * Builds the presence object of a channel. `path` is the channel's percent-encoded resource
 * path; `validName` reports an invalid channel name (40010) and `codec` the channel's
 * presence codec (or invalid channel options) on every call.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as RestPresence from "./RestPresence.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { DataCodec } from "@effect-ably/core"
 * import { Effect, Either, Stream } from "effect"
 * const room = { name: "room", path: "/channels/room", validName: Either.right("room"), codec: Effect.succeed(DataCodec.untyped()) }
 * const members = Effect.flatMap(AblyHttp.AblyHttp, (http) => RestPresence.make(http, room).get().pipe(Stream.runCollect))
 */
export const make = <P = unknown>(
  http: Http,
  channel: {
    readonly name: string
    readonly path: string
    readonly validName: Either.Either<string, AblyError>
    readonly codec: Effect.Effect<DataCodec.DataCodec<P>, AblyError>
  }
): RestPresence<P> => {
  const spanAttributes = { captureStackTrace: false, attributes: { "ably.channel": channel.name } }

  const firstPage = (
    span: string,
    path: string,
    query: Either.Either<AblyRequest["query"], AblyError>
  ) =>
    Effect.gen(function*() {
      yield* channel.validName
      const codec = yield* channel.codec
      return yield* Paginated.fetchPage(
        { send: http.send, decode: presenceFromResponse(codec), origins: http.origins },
        { method: "GET", path, query: yield* query }
      )
    }).pipe(Span.withSpan(span, spanAttributes))

  const getPage = (params?: PresenceParams.PresenceParams) =>
    firstPage("RestPresence.get", `${channel.path}/presence`, PresenceQuery.presence(params))

  const historyPage = (params?: HistoryParams.HistoryParams) =>
    firstPage("RestPresence.history", `${channel.path}/presence/history`, Query.history(params))

  return {
    get: (params) => Paginated.items(getPage(params)),
    getPage,
    history: (params) => Paginated.items(historyPage(params)),
    historyPage
  }
}
