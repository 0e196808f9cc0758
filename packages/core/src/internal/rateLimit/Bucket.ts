/**
 * A token bucket in plain numbers, the rule both the client-side limiter and the emulator
 * apply: `rate` tokens a second, at most `rate` (one second's worth) stored, and a take of n
 * messages needs `min(n, rate)` tokens and spends n (a publish larger than a second's worth
 * goes through when the bucket is full and leaves it in debt). No fibers and no scope: state
 * is two numbers, so an idle bucket is the same as a new one and can be dropped.
 *
 * @since 0.1.0
 */

/**
 * Tokens at the time `at` (epoch ms); `tokens` may be negative (debt).
 *
 * @since 0.1.0
 * @category models
 */
export interface Bucket {
  tokens: number
  at: number
}

/**
 * A full bucket of `rate` tokens at `now`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Bucket from "./Bucket.js"
 * Bucket.full(50, 0) // { tokens: 50, at: 0 }
 */
export const full = (rate: number, now: number): Bucket => ({ tokens: rate, at: now })

/**
 * The tokens a bucket holds at `time` (not before its `at`), refilled at `rate` a second up to `rate`.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import * as Bucket from "./Bucket.js"
 * Bucket.tokensAt({ tokens: 0, at: 0 }, 50, 100) // 5
 */
export const tokensAt = (bucket: Bucket, rate: number, time: number): number =>
  Math.min(rate, bucket.tokens + (Math.max(time, bucket.at) - bucket.at) * rate / 1000)

/**
 * Reserves `cost` messages and answers when they may go (epoch ms, `now` or later): the
 * first time the bucket holds `min(cost + reserve, rate)` tokens after every earlier
 * reservation. The reservation is spent at once, so callers that reserve one after the other
 * are served in that order. `reserve` tokens are left unused: on the server's bucket they
 * absorb requests that arrive closer together than they were sent (a slow first request, a
 * varying time on the wire), at the price of a smaller first burst; the steady rate is `rate`.
 *
 * @since 0.1.0
 * @category reserving
 * @example
 * import * as Bucket from "./Bucket.js"
 * const bucket = Bucket.full(50, 0)
 * Bucket.reserve(bucket, 50, 0, 50) // 0: the burst fits
 * Bucket.reserve(bucket, 50, 0, 1) // 20: one more after 20 ms
 */
export const reserve = (bucket: Bucket, rate: number, now: number, cost: number, reserve = 0): number => {
  const base = Math.max(now, bucket.at)
  const available = tokensAt(bucket, rate, base)
  const need = Math.min(cost + reserve, rate)
  const grant = available >= need ? base : base + (need - available) * 1000 / rate
  bucket.tokens = (grant === base ? available : need) - cost
  bucket.at = grant
  return grant
}

/**
 * Takes `cost` messages at `now` if they fit (the server's side: no waiting): `true` and the
 * bucket spent, or `false` and the bucket as it was.
 *
 * @since 0.1.0
 * @category reserving
 * @example
 * import * as Bucket from "./Bucket.js"
 * const bucket = Bucket.full(2, 0)
 * Bucket.tryTake(bucket, 2, 0, 2) // true
 * Bucket.tryTake(bucket, 2, 0, 1) // false
 */
export const tryTake = (bucket: Bucket, rate: number, now: number, cost: number): boolean => {
  const available = tokensAt(bucket, rate, now)
  // A client that waited for exactly enough tokens must not be refused by rounding.
  if (available + 1e-9 < Math.min(cost, rate)) return false
  bucket.tokens = available - cost
  bucket.at = Math.max(now, bucket.at)
  return true
}
