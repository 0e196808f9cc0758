/**
 * Pagination (TG): a page API over `Link` headers, and lazy `Stream`s of pages and items.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { type AblyError, ablyError } from "../../Errors.js"
import { maxEmptyPages } from "../../Limits.js"
import type { AblyRequest, AblyResponse } from "../http/AblyRequest.js"
import * as Link from "./Link.js"

/**
 * One page of results with the ably-js `PaginatedResult` surface, returning Effects.
 * `Self` is the page type that `next`/`first`/`current` give back.
 *
 * @since 0.1.0
 * @category models
 */
export interface Paged<A, Self> {
  readonly items: ReadonlyArray<A>
  /** `true` when the server gave a `next` link (TG6). */
  readonly hasNext: boolean
  /** `!hasNext` (TG7). */
  readonly isLast: boolean
  /** The next page, or `None` on the last page (TG4). */
  readonly next: Effect.Effect<Option.Option<Self>, AblyError>
  /** The first page (TG5); the original request when the server gave no `first` link. */
  readonly first: Effect.Effect<Self, AblyError>
  /** This page fetched again. */
  readonly current: Effect.Effect<Self, AblyError>
  /** The request for the next page: keep it to resume later. */
  readonly nextRequest: Option.Option<AblyRequest>
  /** The request this page answered. */
  readonly request: AblyRequest
}

/**
 * A page of items.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page<A> extends Paged<A, Page<A>> {}

/**
 * How to fetch a page and read its items.
 *
 * @since 0.1.0
 * @category models
 */
export interface Fetcher<A> {
  readonly send: (request: AblyRequest) => Effect.Effect<AblyResponse, AblyError>
  readonly decode: (response: AblyResponse) => Effect.Effect<ReadonlyArray<A>, AblyError>
  /**
   * The configured hosts' origins (`https://host[:port]`, `AblyHttp`'s `origins`): absolute
   * links to them are followed. Without them only relative links are.
   */
  readonly origins?: ReadonlyArray<string> | undefined
}

/**
 * Fetches the page for `request`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Paginated from "./Paginated.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Errors } from "@effect-ably/core"
 * import { Effect, Schema } from "effect"
 * const decode = (response: { readonly body: unknown }) =>
 *   Effect.mapError(Schema.decodeUnknown(Schema.Array(Schema.String))(response.body), (cause) => Errors.unexpectedResponse("names", cause))
 * const page = Effect.flatMap(AblyHttp.AblyHttp, (http) =>
 *   Paginated.fetchPage({ send: http.send, decode, origins: http.origins }, { method: "GET", path: "/channels" }))
 */
export const fetchPage = <A>(fetcher: Fetcher<A>, request: AblyRequest): Effect.Effect<Page<A>, AblyError> =>
  fetchWith(fetcher, request, (page) => page)

// The links of an answer: already read from an envelope, or from its `Link` header.
const linksOf = (response: AblyResponse): Either.Either<Link.Links, AblyError> =>
  response.links === undefined
    ? Link.parse(Option.getOrUndefined(Headers.get(response.headers, "link")))
    : Either.right(response.links)

/**
 * Like `fetchPage`, building a richer page value from each response (as `request()` does).
 * The `next` link is checked when the page arrives (a refused link fails the page with
 * 50000, see `Link.resolve`); `first` and `current` only when used.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Paginated from "./Paginated.js"
 * declare const fetcher: Paginated.Fetcher<string>
 * interface StatusPage extends Paginated.Paged<string, StatusPage> {
 *   readonly statusCode: number
 * }
 * const page = Paginated.fetchWith<string, StatusPage>(fetcher, { method: "GET", path: "/channels" }, (page, response) => ({
 *   ...page,
 *   statusCode: response.status
 * }))
 */
export const fetchWith = <A, P extends Paged<A, P>>(
  fetcher: Fetcher<A>,
  request: AblyRequest,
  build: (page: Paged<A, P>, response: AblyResponse) => P
): Effect.Effect<P, AblyError> =>
  // One step per page after the send: links, items and the `next` request are read, then the
  // page built (no generator: a page is the hot path of every stream of items).
  Effect.flatMap(fetcher.send(request), (response) => {
    const links = linksOf(response)
    if (Either.isLeft(links)) return Effect.fail(links.left)
    return Effect.flatMap(fetcher.decode(response), (items) => {
      const next = links.right["next"]
      const resolved = next === undefined ? undefined : Link.resolve(request, next, fetcher.origins, "next")
      if (resolved !== undefined && Either.isLeft(resolved)) return Effect.fail(resolved.left)
      const nextRequest = resolved === undefined ? Option.none() : Option.some(resolved.right)
      const again = (target: AblyRequest) => fetchWith(fetcher, target, build)
      const at = (rel: string): Effect.Effect<P, AblyError> => {
        const link = links.right[rel]
        return link === undefined
          ? again(request)
          : Effect.flatMap(Link.resolve(request, link, fetcher.origins, rel), again)
      }
      return Effect.succeed(build({
        items,
        hasNext: Option.isSome(nextRequest),
        isLast: Option.isNone(nextRequest),
        next: Option.match(nextRequest, {
          onNone: () => Effect.succeedNone,
          onSome: (target) => Effect.asSome(again(target))
        }),
        first: Effect.suspend(() => at("first")),
        current: Effect.suspend(() => at("current")),
        nextRequest,
        request
      }, response))
    })
  })

