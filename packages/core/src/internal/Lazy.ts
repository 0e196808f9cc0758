/**
 * Code loaded on first use. The optional parts of the client (presence, channel status,
 * mutable messages, annotations, stats, batch, enumeration, push admin, revocation) are
 * imported with `import()` when an operation first needs them, so an application pays in
 * bundle size and start-up time only for what it calls: bundlers that split code (Vite,
 * Rollup, webpack, esbuild with `splitting`) put each part in a chunk of its own, and Node
 * loads its modules only then.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { type AblyError, ablyError } from "../Errors.js"

/**
 * A module, imported once on the first run of the Effect and kept. A failed import (a chunk
 * the browser could not fetch) is a 50000 `AblyError`, and the next run tries again.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Lazy from "./Lazy.js"
 * const stats = Lazy.module("stats", () => import("./stats/RestStats.js"))
 */
export const module = <M>(what: string, load: () => Promise<M>): Effect.Effect<M, AblyError> => {
  let loaded: M | undefined
  let pending: Promise<M> | undefined
  const start = () => {
    const importing = load()
    importing.then((value) => {
      loaded = value
    }, () => {
      pending = undefined
    })
    return importing
  }
  const imported = Effect.tryPromise({
    try: () => (pending ??= start()),
    catch: (cause) => ablyError(50000, 500, `Could not load the SDK's ${what} code`, { cause })
  })
  return Effect.suspend(() => loaded === undefined ? imported : Effect.succeed(loaded))
}

/**
 * Something built from a lazily loaded module, built once (per owner) and kept: `get` is the
 * Effect that loads the module, builds the value on its first success and then answers it.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Lazy from "./Lazy.js"
 * import { Effect } from "effect"
 * const stats = Lazy.module("stats", () => import("./stats/RestStats.js"))
 * const built = Lazy.built(stats, (module) => module)
 * const program = Effect.flatMap(built, (module) => Effect.succeed(module))
 */
export const built = <M, A>(
  module: Effect.Effect<M, AblyError>,
  build: (module: M) => A
): Effect.Effect<A, AblyError> => {
  let value: A | undefined
  return Effect.suspend(() =>
    value === undefined ? Effect.map(module, (loaded) => (value ??= build(loaded))) : Effect.succeed(value)
  )
}

/**
 * One call on a lazily built value: the inner Effect is made on the first run and kept, so
 * running the Effect again (a retry) runs the same inner Effect, as calling the loaded code
 * directly would (idempotent ids drawn once per call stay the same).
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * import * as Lazy from "./Lazy.js"
 * import { Effect } from "effect"
 * declare const service: Effect.Effect<{ readonly ping: () => Effect.Effect<string> }, never>
 * const pinged = Lazy.call(service, (loaded) => loaded.ping())
 */
export const call = <X, A, E, E2, R>(
  value: Effect.Effect<X, E2>,
  use: (loaded: X) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | E2, R> => {
  let inner: Effect.Effect<A, E, R> | undefined
  return Effect.flatMap(value, (loaded) => (inner ??= use(loaded)))
}

/**
 * A function made on its first call and kept: for decoders (`Schema.decodeUnknown(…)` compiles
 * its parser when made), so that importing a module builds none of them. A call costs one check
 * more than calling the made function.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Lazy from "./Lazy.js"
 * import { Schema } from "effect"
 * const decodeNumber = Lazy.onFirstCall(() => Schema.decodeUnknownEither(Schema.Number))
 * decodeNumber(1) // Either.right(1): the parser was compiled by this call
 */
export const onFirstCall = <A extends ReadonlyArray<unknown>, B>(
  make: () => (...args: A) => B
): (...args: A) => B => {
  let made: ((...args: A) => B) | undefined
  return (...args) => (made ??= make())(...args)
}
