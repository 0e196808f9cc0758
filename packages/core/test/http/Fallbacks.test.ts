/**
 * The fallback policy as a value (`FallbackPolicy`, the `fallbackSchedule` option): a replaced
 * Schedule is honoured (a count, a delay on the TestClock), 50320 / 50330 answers go to a
 * fallback host, other 4xx answers do not, and each attempt is an event on the caller's span.
 */
import { Errors, FallbackPolicy } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"
import { spanRecorder } from "../utils/SecretScan.js"

const timeOk = () => json(200, [1_700_000_000_000])
const primary = "main.realtime.ably.net"
const ablyAnswer = (status: number, code: number) =>
  json(status, { error: { code, statusCode: status, message: `error ${code}` } })

describe("FallbackPolicy", () => {
  it.effect("RSC15 - a replaced Schedule is honoured: at most one fallback host", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({
        key: testKey,
        fallbackSchedule: FallbackPolicy.qualifying.pipe(Schedule.intersect(Schedule.recurs(1)))
      }, () => "network-error")
      const error = yield* Effect.flip(rest.time)
      expect(error.code).toBe(80000)
      expect(yield* Ref.get(seen)).toHaveLength(2)
    }))

  it.effect("RSC15 - a delay between hosts, measured on the TestClock", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({
        key: testKey,
        fallbackSchedule: FallbackPolicy.standard(3).pipe(Schedule.addDelay(() => Duration.millis(200)))
      }, (request) => request.url.hostname === primary ? ablyAnswer(500, 50000) : timeOk())
      const fiber = yield* Effect.fork(rest.time)
      yield* TestClock.adjust(Duration.millis(199))
      expect(yield* Ref.get(seen)).toHaveLength(1)
      yield* TestClock.adjust(Duration.millis(1))
      expect(yield* Fiber.join(fiber)).toBe(1_700_000_000_000)
      expect(yield* Ref.get(seen)).toHaveLength(2)
    }))

  it.effect("the default is the spec's: httpMaxRetryCount fallbacks, every host at most once", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, fallbackSchedule: Schedule.forever },
        () => "network-error"
      )
      yield* Effect.flip(rest.time)
      // A schedule that never stops still tries each of the 5 default fallbacks once.
      const hosts = (yield* Ref.get(seen)).map((request) => request.url.hostname)
      expect(hosts).toHaveLength(6)
      expect(new Set(hosts).size).toBe(6)
      const { rest: standard, seen: seenStandard } = yield* restWith({ key: testKey }, () => "network-error")
      yield* Effect.flip(standard.time)
      expect(yield* Ref.get(seenStandard)).toHaveLength(4)
    }))

  it.effect("50320 (Active Traffic Management) and 50330 answers go to a fallback, whatever their status", () =>
    Effect.gen(function*() {
      for (const [status, code] of [[400, 50320], [421, 50330], [503, 50320]] as const) {
        const { rest, seen } = yield* restWith(
          { key: testKey },
          (request) => request.url.hostname === primary ? ablyAnswer(status, code) : timeOk()
        )
        expect(yield* rest.time).toBe(1_700_000_000_000)
        expect((yield* Ref.get(seen)).map((request) => request.url.hostname)[0]).toBe(primary)
        expect(yield* Ref.get(seen)).toHaveLength(2)
      }
    }))

  it.effect("RSC15l - a non-qualifying answer (400 / 40000, 404) stays on its host, whatever the schedule's count", () =>
    Effect.gen(function*() {
      for (const [status, code] of [[400, 40000], [404, 40400], [505, 50500]] as const) {
        const { rest, seen } = yield* restWith({ key: testKey }, () => ablyAnswer(status, code))
        const error = yield* Effect.flip(rest.time)
        expect(error.code).toBe(code)
        expect(yield* Ref.get(seen)).toHaveLength(1)
      }
    }))

  it("qualifies: the spec's rules as a predicate", () => {
    const failure = (code: number, status: number | undefined, cloudFront = false): FallbackPolicy.Failure => ({
      error: Errors.ablyError(code, status ?? 500, "x"),
      status,
      cloudFront,
      host: primary,
      attempt: 1,
      elapsed: 0
    })
    expect(FallbackPolicy.qualifies(failure(80000, undefined))).toBe(true)
    expect(FallbackPolicy.qualifies(failure(50003, undefined))).toBe(true)
    expect(FallbackPolicy.qualifies(failure(50000, 504))).toBe(true)
    expect(FallbackPolicy.qualifies(failure(50000, 505))).toBe(false)
    expect(FallbackPolicy.qualifies(failure(40300, 403, true))).toBe(true)
    expect(FallbackPolicy.qualifies(failure(40300, 403))).toBe(false)
    expect(FallbackPolicy.qualifies(failure(40142, 401))).toBe(false)
    expect(FallbackPolicy.qualifies(failure(50330, 400))).toBe(true)
  })

  it.effect("a fallbackSchedule that is not a Schedule is 40000", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(restWith({ key: testKey, fallbackSchedule: 3 as never }, () => timeOk()))
      expect(error).toMatchObject({
        code: 40000,
        message: "Invalid client options: fallbackSchedule must be a Schedule"
      })
    }))

  it.effect("RSC15 - one ably.attempt event per attempt on the caller's span: host, attempt, outcome", () =>
    Effect.gen(function*() {
      const spans = spanRecorder()
      const fallback = "fallback-a.example.test"
      const { rest } = yield* restWith(
        { key: testKey, fallbackHosts: [fallback] },
        (request) => request.url.hostname === fallback ? timeOk() : ablyAnswer(503, 50300)
      )
      yield* rest.time.pipe(Effect.withSpan("user.operation"), Effect.withTracer(spans.tracer))
      const time = spans.spans.find((span) => span.name === "Rest.time")!
      expect(time.events.map((event) => event.attributes)).toEqual([
        { "server.address": primary, "ably.attempt": 1, "ably.outcome": "fallback" },
        { "server.address": fallback, "ably.attempt": 2, "ably.outcome": "success" }
      ])
    }))
})
