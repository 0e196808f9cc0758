import { type ClientOptions, Errors, RateLimit, Rest } from "@effect-ably/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Ably from "ably"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { Emulator, EmulatorApp, layerRest } from "../src/index.js"
import { EmulatorAddress, layerServer } from "../src/server.js"

const realTick = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

// Advances the TestClock in small steps, letting real I/O run between them, until `fiber` ends.
const driveToEnd = <A, E>(fiber: Fiber.RuntimeFiber<A, E>) =>
  Effect.gen(function*() {
    for (let step = 0; step < 20_000; step++) {
      if (Option.isSome(yield* Fiber.poll(fiber))) break
      yield* realTick
      yield* TestClock.adjust("100 millis")
    }
    return yield* Fiber.join(fiber)
  })

// `workers` publishers, each publishing `each` single messages one after the other.
const publishAll = (
  channel: string,
  workers: number,
  each: number,
  wrap: <A>(publish: Effect.Effect<A, Errors.AblyError>) => Effect.Effect<A, Errors.AblyError>
) =>
  Effect.flatMap(Rest.Rest, (rest) =>
    Effect.forEach(
      Array.from({ length: workers }, (_, w) => w),
      (w) =>
        Effect.forEach(
          Array.from({ length: each }, (_, i) => i),
          (i) => Effect.either(wrap(rest.channel(channel).publish("n", `${w}:${i}`)))
        ),
      { concurrency: "unbounded" }
    ).pipe(Effect.map((results) => results.flat())))

// `workers` batch publishers, each sending `each` batches of 5 messages to channels b1 and b2.
const batchAll = (workers: number, each: number) =>
  Effect.flatMap(Rest.Rest, (rest) =>
    Effect.forEach(
      Array.from({ length: workers }, (_, w) => w),
      (w) =>
        Effect.forEach(
          Array.from({ length: each }, (_, i) => i),
          (i) =>
            rest.batchPublish({
              channels: ["b1", "b2"],
              messages: Array.from({ length: 5 }, (_, m) => ({ name: "n", data: `${w}:${i}:${m}` }))
            })
        ),
      { concurrency: "unbounded" }
    ).pipe(Effect.map((results) => results.flat())))

const historyIds = (channel: string) =>
  Effect.flatMap(Rest.Rest, (rest) =>
    rest.channel(channel).history({ limit: 1000 }).pipe(
      Stream.map((message) => message.id ?? ""),
      Stream.runCollect,
      Effect.map(Chunk.toReadonlyArray)
    ))

const rejections = Effect.flatMap(
  Effect.all([Emulator, EmulatorApp]),
  ([emulator, app]) => emulator.rateLimits.rejections(app.appId)
)

