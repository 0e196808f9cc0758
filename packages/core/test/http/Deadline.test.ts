/**
 * Per-call deadlines (`Deadline.withDeadline`) and the overall budget across fallbacks
 * (`httpMaxRetryDuration`, TO3l6): each attempt's timeout is within the time left, no host is
 * tried after the deadline, and the failure says which limit it was.
 */
import { Deadline } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

const timeOk = () => json(200, [1_700_000_000_000])

const untilSeen = <A>(seen: Ref.Ref<ReadonlyArray<A>>, count: number) =>
  Effect.gen(function*() {
    for (let i = 0; i < 200 && (yield* Ref.get(seen)).length < count; i++) {
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 10)))
    }
  })

describe("Deadline.withDeadline", () => {
  it.effect("fails with a typed 50003 deadline error while fallback hosts remain, after one attempt cut to the deadline", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () => "hang")
      const fiber = yield* Effect.fork(Effect.flip(rest.time.pipe(Deadline.withDeadline("5 seconds"))))
      yield* TestClock.adjust(Duration.millis(4_999))
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust(Duration.millis(1))
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ code: 50003, statusCode: 500, reason: "Timeout", detail: { timeout: "deadline" } })
      expect(error.message).toMatch(/^Timeout: the call's deadline of 5000ms was reached/)
      // 3 fallback hosts were left: none was tried.
      expect(yield* Ref.get(seen)).toHaveLength(1)
    }))

  it.effect("RSC15l2 - a fallback attempt gets only the time left: 10 s on the primary, then 2 s of a 12 s deadline", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () => "hang")
      const fiber = yield* Effect.fork(Effect.flip(rest.time.pipe(Deadline.withDeadline("12 seconds"))))
      yield* TestClock.adjust(Duration.seconds(10))
      expect(yield* Ref.get(seen)).toHaveLength(2)
      yield* TestClock.adjust(Duration.seconds(2))
      const error = yield* Fiber.join(fiber)
      expect(error.detail).toEqual({ timeout: "deadline" })
      expect(error.message).toMatch(/^Timeout: the call's deadline of 12000ms was reached/)
      expect(yield* Ref.get(seen)).toHaveLength(2)
    }))

  it.effect("RSC15m - without fallback hosts the one attempt is cut to the deadline too", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, fallbackHosts: [] }, () => "hang")
      const fiber = yield* Effect.fork(Effect.flip(rest.time.pipe(Deadline.withDeadline("1 second"))))
      yield* TestClock.adjust(Duration.seconds(1))
      expect((yield* Fiber.join(fiber)).detail).toEqual({ timeout: "deadline" })
      expect(yield* Ref.get(seen)).toHaveLength(1)
    }))

  it.effect("a deadline already reached sends nothing; an inner deadline keeps the sooner one", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () => timeOk())
      const zero = yield* Effect.flip(rest.time.pipe(Deadline.withDeadline(0)))
      expect(zero).toMatchObject({ code: 50003, detail: { timeout: "deadline" } })
      expect(yield* Ref.get(seen)).toHaveLength(0)
      const left = yield* Deadline.remaining.pipe(Deadline.withDeadline("1 minute"), Deadline.withDeadline("2 seconds"))
      expect(Option.map(left, Duration.toMillis)).toEqual(Option.some(2_000))
      expect(yield* Deadline.remaining).toEqual(Option.none())
      // A call well within its deadline is unchanged.
      expect(yield* rest.time.pipe(Deadline.withDeadline("5 seconds"))).toBe(1_700_000_000_000)
    }))

  it.effect("token requests made for the call count against its deadline", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useTokenAuth: true, fallbackHosts: [] }, (request) =>
        request.url.pathname.endsWith("/requestToken") ? "hang" : timeOk())
      const fiber = yield* Effect.fork(
        Effect.flip(rest.channel("c").publish("m", "x").pipe(Deadline.withDeadline("3 seconds")))
      )
      // The token request is sent once the auth modules are loaded (real time, not the TestClock's).
      yield* untilSeen(seen, 1)
      yield* TestClock.adjust(Duration.seconds(3))
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ code: 50003, reason: "Timeout" })
      expect(error.message).toContain("deadline of 3000ms")
      expect((yield* Ref.get(seen)).map((request) =>
        request.url.pathname
      )).toEqual(["/keys/appid.keyid/requestToken"])
    }))
})

describe("httpMaxRetryDuration (TO3l6)", () => {
  it.effect("bounds each fallback attempt's timeout: 10 s on the primary, then the 5 s left of 15 s, then no host", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () => "hang")
      const fiber = yield* Effect.fork(Effect.flip(rest.time))
      yield* TestClock.adjust(Duration.seconds(10))
      expect(yield* Ref.get(seen)).toHaveLength(2)
      yield* TestClock.adjust(Duration.seconds(5))
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ code: 50003, reason: "Timeout", detail: { timeout: "retryDuration" } })
      expect(error.message).toMatch(/^Timeout for trying fallback hosts/)
      expect(yield* Ref.get(seen)).toHaveLength(2)
    }))

  it.effect("RSC13 - a plain request timeout says so (detail.timeout 'request')", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, fallbackHosts: [], httpRequestTimeout: 1000 }, () => "hang")
      const fiber = yield* Effect.fork(Effect.flip(rest.time))
      yield* TestClock.adjust(Duration.seconds(1))
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ code: 50003, detail: { timeout: "request" } })
      expect(error.message).toBe("Timeout: no response from main.realtime.ably.net within 1000ms")
    }))
})
