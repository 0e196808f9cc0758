/**
 * Rate limits (HTTP 429, codes 429xx): the facts Ably states in a rate-limit answer, an opt-in
 * jittered backoff for retrying such answers, and the shape of the client-side limiter option
 * (`ClientOptions.publishRateLimit`). Nothing here runs unless asked for: the facts are read
 * only from rate-limit answers, and the backoff is a value the caller applies.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleInterval from "effect/ScheduleInterval"
import { type AblyError, isAblyError, isRateLimit } from "./Errors.js"
import { messageFacts } from "./internal/rateLimit/Parse.js"

/**
 * What a rate-limit answer says about itself; each field only when the answer states it.
 * - `metric`: the limit that was hit (`channel.maxRate`, `messages.maxRate`, `apiRequests.maxRate`…);
 * - `interval`: the period it was measured over, as Ably writes it (`2018-01-05:10:10:3`);
 * - `permittedRate` and `currentRate`: the limit and the rate seen (finite numbers);
 * - `scope`: what the limit applies to (`channel:<appId>:<channel>`, `account:<id>`, `app:<appId>`);
 * - `retryAfterMillis`: the `Retry-After` header as a delay; `retryAt`: its date (epoch ms)
 *   when the answer had no `Date` header to measure it from.
 *
 * @since 0.1.0
 * @category models
 */
export interface Details {
  readonly metric?: string
  readonly interval?: string
  readonly permittedRate?: number
  readonly currentRate?: number
  readonly scope?: string
  readonly retryAfterMillis?: number
  readonly retryAt?: number
}

const finite = (text: string | undefined, min: number): number | undefined => {
  if (text === undefined || text.length > 32) return undefined
  const value = Number(text)
  return text.trim() !== "" && Number.isFinite(value) && value >= min ? value : undefined
}

/**
 * The facts of a rate-limit error (`Errors.isRateLimit`): its `detail` entries (filled from
 * the message and the `Retry-After` header when the answer arrived, Ably's own `detail`
 * winning), else what its message states. `None` for every other error; `Some({})` for a rate
 * limit that states nothing (`Maximum account-wide instantaneous messages rate exceeded`).
 * Rates that are not finite numbers are left out.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import { Errors, RateLimit } from "@effect-ably/core"
 * const error = Errors.ablyError(42910, 429, "Rate limit exceeded; metric = channel.maxRate; permitted rate = 50; current rate = 62.4")
 * RateLimit.details(error) // Option.some({ metric: "channel.maxRate", permittedRate: 50, currentRate: 62.4 })
 */
export const details = (error: AblyError): Option.Option<Details> => {
  if (!isRateLimit(error)) return Option.none()
  const facts = { ...messageFacts(error.message), ...error.detail }
  const found: { -readonly [K in keyof Details]: Details[K] } = {}
  if (facts.metric !== undefined) found.metric = facts.metric
  if (facts.interval !== undefined) found.interval = facts.interval
  const permittedRate = finite(facts.permittedRate, 0)
  if (permittedRate !== undefined) found.permittedRate = permittedRate
  const currentRate = finite(facts.currentRate, 0)
  if (currentRate !== undefined) found.currentRate = currentRate
  if (facts.scope !== undefined) found.scope = facts.scope
  const retryAfterMillis = finite(facts.retryAfterMillis, 0)
  if (retryAfterMillis !== undefined) found.retryAfterMillis = retryAfterMillis
  const retryAt = finite(facts.retryAt, 0)
  if (retryAt !== undefined) found.retryAt = retryAt
  return Option.some(found)
}

/**
 * `true` for an `AblyError` that is a rate limit: what `backoff` continues on.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { Errors, RateLimit } from "@effect-ably/core"
 * RateLimit.isRateLimitError(Errors.ablyError(42910, 429, "Rate limit exceeded")) // true
 * RateLimit.isRateLimitError(new Error("boom")) // false
 */
export const isRateLimitError = (u: unknown): u is AblyError => isAblyError(u) && isRateLimit(u)

/**
 * Settings of `backoff` and `retry`; every one has a default.
 * - `initial`: the first delay (default 500 ms); each next one is `factor` (default 2) times
 *   longer, up to `maxDelay` (default 6 s: Ably's instantaneous limits clear within seconds);
 * - each delay is jittered to between half of it and all of it, so publishers that were
 *   refused together do not come back together;
 * - a `Retry-After` hint, when the answer has one, makes the delay at least that long;
 * - it stops after `maxRetries` retries (default 10) or once the next retry would start more
 *   than `maxElapsed` (default 60 s) after the first refusal.
 *
 * @since 0.1.0
 * @category models
 */
