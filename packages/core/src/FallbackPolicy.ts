/**
 * The fallback-host policy (RSC15) as a value: a `Schedule` the transport steps after each
 * failed attempt, with the failure as its input. It continues to the next host while it
 * recurs (after its delay, if it has one) and stops when it is done; the last answer or
 * error is then the call's. Replace it with the `fallbackSchedule` client option.
 *
 * The default, `standard(httpMaxRetryCount)`, is the spec's rule: only a qualifying failure
 * (`qualifies`) goes on, to at most `httpMaxRetryCount` fallback hosts, with no delay. Around
 * whatever the schedule, the transport keeps the rest of RSC15: every host at most once (the
 * preferred host, then the fallbacks in random order), no host once `httpMaxRetryDuration` has passed
 * since the first attempt, each fallback attempt's timeout within the time left of it, the
 * call's deadline (`Deadline.withDeadline`), and host affinity (RSC15f, which follows
 * `qualifies`, whatever the schedule). The schedule is not used for a success, nor for a
 * client without fallback hosts (RSC15m).
 *
 * @since 0.1.0
 */
import * as Schedule from "effect/Schedule"
import { type AblyError, isRetryable } from "./Errors.js"

/**
 * One failed attempt, as the policy sees it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Failure {
  /** The error of the attempt: the SDK's for no answer, else the one the answer carries. */
  readonly error: AblyError
  /** The HTTP status of the answer; `undefined` when there was no answer (network, timeout). */
  readonly status: number | undefined
  /** `true` for an answer with a `Server: CloudFront` header (RSC15l4). */
  readonly cloudFront: boolean
  /** The host that failed. */
  readonly host: string
  /** Its attempt number: 1 for the first host of the call. */
  readonly attempt: number
  /** Milliseconds from the first attempt to this failure. */
  readonly elapsed: number
}

/**
 * What the `fallbackSchedule` option takes: whatever output, `Failure` in, no requirements.
 *
 * @since 0.1.0
 * @category models
 */
export type FallbackSchedule = Schedule.Schedule<unknown, Failure>

/**
 * Error codes that go to a fallback host whatever their HTTP status: 50320 (Active Traffic
 * Management is redirecting the cluster's traffic) and 50330 (the request reached the wrong
 * cluster or edge).
 *
 * @since 0.1.0
 * @category fallback
 * @example
 * import { FallbackPolicy } from "@effect-ably/core"
 * FallbackPolicy.redirectCodes.includes(50320) // true
 */
export const redirectCodes: ReadonlyArray<number> = [50320, 50330]

/**
 * The spec's qualifying failures (RSC15l): no answer (network error 80000, timeout 50003,
 * an unreadable answer), an answer with status 500–504 (RSC15l3) or a status ≥ 400 from
 * CloudFront (RSC15l4), and the codes in `redirectCodes`. Everything else, 4xx answers
 * and token errors included, stays on its host.
 *
 * @since 0.1.0
 * @category fallback
 * @example
 * import { Errors, FallbackPolicy } from "@effect-ably/core"
 * const failure = (code: number, status: number): FallbackPolicy.Failure => ({
 *   error: Errors.ablyError(code, status, "failed"), status, cloudFront: false, host: "main.realtime.ably.net", attempt: 1, elapsed: 12
 * })
 * FallbackPolicy.qualifies(failure(50000, 503)) // true
 * FallbackPolicy.qualifies(failure(50320, 400)) // true
 * FallbackPolicy.qualifies(failure(40400, 404)) // false
 */
export const qualifies = (failure: Failure): boolean => {
  const { error, status } = failure
  if (error.code === 50320 || error.code === 50330) return true
  if (status === undefined) return isRetryable(error)
  return (status >= 500 && status <= 504) || (status >= 400 && failure.cloudFront)
}

/**
 * Recurs while the failure qualifies (`qualifies`), with no limit and no delay.
 *
 * @since 0.1.0
 * @category schedules
 * @example
 * import { FallbackPolicy } from "@effect-ably/core"
 * import { Schedule } from "effect"
 * // Qualifying failures, at most one fallback host.
 * const oneFallback = FallbackPolicy.qualifying.pipe(Schedule.intersect(Schedule.recurs(1)))
 */
export const qualifying: Schedule.Schedule<Failure, Failure> = /*#__PURE__*/ Schedule.recurWhile(qualifies)

/**
 * The default policy: `qualifying`, to at most `maxRetryCount` fallback hosts (the
 * `httpMaxRetryCount` option, default 3; TO3l5). Extend it with Effect's combinators, e.g.
 * a pause between hosts.
 *
 * @since 0.1.0
 * @category schedules
 * @example
 * import { FallbackPolicy, Rest } from "@effect-ably/core"
 * import { Schedule } from "effect"
 *
 * // The spec's policy with a pause of 200 ms before each fallback host.
 * const RestLive = Rest.layer({
 *   key: "app.key:secret",
 *   fallbackSchedule: FallbackPolicy.standard(3).pipe(Schedule.addDelay(() => "200 millis"))
 * })
 */
export const standard = (maxRetryCount: number = 3): Schedule.Schedule<[Failure, number], Failure> =>
  Schedule.intersect(qualifying, Schedule.recurs(maxRetryCount))

/**
 * Recurs while less than `millis` have passed since the call's first attempt (the
 * transport's `httpMaxRetryDuration` budget still applies; this one can only be shorter).
 *
 * @since 0.1.0
 * @category schedules
 * @example
 * import { FallbackPolicy } from "@effect-ably/core"
 * import { Schedule } from "effect"
 * const quick = FallbackPolicy.standard(3).pipe(Schedule.intersect(FallbackPolicy.within(2_000)))
 */
export const within = (millis: number): Schedule.Schedule<Failure, Failure> =>
  Schedule.recurWhile((failure: Failure) => failure.elapsed < millis)