// What identifies a request for the repeat check: method, path and query.
const requestKey = (request: AblyRequest): string => JSON.stringify([request.method, request.path, request.query ?? []])

const repeated = () =>
  ablyError(50000, 500, "Unacceptable server answer: the \"next\" link leads to a page this stream already fetched")

/**
 * Options of `pages`.
 *
 * @since 0.1.0
 * @category models
 */
export interface PagesOptions {
  /**
   * Lets an empty page's `next` link ask for that same request again (channel enumeration:
   * the server may answer a cursor with an empty page now and with channels later). The
   * stream still stops at `Limits.maxEmptyPages` empty pages in a row. Default `false`.
   */
  readonly emptyPageMayRepeat?: boolean | undefined
}

const tooManyEmpty = (count: number) =>
  ablyError(50000, 500, `Unacceptable server answer: ${count} empty pages in a row, each with a "next" link`)

// One walk through the pages: what to load next and the key of the request it makes.
interface Step<P> {
  readonly load: Effect.Effect<Option.Option<P>, AblyError>
  readonly key: string | undefined
}

// The guards of one run of a stream (a re-run starts over): the keys of the requests made and
// the count of empty pages in a row. Gives, for each page as it is emitted, the step after it.
const follower = <P extends Paged<unknown, P>>(options: PagesOptions | undefined) => {
  const visited = new Set<string>()
  const mayRepeat = options?.emptyPageMayRepeat === true
  let emptyInARow = 0
  return (page: P, known: string | undefined): Step<P> => {
    const key = known ?? requestKey(page.request)
    visited.add(key)
    if (!page.hasNext) return { load: Effect.succeedNone, key: undefined }
    emptyInARow = page.items.length === 0 ? emptyInARow + 1 : 0
    if (emptyInARow >= maxEmptyPages) return { load: Effect.fail(tooManyEmpty(emptyInARow)), key: undefined }
    if (Option.isNone(page.nextRequest)) return { load: page.next, key: undefined }
    const next = requestKey(page.nextRequest.value)
    const again = mayRepeat && page.items.length === 0 && next === key
    if (visited.has(next) && !again) return { load: Effect.fail(repeated()), key: undefined }
    return { load: page.next, key: next }
  }
}

/**
 * All pages from the first one on. The next page is fetched only when the consumer pulls,
 * so memory stays constant and interrupting the stream stops fetching. A server cannot hold
 * the stream: a `next` link to a request this stream already made (same method, path and
 * query) fails it with 50000 (statusCode 500) before any request, and so does the
 * `Limits.maxEmptyPages`th empty page in a row that still has a `next` link (each may name
 * a new URL, so `Stream.take(n)` alone would never end). Only the keys of the requests made
 * are kept.
 *
 * @since 0.1.0
 * @category streams
 * @example
 * import * as Paginated from "./Paginated.js"
 * import { Stream } from "effect"
 * declare const fetcher: Paginated.Fetcher<string>
 * const firstPage = Paginated.fetchPage(fetcher, { method: "GET", path: "/channels" })
 * const threePages = Paginated.pages(firstPage).pipe(Stream.take(3))
 */
export const pages = <P extends Paged<unknown, P>>(
  first: Effect.Effect<P, AblyError>,
  options?: PagesOptions
): Stream.Stream<P, AblyError> =>
  Stream.suspend(() => {
    const after = follower<P>(options)
    return Stream.unfoldEffect<Step<P>, P, AblyError, never>(
      { load: Effect.asSome(first), key: undefined },
      (step) => Effect.map(step.load, Option.map((page) => [page, after(page, step.key)] as const))
    )
  })

/**
 * All items of all pages, in order, fetched lazily page by page: each page's items are one
 * chunk of the stream (no stream per page, no copy), and the next page is fetched only when
 * the consumer has taken every item of the current one. The guards of `pages` apply.
 *
 * @since 0.1.0
 * @category streams
 * @example
 * import * as Paginated from "./Paginated.js"
 * import { Stream } from "effect"
 * declare const fetcher: Paginated.Fetcher<string>
 * const firstPage = Paginated.fetchPage(fetcher, { method: "GET", path: "/channels" })
 * const names = Paginated.items(firstPage).pipe(Stream.take(250), Stream.runCollect)
 */
export const items = <A, P extends Paged<A, P>>(
  first: Effect.Effect<P, AblyError>,
  options?: PagesOptions
): Stream.Stream<A, AblyError> =>
  Stream.suspend(() => {
    const after = follower<P>(options)
    return Stream.unfoldChunkEffect<Step<P>, A, AblyError, never>(
      { load: Effect.asSome(first), key: undefined },
      (step) =>
        Effect.map(
          step.load,
          // The page's items are never changed once the page exists: the chunk can share them.
          Option.map((page) => [Chunk.unsafeFromArray(page.items), after(page, step.key)] as const)
        )
    )
  })
