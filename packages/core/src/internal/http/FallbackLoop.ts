/**
 * A request on a client with fallback hosts (RSC15): the first host, then, after a failed
 * attempt, the next host while the fallback policy (a `Schedule`, see `FallbackPolicy`)
 * recurs, within `httpMaxRetryDuration` and the call's deadline. Nothing of the policy runs
 * for a first attempt that succeeds: no shuffle, no schedule step.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleIntervals from "effect/ScheduleIntervals"
import type { AblyError } from "../../Errors.js"
import { type Failure, type FallbackSchedule, qualifies } from "../../FallbackPolicy.js"
import type { AblyResponse } from "./AblyRequest.js"
import { type CallDeadline, exceeded } from "./CallDeadline.js"
import type { HostSelection } from "./HostSelection.js"
import { errorFromResponse } from "./ResponseDecoding.js"

/**
 * What bounds one attempt: its timeout and which limit set it (`request`: `httpRequestTimeout`,
 * `budget`: what is left of `httpMaxRetryDuration`, `deadline`: the call's deadline, which
 * the error then names).
 *
 * @since 0.1.0
 * @category models
 */
export type Bounds =
  | { readonly timeout: number; readonly kind: "request" | "budget" }
  | { readonly timeout: number; readonly kind: "deadline"; readonly deadline: CallDeadline }

/**
 * The bounds of an attempt starting at `now`: `httpRequestTimeout` cut to `budgetLeft` and
 * to the deadline's time left (at least 1 ms: callers start no attempt once it is reached).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as FallbackLoop from "./FallbackLoop.js"
 * FallbackLoop.bounds(10_000, { at: 5_000, millis: 5_000 }, 1_000, Infinity).timeout // 4000
 */
export const bounds = (
  requestTimeout: number,
  deadline: CallDeadline | undefined,
  now: number,
  budgetLeft: number
): Bounds => {
  const budget = budgetLeft < requestTimeout
  const timeout = budget ? Math.max(1, budgetLeft) : requestTimeout
  if (deadline !== undefined && deadline.at - now < timeout) {
    return { timeout: Math.max(1, deadline.at - now), kind: "deadline", deadline }
  }
  return { timeout, kind: budget ? "budget" : "request" }
}

/**
 * What the loop needs of the transport.
 *
 * @since 0.1.0
 * @category models
 */
export interface Config {
  readonly selection: HostSelection
  readonly requestTimeout: number
  readonly maxRetryDuration: number
  readonly schedule: FallbackSchedule
  readonly attempt: (host: string, attempt: number, bounds: Bounds) => Effect.Effect<AblyResponse, AblyError>
  /** Records an attempt's outcome on the caller's span (only under a recording tracer). */
  readonly event: (host: string, attempt: number, outcome: "success" | "fallback" | "failed") => Effect.Effect<void>
}

const failureOf = (
  outcome: Either.Either<AblyResponse, AblyError>,
  host: string,
  attempt: number,
  elapsed: number
): Failure =>
  Either.isLeft(outcome)
    ? { error: outcome.left, status: undefined, cloudFront: false, host, attempt, elapsed }
    : {
      error: errorFromResponse(outcome.right),
      status: outcome.right.status,
      cloudFront: (outcome.right.headers["server"] ?? "").toLowerCase().includes("cloudfront"),
      host,
      attempt,
      elapsed
    }

/**
 * Runs one request over the hosts; an HTTP answer below 400 ends it, as does the policy.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as FallbackLoop from "./FallbackLoop.js"
 * // Called by Transport.make for each request on a client with fallback hosts.
 * const run = FallbackLoop.run
 */
export const run = (
  config: Config,
  deadline: CallDeadline | undefined,
  requestId: string | undefined
): Effect.Effect<AblyResponse, AblyError> =>
  Effect.gen(function*() {
    const { maxRetryDuration, requestTimeout, schedule, selection } = config
    const started = yield* Clock.currentTimeMillis
    const first = yield* selection.first
    let host = first
    let attempt = 1
    let now = started
    let others: ReadonlyArray<string> | undefined
    let state: unknown = schedule.initial
    for (;;) {
      if (deadline !== undefined && deadline.at <= now) {
        return yield* Effect.fail(exceeded(deadline, `before trying ${host}`, requestId))
      }
      const attemptBounds = bounds(
        requestTimeout,
        deadline,
        now,
        attempt === 1 ? Infinity : maxRetryDuration - (now - started)
      )
      const outcome = yield* Effect.either(config.attempt(host, attempt, attemptBounds))
      if (Either.isRight(outcome) && outcome.right.status < 400) {
        if (attempt > 1) yield* selection.succeeded(host)
        yield* config.event(host, attempt, "success")
        return outcome.right
      }
      now = yield* Clock.currentTimeMillis
      const failure = failureOf(outcome, host, attempt, now - started)
      // Host affinity (RSC15f) follows the spec's rules, whatever the policy.
      if (qualifies(failure)) yield* selection.failed(host)
      else if (attempt > 1) yield* selection.succeeded(host)
      others ??= yield* selection.fallbacksAfter(first)
      const next = others[attempt - 1]
      // The wait before `next`; `undefined` when there is no next attempt.
      let delay: number | undefined
      if (next !== undefined && now - started < maxRetryDuration) {
        const [nextState, , decision] = yield* schedule.step(now, failure, state)
        state = nextState
        if (!ScheduleDecision.isDone(decision)) {
          const wait = Math.max(0, ScheduleIntervals.start(decision.intervals) - now)
          if (wait === 0 || now + wait - started < maxRetryDuration) delay = wait
        }
      }
      if (next === undefined || delay === undefined) {
        yield* config.event(host, attempt, "failed")
        return yield* outcome
      }
      yield* config.event(host, attempt, "fallback")
      if (delay > 0) {
        if (deadline !== undefined && now + delay >= deadline.at) {
          return yield* Effect.fail(exceeded(deadline, `waiting ${delay}ms before trying ${next}`, requestId))
        }
        yield* Clock.sleep(delay)
        now = yield* Clock.currentTimeMillis
      }
      host = next
      attempt++
    }
  })
