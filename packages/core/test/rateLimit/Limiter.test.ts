import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import * as Limiter from "../../src/internal/rateLimit/Limiter.js"

// Whether `wait` has ended after `millis` of virtual time.
const doneAfter = (wait: Effect.Effect<void>, millis: number) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(wait)
    yield* TestClock.adjust(millis)
    const done = Option.isSome(yield* Fiber.poll(fiber))
    yield* Fiber.interrupt(fiber)
    return done
  })

describe("Limiter.takeMany (batchPublish)", () => {
  it.effect("perApp spends the total over the channels; the next take waits for the refill", () =>
    Effect.gen(function*() {
      const client = {}
      // 5 + 5 messages: a second's worth of perApp 10 (a full bucket lets it through).
      expect(yield* doneAfter(Limiter.takeMany(client, { perApp: 10 }, new Map([["a", 5], ["b", 5]])), 0)).toBe(true)
      // Empty now: one more needs min(1 + 5 held back, 10) = 6 tokens, 600 ms.
      expect(yield* doneAfter(Limiter.takeMany(client, { perApp: 10 }, new Map([["a", 1]])), 599)).toBe(false)
    }))

  it.effect("perChannel: each channel's own bucket, shared with channel publishes (take)", () =>
    Effect.gen(function*() {
      const client = {}
      const limits = { perChannel: 10 }
      yield* Limiter.take(client, limits, "a", 5)
      // "a" has 5 tokens left and holds 5 back: one more message waits (100 ms); "b" alone would go.
      expect(yield* doneAfter(Limiter.takeMany(client, limits, new Map([["a", 1], ["b", 5]])), 0)).toBe(false)
      expect(Limiter.channelCount(client)).toBe(2)
      const other = {}
      expect(yield* doneAfter(Limiter.takeMany(other, limits, new Map([["a", 5], ["b", 5]])), 0)).toBe(true)
    }))

  it.effect("the wait ends when the tokens are there", () =>
    Effect.gen(function*() {
      const client = {}
      yield* Limiter.takeMany(client, { perApp: 10 }, new Map([["a", 10]]))
      expect(yield* doneAfter(Limiter.takeMany(client, { perApp: 10 }, new Map([["a", 1]])), 600)).toBe(true)
    }))
})
