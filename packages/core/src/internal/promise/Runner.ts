/**
 * The runtime of a Promise client: one `ManagedRuntime` over a `Rest` layer, calls run as
 * fibers on it, every outcome a settled Promise (a value, or an `AblyError` rejection).
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import type * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Scope from "effect/Scope"
import { type AblyError, ablyError, isAblyError } from "../../Errors.js"
import type * as Rest from "../../Rest.js"

/**
 * The last argument of every Promise method: `signal` aborts the call (its request is
 * interrupted and the Promise rejects with an `AblyError`, code 40000, statusCode 499).
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined
}

/**
 * Code and statusCode of the rejection of a call aborted by its signal (statusCode 499:
 * the client closed the request).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Runner from "./Runner.js"
 * Runner.aborted // { code: 40000, statusCode: 499 }
 */
export const aborted = { code: 40000, statusCode: 499 } as const

/**
 * Code and statusCode of the rejection of a call made after `close()` or cut short by it.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Runner from "./Runner.js"
 * Runner.closed // { code: 80017, statusCode: 400 }
 */
export const closed = { code: 80017, statusCode: 400 } as const

const closedError = () =>
  ablyError(closed.code, closed.statusCode, "Client closed: the Promise client was closed before the call completed")

const abortedError = (signal: AbortSignal | undefined) =>
  signal?.aborted === true
    ? ablyError(aborted.code, aborted.statusCode, "Aborted: the call's AbortSignal fired", { cause: signal.reason })
    : ablyError(aborted.code, aborted.statusCode, "Interrupted: the call was interrupted before it completed")

/**
 * A Promise client's runtime.
 *
 * @since 0.1.0
 * @category models
 */
export interface Runner {
  /** Runs a call; it rejects with an `AblyError` only, never with a defect or a FiberFailure. */
  readonly run: <A>(effect: Effect.Effect<A, AblyError, Rest.Rest>, options?: CallOptions) => Promise<A>
  /** A scope of the client's: closed by `close()` at the latest (open iterators live in one). */
  readonly scope: Scope.Scope
  /** Interrupts the calls in flight, closes the client's scope and disposes the runtime. */
  readonly close: () => Promise<void>
  readonly isClosed: () => boolean
}

// What a failed fiber rejects with: its AblyError; a layer's other failure (a ConfigError…) as
// 40000; interruption as closed or aborted; a defect as 50000 with a bounded summary.
const rejection = (cause: Cause.Cause<unknown>, signal: AbortSignal | undefined, isClosed: boolean): AblyError => {
  const failure = Cause.failureOption(cause)
  if (failure._tag === "Some") {
    const error = failure.value
    return isAblyError(error)
      ? error
      : ablyError(40000, 400, "Invalid client configuration: the client layer failed to build", { cause: error })
  }
  if (Cause.isInterruptedOnly(cause)) return isClosed ? closedError() : abortedError(signal)
  return ablyError(50000, 500, "Internal error: an unexpected defect in effect-ably", { cause: Cause.squash(cause) })
}

/**
 * A runner over a layer giving `Rest`. The layer is built on the first call; a layer that
 * fails rejects every call with its error.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Runner from "./Runner.js"
 * import { Rest } from "@effect-ably/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Layer } from "effect"
 * const runner = Runner.make(Rest.layer({ key: "app.key:secret" }).pipe(Layer.provide(FetchHttpClient.layer)))
 * const now: Promise<number> = runner.run(Effect.flatMap(Rest.Rest, (rest) => rest.time))
 */
export const make = <E>(layer: Layer.Layer<Rest.Rest, E>): Runner => {
  const runtime = ManagedRuntime.make(layer)
  const scope = Effect.runSync(Scope.make())
  const fibers = new Set<Fiber.RuntimeFiber<unknown, unknown>>()
  let isClosed = false
  let closing: Promise<void> | undefined

  const run = <A>(effect: Effect.Effect<A, AblyError, Rest.Rest>, options?: CallOptions): Promise<A> => {
    const signal = options?.signal
    if (isClosed) return Promise.reject(closedError())
    if (signal?.aborted === true) return Promise.reject(abortedError(signal))
    return new Promise<A>((resolve, reject) => {
      const fiber = runtime.runFork(effect)
      fibers.add(fiber)
      const abort = () => fiber.unsafeInterruptAsFork(FiberId.none)
      signal?.addEventListener("abort", abort, { once: true })
      fiber.addObserver((exit) => {
        fibers.delete(fiber)
        signal?.removeEventListener("abort", abort)
        if (Exit.isSuccess(exit)) resolve(exit.value)
        else reject(rejection(exit.cause, signal, isClosed))
      })
    })
  }

  const close = () =>
    closing ??= (async () => {
      isClosed = true
      for (const fiber of fibers) fiber.unsafeInterruptAsFork(FiberId.none)
      await Effect.runPromise(Scope.close(scope, Exit.void))
      await runtime.dispose()
    })()

  return { run, scope, close, isClosed: () => isClosed }
}
