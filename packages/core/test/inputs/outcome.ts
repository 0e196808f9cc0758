import { Errors } from "@effect-ably/core"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/** What a call gave: success, a typed AblyError (its code), or something that must never happen. */
export type Outcome = "ok" | number | `defect: ${string}` | `threw: ${string}` | `untyped failure: ${string}`

const describeThrown = (
  thrown: unknown
) => (thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown))

/** The outcome of an Exit: only success and `Fail(AblyError)` are acceptable. */
export const outcomeOf = (exit: Exit.Exit<unknown, unknown>): Outcome => {
  if (Exit.isSuccess(exit)) return "ok"
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure) && !Cause.isDie(exit.cause)) {
    return Errors.isAblyError(failure.value) ? failure.value.code : `untyped failure: ${describeThrown(failure.value)}`
  }
  return `defect: ${Cause.pretty(exit.cause).slice(0, 300)}`
}

/**
 * Calls `make` (a synchronous throw is recorded, never rethrown), runs the Effect or the first
 * items of the Stream it returns, and reports the outcome.
 */
export const outcome = <R>(
  make: () => Effect.Effect<unknown, unknown, R> | Stream.Stream<unknown, unknown, R>
): Effect.Effect<Outcome, never, R> => {
  let made: Effect.Effect<unknown, unknown, R> | Stream.Stream<unknown, unknown, R>
  try {
    made = make()
  } catch (thrown) {
    const threw: Outcome = `threw: ${describeThrown(thrown)}`
    return Effect.succeed(threw)
  }
  const effect = Effect.isEffect(made) ? made : Stream.runCollect(Stream.take(made, 3))
  return Effect.map(Effect.exit(effect), outcomeOf)
}