// About 2.5 ms of CPU per in-memory request: 1,000 publishes (and the retries) take seconds.
describe("emulator rate limits (in memory, TestClock)", () => {
  it.effect(
    "1,000 messages through a 50 msg/s channel with RateLimit.retry: 0 failures, 0 duplicates",
    () =>
      Effect.gen(function*() {
        const started = yield* Clock.currentTimeMillis
        const fiber = yield* Effect.fork(publishAll("busy", 10, 100, RateLimit.retry()))
        const results = yield* driveToEnd(fiber)
        const elapsed = (yield* Clock.currentTimeMillis) - started
        expect(results.filter((result) => result._tag === "Left")).toEqual([])
        const ids = yield* historyIds("busy")
        expect(ids.length).toBe(1_000)
        expect(new Set(ids).size).toBe(1_000)
        const data = yield* Effect.flatMap(
          Emulator,
          (emulator) => Effect.flatMap(EmulatorApp, (app) => emulator.messages(app.appId, "busy"))
        )
        expect(new Set(data.map((message) => message.data)).size).toBe(1_000)
        // The limit was hit and honoured: 50 at once, then 50 a second, in bounded (virtual) time.
        expect(yield* rejections).toBeGreaterThan(0)
        expect(elapsed).toBeGreaterThanOrEqual(19_000)
        expect(elapsed).toBeLessThan(60_000)
      }).pipe(Effect.provide(layerRest({ app: { keys: [{}], rateLimits: { channel: 50 } } }))),
    60_000
  )

  it.effect(
    "the client-side limiter (publishRateLimit.perChannel 50) gets 0 rate-limit answers",
    () =>
      Effect.gen(function*() {
        const started = yield* Clock.currentTimeMillis
        const fiber = yield* Effect.fork(publishAll("calm", 10, 100, (publish) => publish))
        const results = yield* driveToEnd(fiber)
        expect(results.filter((result) => result._tag === "Left")).toEqual([])
        expect(yield* rejections).toBe(0)
        expect(new Set(yield* historyIds("calm")).size).toBe(1_000)
        expect((yield* Clock.currentTimeMillis) - started).toBeGreaterThanOrEqual(19_000)
      }).pipe(Effect.provide(layerRest({
        app: { keys: [{}], rateLimits: { channel: 50 } },
        publishRateLimit: { perChannel: 50 }
      }))),
    60_000
  )

  it.effect(
    "batchPublish past a channel's rate: the over-limit channels are 42910 results, the request succeeds",
    () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(batchAll(4, 10))
        const failures = (yield* driveToEnd(fiber)).flatMap((result) =>
          result.results.flatMap((item) => item._tag === "Failure" ? [item.error.code] : [])
        )
        expect(failures.length).toBeGreaterThan(0)
        expect(new Set(failures)).toEqual(new Set([42910]))
        expect(yield* rejections).toBe(failures.length)
      }).pipe(Effect.provide(layerRest({ app: { keys: [{}], rateLimits: { channel: 50 } } }))),
    60_000
  )

  it.effect(
    "batchPublish under the client-side limiter (perChannel 50, perApp 100) gets 0 rate-limit answers",
    () =>
      Effect.gen(function*() {
        const started = yield* Clock.currentTimeMillis
        // A channel publish first: batches take from the same buckets.
        const rest = yield* Rest.Rest
        yield* Effect.forEach(
          Array.from({ length: 25 }, (_, i) => i),
          (i) => rest.channel("b1").publish("n", String(i))
        )
        const fiber = yield* Effect.fork(batchAll(4, 10))
        const results = yield* driveToEnd(fiber)
        expect(results.map((result) => result.failureCount)).toEqual(results.map(() => 0))
        expect(yield* rejections).toBe(0)
        expect(new Set(yield* historyIds("b1")).size).toBe(225)
        expect(new Set(yield* historyIds("b2")).size).toBe(200)
        // 425 messages to the app at 100 a second, after a first burst of 50.
        expect((yield* Clock.currentTimeMillis) - started).toBeGreaterThanOrEqual(3_700)
      }).pipe(Effect.provide(layerRest({
        app: { keys: [{}], rateLimits: { channel: 50 } },
        publishRateLimit: { perChannel: 50, perApp: 100 }
      }))),
    60_000
  )

  it.effect("without retry, the 51st message of a second is refused with Ably's 42910 body, parsed", () =>
    Effect.gen(function*() {
      const results = yield* publishAll("burst", 1, 51, (publish) => publish)
      const app = yield* EmulatorApp
      const refused = results.filter((result) => result._tag === "Left").map((result) => result.left)
      expect(refused.length).toBe(1)
      const error = refused[0]!
      expect([error.code, error.statusCode, error.reason]).toEqual([42910, 429, "RateLimit"])
      expect(error.message).toMatch(
        /^Rate limit exceeded; request rejected \(nonfatal\); metric = channel\.maxRate; interval = \d{4}-\d\d-\d\d:\d\d:\d\d:\d{1,2}; permitted rate = 50; current rate = 51; scope = channel:/
      )
      expect(RateLimit.details(error).pipe(Option.getOrThrow)).toMatchObject({
        metric: "channel.maxRate",
        permittedRate: 50,
        currentRate: 51,
        scope: `channel:${app.appId}:burst`
      })
      expect(yield* rejections).toBe(1)
      // A second later the channel takes messages again; other channels were never limited.
      yield* TestClock.adjust("1 second")
      expect((yield* publishAll("burst", 1, 50, (publish) => publish)).every((r) => r._tag === "Right")).toBe(true)
    }).pipe(Effect.provide(layerRest({ app: { keys: [{}], rateLimits: { channel: 50 } } }))))

  it.effect("apiRequests: requests past the app's rate are refused with metric apiRequests.maxRate, scope app:<id>", () =>
    Effect.gen(function*() {
      const rest = yield* Rest.Rest
      const app = yield* EmulatorApp
      const outcomes = yield* Effect.forEach(
        Array.from({ length: 12 }, () => 0),
        () => Effect.either(rest.channel("x").status)
      )
      const refused = outcomes.filter((outcome) => outcome._tag === "Left").map((outcome) => outcome.left)
      expect(refused.length).toBe(2)
      expect(RateLimit.details(refused[0]!).pipe(Option.getOrThrow)).toMatchObject({
        metric: "apiRequests.maxRate",
        permittedRate: 10,
        scope: `app:${app.appId}`
      })
      // Changing the limits at run time resets the buckets.
      const emulator = yield* Emulator
      yield* emulator.setRateLimits(app.appId, undefined)
      expect((yield* Effect.either(rest.channel("x").status))._tag).toBe("Right")
      expect(yield* rejections).toBe(0)
    }).pipe(Effect.provide(layerRest({ app: { keys: [{}], rateLimits: { apiRequests: 10 } } }))))
})

