/**
 * Reading an Effect that is already an `Either` (a check done when it was built: a channel
 * name, publish arguments, channel codecs) without running it: on the hot path this saves
 * the step the fiber would take for it.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Either from "effect/Either"

/**
 * `true` when the Effect is an `Either`, narrowed to the `Either` of its own success and
 * error types.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import * as Step from "./Step.js"
 * import { Effect, Either } from "effect"
 * const checked: Effect.Effect<number, string> = Either.right(1)
 * if (Step.isEither(checked) && Either.isRight(checked)) checked.right // 1
 */
export const isEither = <A, E, R>(
  effect: Effect.Effect<A, E, R>
): effect is Either.Either<A, E> & Effect.Effect<A, E, R> => Either.isEither(effect)
