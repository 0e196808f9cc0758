/**
 * Channel enumeration (`GET /channels`) as a Stream: every active channel of an app, fetched
 * page by page as the consumer pulls, coping with the API's documented quirks — short and
 * empty pages that still have a `next` link, duplicates across pages, 40011 (restart from the
 * first page) and 42912 (another enumeration is running).
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { ChannelDetails } from "../../ChannelDetails.js"
import { type AblyError, isEnumerationInProgress, isPaginationInvalidated } from "../../Errors.js"
import * as ListParams from "../../ListParams.js"
import type { AblyRequest, AblyResponse } from "../http/AblyRequest.js"
import * as ArrayBody from "../http/ArrayBody.js"
import * as Paginated from "../paginated/Paginated.js"
import * as ListQuery from "../params/ListQuery.js"
import * as Span from "../Span.js"
import * as RecentNames from "./RecentNames.js"

/**
 * Sends one enumeration page request.
 *
 * @since 0.1.0
 * @category models
 */
export type Send = (request: AblyRequest) => Effect.Effect<AblyResponse, AblyError>

type Item = string | ChannelDetails

/**
 * A `by=id` item: a name, or a `{channelId}` object read as its name (lenient, RSF1).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import * as ChannelList from "./ChannelList.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(ChannelList.ChannelId)({ channelId: "room:1" }) // "room:1"
 */
export const ChannelId = Schema.Union(
  Schema.String,
  Schema.transform(Schema.Struct({ channelId: Schema.String }), Schema.String, {
    strict: true,
    decode: ({ channelId }) => channelId,
    encode: (channelId) => ({ channelId })
  })
)

/**
 * The usual `by=id` item read by hand: a string is its own name (what `ChannelId` gives); for
 * anything else `undefined`, and `ChannelId` decodes it (a property test holds both equal).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as ChannelList from "./ChannelList.js"
 * ChannelList.readName("room:1") // "room:1"
 * ChannelList.readName({ channelId: "room:1" }) // undefined: the Schema reads it
 */
export const readName = (raw: unknown): string | undefined => Predicate.isString(raw) ? raw : undefined

// Names are read by hand (one string check each, no copy), the rest by the Schema.
const decodeIds = ArrayBody.decoder(ChannelId, "channel list", readName)
const decodeDetails = ArrayBody.decoder(ChannelDetails, "channel list")

const itemsDecoder = (
  by: ListParams.By
): (response: AblyResponse) => Effect.Effect<ReadonlyArray<string | ChannelDetails>, AblyError> =>
  by === "value" ? decodeDetails : decodeIds

const keyOf = (item: Item): string => Predicate.isString(item) ? item : item.channelId

const fetcherFor = (
  send: Send,
  params: ListParams.ListParams | undefined,
  origins: ReadonlyArray<string> | undefined
): Paginated.Fetcher<string | ChannelDetails> => {
  const retry = params?.retryWhileInProgress
  return {
    send: retry === undefined
      ? send
      : (request) => Effect.retry(send(request), { schedule: retry, while: isEnumerationInProgress }),
    decode: itemsDecoder(params?.by ?? "id"),
    origins
  }
}

const firstPageOf = (
  send: Send,
  params: ListParams.ListParams | undefined,
  origins: ReadonlyArray<string> | undefined
) =>
  Effect.gen(function*() {
    const query = yield* ListQuery.list(params)
    return yield* Paginated.fetchPage(fetcherFor(send, params, origins), { method: "GET", path: "/channels", query })
  }).pipe(
    Span.withSpan("Rest.channels.list", {
      captureStackTrace: false,
      attributes: { "ably.prefix": params?.prefix ?? "" }
    })
  )

/**
 * The first page of an enumeration, as the server sent it (no de-duplication, no restart):
 * for paging by hand. `limit` above 1000 fails with 40003 before sending. `origins` are the
 * configured hosts' origins that absolute `next` links may name (`AblyHttp`'s `origins`).
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as ChannelList from "./ChannelList.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect } from "effect"
 * const page = Effect.flatMap(AblyHttp.AblyHttp, (http) => ChannelList.listPage(http.send, { prefix: "room:", limit: 1000 }, http.origins))
 */
export const listPage = <B extends ListParams.By = "id">(
  send: Send,
  params?: ListParams.ListParams<B>,
  origins?: ReadonlyArray<string>
): Effect.Effect<Paginated.Page<ListParams.ListItem<B>>, AblyError> =>
  // The decoder follows `params.by`, which is what `ListItem<B>` names.
  firstPageOf(send, params, origins) as Effect.Effect<Paginated.Page<ListParams.ListItem<B>>, AblyError>

