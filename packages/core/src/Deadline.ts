/**
 * Per-call deadlines: `withDeadline("5 seconds")` bounds a whole call (every attempt on
 * every host, token requests made for it, the waits between hosts). Inside it, each
 * attempt's timeout is the smaller of `httpRequestTimeout` and the time left, no host is
 * tried once the deadline is reached, and the call fails with a 50003 `AblyError` (reason
 * `Timeout`, `detail.timeout` `"deadline"`, the message naming the deadline) even while
 * fallback hosts remain. Interruption (the deadline's or the caller's) aborts the request
 * on the socket.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import { dual } from "effect/Function"
import * as Option from "effect/Option"
import type { AblyError } from "./Errors.js"
import * as CallDeadline from "./internal/http/CallDeadline.js"

/**
 * Runs `self` with a deadline `duration` from now. A deadline inside another keeps the
 * sooner of the two. What runs outside the SDK's transport (an `authCallback`, your own
 * effects) is bounded too: the effect is interrupted at the deadline and fails with the
 * same 50003 error.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * import { Deadline, Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 *
 * const publish = Effect.flatMap(Rest.Rest, (rest) =>
 *   rest.channels.get("orders").publish("created", { id: 42 }).pipe(Deadline.withDeadline("5 seconds")))
 */
export const withDeadline: {
  (duration: Duration.DurationInput): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E | AblyError, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, duration: Duration.DurationInput): Effect.Effect<A, E | AblyError, R>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, duration: Duration.DurationInput): Effect.Effect<A, E | AblyError, R> =>
    Effect.flatMap(
      Effect.zip(Clock.currentTimeMillis, FiberRef.get(CallDeadline.current)),
      ([now, outer]) => {
        const millis = Math.max(0, Math.ceil(Duration.toMillis(Duration.decode(duration))))
        const deadline = outer !== undefined && outer.at <= now + millis ? outer : { at: now + millis, millis }
        return self.pipe(
          Effect.locally(CallDeadline.current, deadline),
          Effect.timeoutFail({
            duration: Duration.millis(Math.max(0, deadline.at - now)),
            onTimeout: () => CallDeadline.exceeded(deadline)
          })
        )
      }
    )
)

/**
 * The time left before the running call's deadline, if it has one (`Option.none()` outside
 * `withDeadline`): for your own work inside a call.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import { Deadline } from "@effect-ably/core"
 * import { Effect, Option } from "effect"
 *
 * const left = Deadline.remaining.pipe(Effect.map(Option.getOrUndefined), Deadline.withDeadline("1 second"))
 */
export const remaining: Effect.Effect<Option.Option<Duration.Duration>> = Effect.flatMap(
  FiberRef.get(CallDeadline.current),
  (deadline) =>
    deadline === undefined
      ? Effect.succeedNone
      : Effect.map(Clock.currentTimeMillis, (now) => Option.some(Duration.millis(Math.max(0, deadline.at - now))))
)
