/**
 * The server clock offset (RSA9d, RSA10k): queried once with `GET /time`, then applied to the
 * local `Clock`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type { AblyError } from "../../Errors.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface ServerTime {
  /** Local time corrected by the known offset (the local time when none is known). */
  readonly now: Effect.Effect<number>
  /** Server time, querying the server the first time and using the cached offset after. */
  readonly query: Effect.Effect<number, AblyError>
  readonly offset: Effect.Effect<Option.Option<number>>
}

/**
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as ServerTime from "./ServerTime.js"
 * import { Effect } from "effect"
 * const serverTime = ServerTime.make(Effect.succeed(1_700_000_000_000))
 */
export const make = (fetchServerTime: Effect.Effect<number, AblyError>): Effect.Effect<ServerTime> =>
  Effect.map(Ref.make(Option.none<number>()), (offset) => {
    // On every request with a token that expires: flatMap + map costs less than half of zipWith.
    const now = Effect.flatMap(
      Clock.currentTimeMillis,
      (local) => Effect.map(Ref.get(offset), (known) => known._tag === "Some" ? local + known.value : local)
    )
    return {
      now,
      offset: Ref.get(offset),
      query: Effect.flatMap(Ref.get(offset), (known) =>
        Option.isSome(known)
          ? now
          : Effect.gen(function*() {
            const server = yield* fetchServerTime
            const local = yield* Clock.currentTimeMillis
            yield* Ref.set(offset, Option.some(server - local))
            return server
          }))
    }
  })
