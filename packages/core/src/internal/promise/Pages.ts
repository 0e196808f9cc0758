/**
 * Core's pages and Streams as Promise values: a `PaginatedResult`-like page whose `next`,
 * `first` and `current` return Promises, and an `AsyncIterable` that pulls a Stream.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as ExecutionStrategy from "effect/ExecutionStrategy"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { AblyError } from "../../Errors.js"
import type * as Rest from "../../Rest.js"
import type * as CoreRequest from "../http/Request.js"
import type * as Paginated from "../paginated/Paginated.js"
import type { CallOptions, Runner } from "./Runner.js"

/**
 * One page of results, as ably-js's `PaginatedResult`: `items`, `hasNext()`, `isLast()`, and
 * `next()` (`null` after the last page), `first()`, `current()`.
 *
 * @since 0.1.0
 * @category models
 */
export interface PaginatedResult<A> {
  readonly items: ReadonlyArray<A>
  readonly hasNext: () => boolean
  readonly isLast: () => boolean
  readonly next: (options?: CallOptions) => Promise<PaginatedResult<A> | null>
  readonly first: (options?: CallOptions) => Promise<PaginatedResult<A>>
  readonly current: (options?: CallOptions) => Promise<PaginatedResult<A>>
}

/**
 * The answer of `request()` (RSC19): the page plus `statusCode`, `success`, `errorCode`,
 * `errorMessage` and the response `headers`. HTTP error statuses are values, not rejections.
 *
 * @since 0.1.0
 * @category models
 */
export interface HttpPaginatedResponse extends PaginatedResult<unknown> {
  readonly statusCode: number
  readonly success: boolean
  readonly errorCode: number | undefined
  readonly errorMessage: string | undefined
  readonly headers: Readonly<Record<string, string>>
  readonly next: (options?: CallOptions) => Promise<HttpPaginatedResponse | null>
  readonly first: (options?: CallOptions) => Promise<HttpPaginatedResponse>
  readonly current: (options?: CallOptions) => Promise<HttpPaginatedResponse>
}

/**
 * A core page as a Promise page.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Pages from "./Pages.js"
 * import type * as Runner from "./Runner.js"
 * import type { Paginated } from "@effect-ably/core"
 * declare const runner: Runner.Runner
 * declare const page: Paginated.Page<string>
 * const promisePage: Pages.PaginatedResult<string> = Pages.page(runner, page)
 */
export const page = <A>(runner: Runner, core: Paginated.Page<A>): PaginatedResult<A> => ({
  items: core.items,
  hasNext: () => core.hasNext,
  isLast: () => core.isLast,
  next: (options) =>
    runner.run(Effect.map(core.next, Option.match({ onNone: () => null, onSome: (p) => page(runner, p) })), options),
  first: (options) => runner.run(Effect.map(core.first, (p) => page(runner, p)), options),
  current: (options) => runner.run(Effect.map(core.current, (p) => page(runner, p)), options)
})

/**
 * `request()`'s core answer as a Promise page.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Pages from "./Pages.js"
 * import type * as Runner from "./Runner.js"
 * import type { Request } from "@effect-ably/core"
 * declare const runner: Runner.Runner
 * declare const response: Request.HttpPaginatedResponse
 * const answer: Pages.HttpPaginatedResponse = Pages.httpResponse(runner, response)
 */
export const httpResponse = (runner: Runner, core: CoreRequest.HttpPaginatedResponse): HttpPaginatedResponse => ({
  items: core.items,
  statusCode: core.statusCode,
  success: core.success,
  errorCode: Option.getOrUndefined(core.errorCode),
  errorMessage: Option.getOrUndefined(core.errorMessage),
  headers: core.headers,
  hasNext: () => core.hasNext,
  isLast: () => core.isLast,
  next: (options) =>
    runner.run(
      Effect.map(core.next, Option.match({ onNone: () => null, onSome: (p) => httpResponse(runner, p) })),
      options
    ),
  first: (options) => runner.run(Effect.map(core.first, (p) => httpResponse(runner, p)), options),
  current: (options) => runner.run(Effect.map(core.current, (p) => httpResponse(runner, p)), options)
})

// The end of the stream is `undefined`; its error is the rejection.
const pullOf = <A>(stream: Stream.Stream<A, AblyError, Rest.Rest>, scope: Scope.Scope) =>
  Effect.map(
    Scope.extend(Stream.toPull(stream), scope),
    (pull) => Effect.catchAll(pull, Option.match({ onNone: () => Effect.succeed(undefined), onSome: Effect.fail }))
  )

/**
 * A Stream as an `AsyncIterable`: each iteration pulls the Stream anew, one chunk (one page)
 * at a time, so a page is fetched only when the items before it were taken. Leaving the loop
 * (`break`, `return`, a throw) releases the Stream; a failure rejects `next()` with the
 * `AblyError` and ends the iteration. `signal` aborts the pull in flight.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Pages from "./Pages.js"
 * import type * as Runner from "./Runner.js"
 * import { Stream } from "effect"
 * declare const runner: Runner.Runner
 * const numbers: AsyncIterable<number> = Pages.iterable(runner, Stream.make(1, 2, 3))
 */
export const iterable = <A>(
  runner: Runner,
  stream: Stream.Stream<A, AblyError, Rest.Rest>,
  options?: CallOptions
): AsyncIterable<A> => ({
  [Symbol.asyncIterator]: (): AsyncIterator<A> => {
    let scope: Scope.CloseableScope | undefined
    let pull: Effect.Effect<Chunk.Chunk<A> | undefined, AblyError, Rest.Rest> | undefined
    let buffer: ReadonlyArray<A> = []
    let index = 0
    let done = false
    // Calls are served one at a time, in order, even when a caller does not await each one.
    let queue: Promise<unknown> = Promise.resolve()
    const serial = <B>(step: () => Promise<B>): Promise<B> => {
      const result = queue.then(step, step)
      queue = result.catch(() => undefined)
      return result
    }
    const release = async () => {
      done = true
      buffer = []
      const open = scope
      scope = undefined
      pull = undefined
      if (open !== undefined) await Effect.runPromise(Scope.close(open, Exit.void))
    }
    const ended: IteratorReturnResult<undefined> = { done: true, value: undefined }
    const next = async (): Promise<IteratorResult<A>> => {
      while (index >= buffer.length) {
        if (done) return ended
        try {
          if (pull === undefined) {
            const opened = Effect.runSync(Scope.fork(runner.scope, ExecutionStrategy.sequential))
            scope = opened
            pull = await runner.run(pullOf(stream, opened), options)
          }
          const chunk = await runner.run(pull, options)
          if (chunk === undefined) {
            await release()
            return ended
          }
          buffer = Chunk.toReadonlyArray(chunk)
          index = 0
        } catch (error) {
          await release()
          throw error
        }
      }
      const value = buffer[index] as A
      index += 1
      return { done: false, value }
    }
    return {
      next: () => serial(next),
      return: () => serial(async () => (await release(), ended))
    }
  }
})