// Real sockets: a loopback server and a Rest client over fetch, with a smaller run.
const loopbackRest = (limits: { readonly channel: number }, options: Partial<ClientOptions.ClientOptionsInput>) =>
  Layer.unwrapEffect(Effect.gen(function*() {
    const emulator = yield* Emulator
    const { host, port } = yield* EmulatorAddress
    const app = yield* emulator.createApp({ keys: [{}], rateLimits: limits })
    return Layer.merge(
      Rest.layer({ key: app.keys[0]!.keyStr, endpoint: host, port, tls: false, fallbackHosts: [], ...options }),
      Layer.succeed(EmulatorApp, app)
    )
  })).pipe(Layer.provide(FetchHttpClient.layer), Layer.provideMerge(layerServer({ port: 0 })))

describe("emulator rate limits over loopback (real sockets, live clock)", () => {
  it.live(
    "100 messages through a 25 msg/s channel with RateLimit.retry: 0 failures, 0 duplicates",
    () =>
      Effect.gen(function*() {
        const results = yield* publishAll("busy", 10, 10, RateLimit.retry({ initial: "100 millis" }))
        expect(results.filter((result) => result._tag === "Left")).toEqual([])
        const ids = yield* historyIds("busy")
        expect([ids.length, new Set(ids).size]).toEqual([100, 100])
        expect(yield* rejections).toBeGreaterThan(0)
      }).pipe(Effect.provide(loopbackRest({ channel: 25 }, {}))),
    30_000
  )

  // Set to the server's limit: the half second the limiter holds back absorbs arrivals that bunch.
  it.live(
    "60 messages with publishRateLimit 25/s under a 25 msg/s limit: 0 rate-limit answers",
    () =>
      Effect.gen(function*() {
        const results = yield* publishAll("calm", 6, 10, (publish) => publish)
        expect(results.filter((result) => result._tag === "Left")).toEqual([])
        expect(yield* rejections).toBe(0)
        expect(new Set(yield* historyIds("calm")).size).toBe(60)
      }).pipe(Effect.provide(loopbackRest({ channel: 25 }, { publishRateLimit: { perChannel: 25 } }))),
    30_000
  )

  it.live(
    "the official ably client reads the emulator's 429 body as code 42910, statusCode 429",
    () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const { host, port } = yield* EmulatorAddress
        const app = yield* emulator.createApp({ keys: [{}], rateLimits: { channel: 1 } })
        const client = new Ably.Rest({ key: app.keys[0]!.keyStr, endpoint: host, port, tls: false, logLevel: 0 })
        const channel = client.channels.get("ably-js")
        yield* Effect.promise(() => channel.publish("a", "1"))
        const error = yield* Effect.promise(() => channel.publish("b", "2").then(() => undefined, (e: unknown) => e))
        expect(error).toBeInstanceOf(Ably.ErrorInfo)
        expect(error).toMatchObject({ code: 42910, statusCode: 429 })
        expect(String((error as Ably.ErrorInfo).message)).toContain("metric = channel.maxRate")
      }).pipe(Effect.provide(Layer.merge(layerServer({ port: 0 }), FetchHttpClient.layer))),
    30_000
  )
})
