/**
 * Pagination (TG): a page API over `Link` headers, and lazy `Stream`s of pages and items.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { AblyError } from "../Errors.js"
import type { AblyRequest, AblyResponse } from "../Http/AblyRequest.js"
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
}

/**
 * Fetches the page for `request`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Paginated } from "@effect-ably/core"
 * // Paginated.fetchPage({ send: http.send, decode: decodeMessages }, { method: "GET", path: "/channels/a/messages" })
 */
export const fetchPage = <A>(fetcher: Fetcher<A>, request: AblyRequest): Effect.Effect<Page<A>, AblyError> =>
  fetchWith(fetcher, request, (page) => page)

/**
 * Like `fetchPage`, building a richer page value from each response (as `request()` does).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Paginated } from "@effect-ably/core"
 * // Paginated.fetchWith(fetcher, request, (page, response) => ({ ...page, statusCode: response.status }))
 */
export const fetchWith = <A, P extends Paged<A, P>>(
  fetcher: Fetcher<A>,
  request: AblyRequest,
  build: (page: Paged<A, P>, response: AblyResponse) => P
): Effect.Effect<P, AblyError> =>
  Effect.gen(function*() {
    const response = yield* fetcher.send(request)
    const items = yield* fetcher.decode(response)
    const links = Link.parse(Option.getOrUndefined(Headers.get(response.headers, "link")))
    const at = (rel: string) => Option.map(Option.fromNullable(links[rel]), (link) => Link.resolve(request, link))
    const nextRequest = at("next")
    const again = (target: AblyRequest) => fetchWith(fetcher, target, build)
    return build({
      items,
      hasNext: Option.isSome(nextRequest),
      isLast: Option.isNone(nextRequest),
      next: Option.match(nextRequest, {
        onNone: () => Effect.succeedNone,
        onSome: (target) => Effect.asSome(again(target))
      }),
      first: again(Option.getOrElse(at("first"), () => request)),
      current: again(Option.getOrElse(at("current"), () => request)),
      nextRequest
    }, response)
  })

/**
 * All pages from the first one on. The next page is fetched only when the consumer pulls,
 * so memory stays constant and interrupting the stream stops fetching.
 *
 * @since 0.1.0
 * @category streams
 * @example
 * import { Paginated } from "@effect-ably/core"
 * import { Stream } from "effect"
 * // Paginated.pages(firstPage).pipe(Stream.take(3))
 */
export const pages = <P extends Paged<unknown, P>>(first: Effect.Effect<P, AblyError>): Stream.Stream<P, AblyError> =>
  Stream.paginateEffect(first, (load) =>
    Effect.map(load, (page) =>
      [
        page,
        // `next` is `Some` whenever `hasNext` holds: both come from the same link.
        page.hasNext ? Option.some(Effect.flatMap(page.next, Effect.orDie)) : Option.none()
      ] as const))

/**
 * All items of all pages, in order, fetched lazily page by page.
 *
 * @since 0.1.0
 * @category streams
 * @example
 * import { Paginated } from "@effect-ably/core"
 * import { Stream } from "effect"
 * // Paginated.items(firstPage).pipe(Stream.take(250), Stream.runCollect)
 */
export const items = <A, P extends Paged<A, P>>(first: Effect.Effect<P, AblyError>): Stream.Stream<A, AblyError> =>
  Stream.flatMap(pages(first), (page) => Stream.fromChunk(Chunk.fromIterable(page.items)))
