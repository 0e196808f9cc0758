/**
 * The per-call deadline (`Deadline.withDeadline`) as a `FiberRef` the transport reads once
 * per request: each attempt's timeout is the smaller of `httpRequestTimeout` and the time
 * left, and no attempt starts once the deadline is reached.
 *
 * @since 0.1.0
 */
import * as FiberRef from "effect/FiberRef"
import { globalValue } from "effect/GlobalValue"
import { type AblyError, ablyError } from "../../Errors.js"

/**
 * A deadline: `at` on the `Clock` (ms since the epoch) and the length it was given as.
 *
 * @since 0.1.0
 * @category models
 */
export interface CallDeadline {
  readonly at: number
  readonly millis: number
}

/**
 * The deadline of the running call, `undefined` when there is none (the common case). One
 * value per process, shared by every copy of the package.
 *
 * @since 0.1.0
 * @category references
 * @example
 * import * as CallDeadline from "./CallDeadline.js"
 * import { Effect, FiberRef } from "effect"
 * const deadline = FiberRef.get(CallDeadline.current)
 */
export const current: FiberRef.FiberRef<CallDeadline | undefined> = globalValue(
  Symbol.for("@effect-ably/core/CallDeadline"),
  () => FiberRef.unsafeMake<CallDeadline | undefined>(undefined)
)

/**
 * The error of a call whose deadline was reached: 50003, reason `Timeout`, `detail.timeout`
 * `"deadline"`; `what` says what was going on (`"no response from HOST"`).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import * as CallDeadline from "./CallDeadline.js"
 * CallDeadline.exceeded({ at: 0, millis: 5000 }).message // "Timeout: the call's deadline of 5000ms was reached"
 */
export const exceeded = (deadline: CallDeadline, what?: string, requestId?: string): AblyError =>
  ablyError(
    50003,
    500,
    `Timeout: the call's deadline of ${deadline.millis}ms was reached${what === undefined ? "" : ` (${what})`}`,
    { requestId, reason: "Timeout", detail: { timeout: "deadline" } }
  )