export interface BackoffOptions {
  readonly initial?: Duration.DurationInput | undefined
  readonly factor?: number | undefined
  readonly maxDelay?: Duration.DurationInput | undefined
  readonly maxRetries?: number | undefined
  readonly maxElapsed?: Duration.DurationInput | undefined
}

const positiveOr = (value: number | undefined, fallback: number): number =>
  value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback

const millisOr = (value: Duration.DurationInput | undefined, fallback: number): number =>
  value === undefined ? fallback : Math.max(0, Duration.toMillis(value))

const hintOf = (error: AblyError, now: number): number => {
  const found = details(error)
  if (Option.isNone(found)) return 0
  const { retryAfterMillis, retryAt } = found.value
  return retryAfterMillis ?? (retryAt === undefined ? 0 : Math.max(0, retryAt - now))
}

interface BackoffState {
  readonly retries: number
  readonly start: number | undefined
}

/**
 * A jittered exponential backoff for rate-limit answers (see `BackoffOptions`), as a
 * `Schedule` over the error: it continues only while the error is a rate limit
 * (`isRateLimitError`), so anything else fails at once. Its output is the delay chosen.
 *
 * @since 0.1.0
 * @category schedules
 * @example
 * import { RateLimit, Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.flatMap(Rest.Rest, (rest) =>
 *   rest.channel("orders").publish("created", { id: 42 }).pipe(
 *     Effect.retry(RateLimit.backoff({ initial: "250 millis", maxRetries: 5 }))
 *   ))
 */
export const backoff = (options?: BackoffOptions): Schedule.Schedule<Duration.Duration, unknown> => {
  const initial = millisOr(options?.initial, 500)
  const factor = positiveOr(options?.factor, 2)
  const maxDelay = millisOr(options?.maxDelay, 6_000)
  const maxRetries = Math.floor(positiveOr(options?.maxRetries, 10))
  const maxElapsed = millisOr(options?.maxElapsed, 60_000)
  const done = (state: BackoffState) => Effect.succeed([state, Duration.zero, ScheduleDecision.done] as const)
  return Schedule.makeWithState<BackoffState, unknown, Duration.Duration>(
    { retries: 0, start: undefined },
    (now, input, state) => {
      if (!isRateLimitError(input) || state.retries >= maxRetries) return done(state)
      const start = state.start ?? now
      const base = Math.min(maxDelay, initial * Math.pow(factor, state.retries))
      return Effect.flatMap(Random.next, (random) => {
        const delay = Math.ceil(Math.max(base * (0.5 + random / 2), hintOf(input, now)))
        const next = { retries: state.retries + 1, start }
        if (now + delay - start > maxElapsed) return done(next)
        return Effect.succeed(
          [next, Duration.millis(delay), ScheduleDecision.continueWith(ScheduleInterval.after(now + delay))] as const
        )
      })
    }
  )
}

/**
 * Retries an Effect on rate-limit answers with `backoff(options)`; every other error, and the
 * last rate limit once the backoff gives up, fail as they are. A publish keeps its idempotent
 * ids across the retries (they are fixed when the publish Effect is built), and a refused
 * request published nothing, so retrying cannot duplicate messages.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * import { RateLimit, Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.flatMap(Rest.Rest, (rest) =>
 *   rest.channel("orders").publish([{ name: "a" }, { name: "b" }]).pipe(RateLimit.retry()))
 */
export const retry = (options?: BackoffOptions) => {
  const schedule = backoff(options)
  return <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => Effect.retry(self, schedule)
}

/**
 * Another name for `retry`, as the issue and other SDKs' users call it.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * import { RateLimit, Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.flatMap(Rest.Rest, (rest) => rest.time.pipe(RateLimit.retryOnRateLimit()))
 */
export const retryOnRateLimit: typeof retry = retry

/**
 * The client-side limiter's settings (`ClientOptions.publishRateLimit`), in messages per
 * second: `perChannel` bounds each channel's publishes (to stay under Ably's
 * `channel.maxRate`), `perApp` all of this client's publishes together. A publish of n
 * messages waits until they fit: after a pause, up to half a second's worth go at once, then
 * one every 1/rate s. The half second held back absorbs requests that bunch on their way, so
 * a client set to the server's limit is not refused (the emulator's buckets hold one second's
 * worth, as `RateLimitSpec` says). A publish larger than that waits for a full bucket. A
 * `batchPublish` request counts its messages on each of its channels, and all of them
 * (messages × channels) for `perApp`.
 *
 * @since 0.1.0
 * @category models
 */
export interface PublishRateLimit {
  readonly perChannel?: number | undefined
  readonly perApp?: number | undefined
}