// Runs `stream` again from the start on 40011, as long as the schedule continues.
const restartingOn = <A>(
  stream: Stream.Stream<A, AblyError>,
  schedule: Schedule.Schedule<unknown, AblyError>
): Stream.Stream<A, AblyError> =>
  Stream.unwrap(Effect.map(Schedule.driver(schedule), (driver) => {
    const attempt = (): Stream.Stream<A, AblyError> =>
      Stream.catchAll(stream, (error) =>
        isPaginationInvalidated(error)
          ? Stream.unwrap(
            driver.next(error).pipe(
              Effect.mapError(() => error),
              Effect.zipRight(
                Effect.logWarning("Channel enumeration invalidated (40011); restarting from the first page")
              ),
              Effect.map(attempt)
            )
          )
          : Stream.fail(error))
    return attempt()
  }))

type ListPage = Paginated.Page<Item>

// Which items of a page to emit: every one, or those not emitted before (by name). Made when
// the stream starts, so each run has its own memory; a restart (40011) keeps it.
type Filter = (items: ReadonlyArray<Item>) => ReadonlyArray<Item>

// A page's names, for the filters: a `by=id` page is its own list of names (its decoder gives
// strings only: no pass to check it, no array of keys), a `by=value` page maps to its ids.
type Keys = (items: ReadonlyArray<Item>) => ReadonlyArray<string>

const keysOf = (by: ListParams.By): Keys =>
  // `decodeIds` gives strings only (`ChannelId` decodes to a string): the items are the names.
  by === "value" ? (items) => items.map(keyOf) : (items) => items as ReadonlyArray<string>

const keepAll: Filter = (items) => items

// The names of the current and the previous page (`RecentNames`): bounded by two pages
// whatever the app's channel count. An empty page leaves the window as it was.
const recentNames = (keys: Keys): Filter => {
  const window = RecentNames.make()
  return (items) => {
    if (items.length === 0) return items
    const repeats = window(keys(items))
    // A copy only once a duplicate turns up: most pages have none.
    return repeats === undefined ? items : items.filter((_, index) => !repeats[index])
  }
}

// Every name emitted so far: at most once per name, in memory that grows with the names.
const allNames = (keys: Keys): Filter => {
  const seen = new Set<string>()
  return (items) => {
    const names = keys(items)
    let kept: Array<Item> | undefined
    for (let index = 0; index < items.length; index++) {
      // One Set operation per name: an `add` that leaves the size as it was found a repeat.
      const size = seen.size
      seen.add(names[index]!)
      if (seen.size === size) kept ??= items.slice(0, index)
      else if (kept !== undefined) kept.push(items[index]!)
    }
    return kept ?? items
  }
}

const filterFor = (params: ListParams.ListParams | undefined): () => Filter => {
  const deduplicate = params?.deduplicate
  const keys = keysOf(params?.by ?? "id")
  return deduplicate === false ? () => keepAll : deduplicate === "all" ? () => allNames(keys) : () => recentNames(keys)
}

// Each page's kept items as one chunk: no stream per page.
const itemsOf = (pages: Stream.Stream<ListPage, AblyError>, filter: () => Filter): Stream.Stream<Item, AblyError> =>
  Stream.suspend(() => {
    const keep = filter()
    return Stream.mapChunks(pages, (chunk) =>
      Chunk.size(chunk) === 1
        ? Chunk.unsafeFromArray(keep(Chunk.unsafeHead(chunk).items))
        : Chunk.flatMap(chunk, (page) => Chunk.unsafeFromArray(keep(page.items))))
  })

/**
 * Every active channel matching the params, fetched lazily page by page: the next page is
 * requested only when the consumer has taken every item of the current one, so memory stays
 * bounded by two pages by default (see `ListParams.deduplicate`). Empty and short pages
 * with a `next` link are followed, up to `Limits.maxEmptyPages` empty pages in a row (then the
 * stream fails with 50000, statusCode 500); a `next` link to a page this stream already
 * fetched fails it with 50000 too (`Paginated.pages`), except an empty page asking for itself
 * again (within that bound). 42912 and 40011 fail the stream with that `AblyError`
 * unless `retryWhileInProgress` / `restartOnInvalidation` give a policy.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as ChannelList from "./ChannelList.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect, Schedule, Stream } from "effect"
 * const params = { prefix: "room:", restartOnInvalidation: Schedule.recurs(3) }
 * const count = Effect.flatMap(AblyHttp.AblyHttp, (http) => ChannelList.list(http.send, params, http.origins).pipe(Stream.runCount))
 */
export const list = <B extends ListParams.By = "id">(
  send: Send,
  params?: ListParams.ListParams<B>,
  origins?: ReadonlyArray<string>
): Stream.Stream<ListParams.ListItem<B>, AblyError> => {
  const pages = Paginated.pages(firstPageOf(send, params, origins), { emptyPageMayRepeat: true })
  const restarting = params?.restartOnInvalidation === undefined
    ? pages
    : restartingOn(pages, params.restartOnInvalidation)
  const items = itemsOf(restarting, filterFor(params))
  // The decoder follows `params.by`, which is what `ListItem<B>` names.
  return items as Stream.Stream<ListParams.ListItem<B>, AblyError>
}
