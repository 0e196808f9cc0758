/**
 * The rate limits an app sets (`AppSpec.rateLimits`), enforced like Ably's instantaneous
 * limits: a token bucket per channel (messages per second) and per app (requests per second)
 * holding one second's worth, refilled continuously on `Clock` (so `TestClock` drives it in
 * the in-memory layer): core's `Bucket`, the one the client-side limiter reserves from. A
 * request over a limit is refused with 429 / 42910 and Ably's message, and counted.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import { Bucket } from "@effect-ably/core/wire"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { AppState } from "./Model.js"

interface AppBuckets {
  readonly channels: Map<string, Bucket.Bucket>
  requests: Bucket.Bucket | undefined
  rejected: number
}

/**
 * The rate-limit side of the emulator: what the routes call and what tests read.
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimits {
  /** Spends `count` messages of `channel`'s `channel.maxRate`, or fails with 429 / 42910. */
  readonly publish: (app: AppState, channel: string, count: number) => Effect.Effect<void, Errors.AblyError>
  /** Spends one request of the app's `apiRequests.maxRate`, or fails with 429 / 42910. */
  readonly request: (app: AppState) => Effect.Effect<void, Errors.AblyError>
  /** How many requests of the app were refused for a rate limit so far. */
  readonly rejections: (appId: string) => Effect.Effect<number>
  /** Forgets an app's buckets and count (its app was deleted or its limits changed). */
  readonly reset: (appId: string) => Effect.Effect<void>
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

// Ably's interval of a per-second limit: `2018-01-05:10:10:3` (date, hour, minute, second).
const intervalOf = (now: number): string => {
  const date = new Date(now)
  return `${date.toISOString().slice(0, 10)}:${pad(date.getUTCHours())}:${
    pad(date.getUTCMinutes())
  }:${date.getUTCSeconds()}`
}

const round = (n: number) => Math.round(n * 100) / 100

/**
 * Ably's text for a refused request over a per-second limit.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { rateLimitError } from "./RateLimits.js"
 * rateLimitError("channel.maxRate", 0, 50, 51, "channel:app:orders").code // 42910
 */
export const rateLimitError = (
  metric: string,
  now: number,
  permitted: number,
  current: number,
  scope: string
): Errors.AblyError =>
  Errors.ablyError(
    42910,
    429,
    `Rate limit exceeded; request rejected (nonfatal); metric = ${metric}; interval = ${
      intervalOf(now)
    }; permitted rate = ${permitted}; current rate = ${round(current)}; scope = ${scope}`
  )

/**
 * A fresh set of buckets.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { make } from "./RateLimits.js"
 * const limits = make() // RateLimits
 */
export const make = (): RateLimits => {
  const apps = new Map<string, AppBuckets>()
  const bucketsOf = (appId: string): AppBuckets => {
    let found = apps.get(appId)
    if (found === undefined) {
      found = { channels: new Map(), requests: undefined, rejected: 0 }
      apps.set(appId, found)
    }
    return found
  }
  // The client-side limiter's bucket (a take of n needs min(n, rate) tokens and spends n, so a
  // large batch leaves the bucket in debt); a refusal answers the rate the take would make.
  const take = (
    buckets: AppBuckets,
    bucket: Bucket.Bucket,
    rate: number,
    now: number,
    cost: number
  ): number | undefined => {
    if (Bucket.tryTake(bucket, rate, now, cost)) return undefined
    buckets.rejected++
    return rate - Bucket.tokensAt(bucket, rate, now) + cost
  }
  return {
    publish: (app, channel, count) => {
      const rate = app.rateLimits?.channel
      if (rate === undefined) return Effect.void
      return Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const buckets = bucketsOf(app.appId)
        let bucket = buckets.channels.get(channel)
        if (bucket === undefined) buckets.channels.set(channel, bucket = Bucket.full(rate, now))
        const current = take(buckets, bucket, rate, now, count)
        return current === undefined
          ? Effect.void
          : Effect.fail(rateLimitError("channel.maxRate", now, rate, current, `channel:${app.appId}:${channel}`))
      })
    },
    request: (app) => {
      const rate = app.rateLimits?.apiRequests
      if (rate === undefined) return Effect.void
      return Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const buckets = bucketsOf(app.appId)
        buckets.requests ??= Bucket.full(rate, now)
        const current = take(buckets, buckets.requests, rate, now, 1)
        return current === undefined
          ? Effect.void
          : Effect.fail(rateLimitError("apiRequests.maxRate", now, rate, current, `app:${app.appId}`))
      })
    },
    rejections: (appId) => Effect.sync(() => apps.get(appId)?.rejected ?? 0),
    reset: (appId) => Effect.sync(() => void apps.delete(appId))
  }
}
