import { AblyOptions, type ClientOptions, Errors, RateLimit } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import * as Bucket from "../../src/internal/rateLimit/Bucket.js"
import * as Limiter from "../../src/internal/rateLimit/Limiter.js"

const limited = (detail?: Record<string, string>) =>
  Errors.ablyError(42910, 429, "Rate limit exceeded; metric = channel.maxRate", { detail })

// Runs `attempt` under `retry`, failing with `errors[i]` on attempt i; returns the attempt times.
const attempts = (
  errors: ReadonlyArray<Errors.AblyError>,
  options?: RateLimit.BackoffOptions
) =>
  Effect.gen(function*() {
    const times = yield* Ref.make<ReadonlyArray<number>>([])
    const attempt = Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      const seen = yield* Ref.updateAndGet(times, (all) => [...all, now])
      const error = errors[seen.length - 1]
      return error === undefined ? "ok" : yield* Effect.fail(error)
    })
    const fiber = yield* Effect.fork(Effect.either(attempt.pipe(RateLimit.retry(options))))
    yield* TestClock.adjust("10 minutes")
    const outcome = yield* Fiber.join(fiber)
    return { outcome, times: yield* Ref.get(times) }
  })

const gaps = (times: ReadonlyArray<number>) => times.slice(1).map((time, i) => time - times[i]!)

describe("RateLimit.backoff / retry", () => {
  it.effect("rate limits are retried with jittered, doubling delays capped at maxDelay", () =>
    Effect.gen(function*() {
      const { outcome, times } = yield* attempts(Array.from({ length: 7 }, () => limited()))
      expect(outcome).toEqual(Either.right("ok"))
      const delays = gaps(times)
      const bases = [500, 1000, 2000, 4000, 6000, 6000, 6000]
      expect(delays.length).toBe(7)
      delays.forEach((delay, i) => {
        expect(delay).toBeGreaterThanOrEqual(bases[i]! / 2)
        expect(delay).toBeLessThanOrEqual(bases[i]!)
      })
    }))

  it.effect("any other error passes through at once", () =>
    Effect.gen(function*() {
      const { outcome, times } = yield* attempts([Errors.ablyError(40000, 400, "bad"), limited()])
      expect(Either.getLeft(outcome).pipe((e) => e._tag === "Some" && e.value.code)).toBe(40000)
      expect(times).toEqual([0])
    }))

  it.effect("it gives up after maxRetries, failing with the last rate limit", () =>
    Effect.gen(function*() {
      const { outcome, times } = yield* attempts(Array.from({ length: 10 }, () => limited()), { maxRetries: 3 })
      expect(Either.isLeft(outcome)).toBe(true)
      expect(times.length).toBe(4)
    }))

  it.effect("it gives up once the next retry would start past maxElapsed", () =>
    Effect.gen(function*() {
      const { outcome, times } = yield* attempts(Array.from({ length: 20 }, () => limited()), {
        initial: "1 second",
        maxDelay: "1 second",
        maxElapsed: "3 seconds",
        maxRetries: 100
      })
      expect(Either.isLeft(outcome)).toBe(true)
      expect(times.at(-1)!).toBeLessThanOrEqual(3_000)
      expect(times.length).toBeGreaterThanOrEqual(4) // delays of 0.5–1 s fit at least 3 times in 3 s
    }))

  it.effect("a Retry-After hint makes the delay at least that long", () =>
    Effect.gen(function*() {
      const { outcome, times } = yield* attempts([limited({ retryAfterMillis: "4000" }), limited()])
      expect(outcome).toEqual(Either.right("ok"))
      expect(gaps(times)[0]).toBe(4_000)
      expect(gaps(times)[1]).toBeLessThanOrEqual(1_000)
    }))
})

describe("the client-side limiter's bucket", () => {
  it("a burst of one second's worth, then one message per 1/rate s; a big publish goes into debt", () => {
    const bucket = Bucket.full(50, 0)
    expect(Bucket.reserve(bucket, 50, 0, 50)).toBe(0)
    expect(Bucket.reserve(bucket, 50, 0, 1)).toBe(20)
    expect(Bucket.reserve(bucket, 50, 0, 1)).toBe(40)
    // At 1 s it holds 48 (refilled since 40 ms); 120 need a full bucket of 50: 40 ms later.
    expect(Bucket.reserve(bucket, 50, 1_000, 120)).toBe(1_040)
    // 70 in debt at 1040 ms, 22 at 2 s: one more needs 23 tokens, 460 ms.
    expect(Bucket.reserve(bucket, 50, 2_000, 1)).toBe(2_460)
  })

  it("the server's tryTake accepts what the client's reserve granted, at the granted times", () => {
    const client = Bucket.full(50, 0)
    const server = Bucket.full(50, 0)
    for (let i = 0; i < 500; i++) {
      const cost = 1 + (i % 7)
      const grant = Math.ceil(Bucket.reserve(client, 50, i * 3, cost))
      expect(Bucket.tryTake(server, 50, grant, cost)).toBe(true)
    }
    expect(Bucket.tryTake(Bucket.full(2, 0), 2, 0, 3)).toBe(true)
    const held = Bucket.full(10, 0)
    expect([1, 2, 3, 4, 5, 6].map(() => Bucket.reserve(held, 10, 0, 1, 5))).toEqual([0, 0, 0, 0, 0, 100])
    expect(Bucket.tryTake({ tokens: 0, at: 0 }, 2, 100, 1)).toBe(false)
  })

  it.effect("Limiter.take waits on Clock; the channel map is bounded", () =>
    Effect.gen(function*() {
      const client = {}
      const fiber = yield* Effect.fork(Effect.forEach(
        Array.from({ length: 30 }, (_, i) => i),
        () => Effect.zipRight(Limiter.take(client, { perChannel: 10 }, "c", 1), Clock.currentTimeMillis)
      ))
      yield* TestClock.adjust("10 seconds")
      const times = yield* Fiber.join(fiber)
      // Half a second's worth at once (half held back), then one every 100 ms.
      expect(times.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 100])
      expect(times.at(-1)).toBe(2_500)
      for (let i = 0; i < Limiter.maxChannels + 50; i++) yield* Limiter.take(client, { perChannel: 10 }, `c${i}`, 1)
      expect(Limiter.channelCount(client)).toBe(Limiter.maxChannels)
    }))

  it.effect("perApp spans channels", () =>
    Effect.gen(function*() {
      const client = {}
      const fiber = yield* Effect.fork(Effect.forEach(
        Array.from({ length: 20 }, (_, i) => i),
        (i) => Effect.zipRight(Limiter.take(client, { perApp: 10 }, `c${i}`, 1), Clock.currentTimeMillis)
      ))
      yield* TestClock.adjust("10 seconds")
      expect((yield* Fiber.join(fiber)).at(-1)).toBe(1_500)
    }))

  it("publishRateLimit is validated: positive finite rates", () => {
    const resolve = (publishRateLimit: unknown) =>
      AblyOptions.resolve({ key: "a.b:c", publishRateLimit } as unknown as ClientOptions.ClientOptionsInput)
    expect(Either.isRight(resolve({ perChannel: 50, perApp: 0.5 }))).toBe(true)
    for (const bad of [{ perChannel: 0 }, { perChannel: -1 }, { perApp: Infinity }, { perApp: Number.NaN }, 5]) {
      const resolved = resolve(bad)
      expect(Either.isLeft(resolved) && resolved.left.code).toBe(40000)
    }
  })
})
