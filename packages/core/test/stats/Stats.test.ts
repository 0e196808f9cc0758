/**
 * RSC6/TS12 stats: the Stats Schema (current `entries` shape and the older nested shape), and
 * `rest.stats` against the emulator with ably-js's stats fixtures and live publishes.
 */
import { Stats } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { emulatedRest } from "../integration/emulated.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

const decode = Schema.decodeUnknownEither(Stats.Stats)

// The fixtures ably-js posts to the sandbox (test/rest/stats.test.js), in the older nested shape.
const fixtures = [
  {
    intervalId: "2015-02-03:15:03",
    inbound: { realtime: { messages: { count: 50, data: 5000 } } },
    outbound: { realtime: { messages: { count: 20, data: 2000 } } }
  },
  {
    intervalId: "2015-02-03:15:04",
    inbound: { realtime: { messages: { count: 60, data: 6000 } } },
    outbound: { realtime: { messages: { count: 10, data: 1000 } } }
  },
  {
    intervalId: "2015-02-03:15:05",
    inbound: { realtime: { messages: { count: 70, data: 7000 } } },
    outbound: { realtime: { messages: { count: 40, data: 4000 } } },
    persisted: { presence: { count: 20, data: 2000 } },
    connections: { tls: { peak: 20, opened: 10 } },
    channels: { peak: 50, opened: 30 },
    apiRequests: { succeeded: 50, failed: 10 },
    tokenRequests: { succeeded: 60, failed: 20 }
  },
  {
    intervalId: "2015-03-03:15:07",
    inbound: { realtime: { messages: { count: 15, data: 4000 } } },
    outbound: { realtime: { messages: { count: 33, data: 3000 } } }
  }
]

const inbound = "messages.inbound.all.messages.count"
const outbound = "messages.outbound.all.messages.count"
const sum = (records: ReadonlyArray<Stats.Stats>, key: string) =>
  records.reduce((total, r) => total + (r.entries[key] ?? 0), 0)
const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)
const t = (iso: string) => Date.parse(iso)

describe("Stats schema", () => {
  it("TS12 - the current shape: intervalId, intervalTime, unit, inProgress, entries, schema, appId", () => {
    const stats = Either.getOrThrow(decode({
      intervalId: "2024-05-06:07",
      unit: "hour",
      inProgress: "2024-05-06:07:31:02",
      entries: { "messages.all.all.count": 3, "channels.peak": 1 },
      schema: "https://schemas.ably.com/json/app-stats-0.0.5.json",
      appId: "app1",
      somethingNew: true
    }))
    expect(stats).toEqual({
      intervalId: "2024-05-06:07",
      intervalTime: t("2024-05-06T07:00:00Z"),
      unit: "hour",
      inProgress: "2024-05-06:07:31:02",
      entries: { "messages.all.all.count": 3, "channels.peak": 1 },
      schema: "https://schemas.ably.com/json/app-stats-0.0.5.json",
      appId: "app1"
    })
  })

  it("TS12p - intervalTime from every intervalId form; a form it cannot read is a decode failure", () => {
    expect(Stats.intervalTime("2015-02-03:15:05")).toEqual(Either.right(t("2015-02-03T15:05:00Z")))
    expect(Stats.intervalTime("2015-02-03:15")).toEqual(Either.right(t("2015-02-03T15:00:00Z")))
    expect(Stats.intervalTime("2015-02-03")).toEqual(Either.right(t("2015-02-03T00:00:00Z")))
    expect(Stats.intervalTime("2015-02")).toEqual(Either.right(t("2015-02-01T00:00:00Z")))
    expect(Either.isLeft(Stats.intervalTime("yesterday"))).toBe(true)
    expect(Either.isLeft(decode({ intervalId: "yesterday", unit: "minute", entries: {} }))).toBe(true)
  })

  it("the older nested shape is read: numbers mapped onto current entries keys, nested objects kept in legacy", () => {
    const stats = Either.getOrThrow(decode(fixtures[2]))
    expect(stats.unit).toBe("minute")
    expect(stats.intervalTime).toBe(t("2015-02-03T15:05:00Z"))
    expect(stats.entries).toEqual({
      "messages.inbound.realtime.messages.count": 70,
      "messages.inbound.realtime.messages.data": 7000,
      "messages.outbound.realtime.messages.count": 40,
      "messages.outbound.realtime.messages.data": 4000,
      "messages.persisted.presence.count": 20,
      "messages.persisted.presence.data": 2000,
      "connections.tls.peak": 20,
      "connections.tls.opened": 10,
      "channels.peak": 50,
      "channels.opened": 30,
      "apiRequests.all.succeeded": 50,
      "apiRequests.all.failed": 10,
      "apiRequests.tokenRequests.succeeded": 60,
      "apiRequests.tokenRequests.failed": 20
    })
    expect(stats.legacy).toMatchObject({ inbound: fixtures[2]!.inbound, tokenRequests: fixtures[2]!.tokenRequests })
    expect(Either.getOrThrow(decode({ intervalId: "2015-02-03:15", all: { all: { count: 1 } } })).unit).toBe("hour")
    expect(Either.getOrThrow(decode({ intervalId: "2015-02", all: { all: { count: 1 } } })).entries).toEqual({
      "messages.all.all.count": 1
    })
  })

  it.effect("RSC6 - stats() sends start/end/direction/limit/unit and decodes either shape", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        () => json(200, [fixtures[0], { intervalId: "2015-02-03:15:04", unit: "minute", entries: { [inbound]: 60 } }])
      )
      const records = yield* collect(
        rest.stats({
          start: new Date(t("2015-02-03T15:03:00Z")),
          end: t("2015-02-03T15:05:00Z"),
          direction: "forwards",
          limit: 2,
          unit: "minute"
        })
      )
      expect(records.map((r) => r.entries["messages.inbound.realtime.messages.count"] ?? r.entries[inbound])).toEqual([
        50,
        60
      ])
      const [request] = yield* seen
      expect(request!.url.pathname).toBe("/stats")
      expect(Object.fromEntries(request!.url.searchParams)).toEqual({
        start: String(t("2015-02-03T15:03:00Z")),
        end: String(t("2015-02-03T15:05:00Z")),
        direction: "forwards",
        limit: "2",
        unit: "minute"
      })
    }))

  it.effect("invalid params fail with 40003 before anything is sent", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () => json(200, []))
      expect(yield* Effect.flip(rest.statsPage({ limit: 0 }))).toMatchObject({ code: 40003 })
      expect(yield* Effect.flip(rest.statsPage({ start: 2, end: 1 }))).toMatchObject({ code: 40003 })
      expect(yield* Effect.flip(rest.statsPage({ unit: "week" as never }))).toMatchObject({ code: 40003 })
      expect(yield* seen).toEqual([])
    }))
})

describe("stats against the emulator", () => {
  const withFixtures = Effect.gen(function*() {
    // Queries without `end` read up to now: a year after the fixtures.
    yield* TestClock.setTime(t("2016-01-01T00:00:00Z"))
    const context = yield* emulatedRest({ useBinaryProtocol: false })
    // POST /stats, the sandbox's way to load fixtures, through request().
    const posted = yield* context.rest.request("POST", "/stats", { body: fixtures })
    expect(posted.statusCode).toBe(201)
    return context
  })

  it.effect("RSC6b4 - minute records total the fixtures; derived totals are filled in; hour, day and month aggregate", () =>
    Effect.gen(function*() {
      const { rest } = yield* withFixtures
      const minutes = yield* collect(
        rest.stats({ start: t("2015-02-03T15:03:00Z"), end: t("2015-02-03T15:05:00Z"), direction: "forwards" })
      )
      expect(minutes.map((r) => r.intervalId)).toEqual(["2015-02-03:15:03", "2015-02-03:15:04", "2015-02-03:15:05"])
      expect(sum(minutes, inbound)).toBe(50 + 60 + 70)
      expect(sum(minutes, outbound)).toBe(20 + 10 + 40)
      expect(minutes[2]!.entries["messages.all.all.count"]).toBe(110)
      expect(minutes[2]!.entries["apiRequests.tokenRequests.failed"]).toBe(20)
      expect(minutes.every((r) => r.unit === "minute" && r.inProgress === undefined && typeof r.appId === "string"))
        .toBe(true)
      expect(minutes[0]!.schema).toBe("https://schemas.ably.com/json/app-stats-0.0.5.json")

      const hours = yield* collect(
        rest.stats({ start: t("2015-02-03T15:00:00Z"), end: t("2015-02-03T18:00:00Z"), unit: "hour" })
      )
      expect(hours.map((r) => [r.intervalId, r.unit, r.entries[inbound], r.entries[outbound]])).toEqual([[
        "2015-02-03:15",
        "hour",
        180,
        70
      ]])
      expect(hours[0]!.entries["channels.peak"]).toBe(50)
      const days = yield* collect(rest.stats({ unit: "day", direction: "forwards" }))
      expect(days.map((r) => [r.intervalTime, r.entries[inbound]])).toEqual([[t("2015-02-03T00:00:00Z"), 180], [
        t("2015-03-03T00:00:00Z"),
        15
      ]])
      const months = yield* collect(rest.stats({ unit: "month" }))
      expect(months.map((r) => [r.intervalTime, r.entries[outbound]])).toEqual([[t("2015-03-01T00:00:00Z"), 33], [
        t("2015-02-01T00:00:00Z"),
        70
      ]])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSC6b2/RSC6b3 - limit 1 pages backwards and forwards; first() returns to the start", () =>
    Effect.gen(function*() {
      const { rest } = yield* withFixtures
      const data = (page: { readonly items: ReadonlyArray<Stats.Stats> }) =>
        page.items.map((r) => r.entries["messages.inbound.all.messages.data"])
      const end = t("2015-02-03T15:05:00Z")
      const first = yield* rest.statsPage({ end, limit: 1 })
      const second = Option.getOrThrow(yield* first.next)
      const third = Option.getOrThrow(yield* second.next)
      expect([data(first), data(second), data(third)]).toEqual([[7000], [6000], [5000]])
      expect(third.isLast).toBe(true)
      expect(data(yield* third.first)).toEqual([7000])
      const forwards = yield* collect(rest.stats({ end, limit: 1, direction: "forwards" }))
      expect(forwards.map((r) => r.entries["messages.inbound.all.messages.data"])).toEqual([5000, 6000, 7000])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("live counts from publishes, per minute, hour, day and month; the open interval is inProgress", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(t("2024-05-06T07:08:00Z"))
      const { rest } = yield* emulatedRest()
      yield* rest.channel("a").publish([{ name: "x", data: "12345" }, { name: "y", data: new Uint8Array(3) }, {
        name: "z"
      }])
      yield* TestClock.adjust("1 minute")
      yield* rest.channel("persisted:b").publish("w", "ab")
      const minutes = yield* collect(rest.stats({ direction: "forwards" }))
      expect(
        minutes.map((
          r
        ) => [
          r.intervalId,
          r.entries["messages.inbound.rest.messages.count"],
          r.entries["messages.inbound.rest.messages.data"]
        ])
      ).toEqual([
        ["2024-05-06:07:08", 3, 8],
        ["2024-05-06:07:09", 1, 2]
      ])
      expect(minutes[1]!.entries["messages.persisted.messages.count"]).toBe(1)
      expect(minutes[1]!.entries["messages.all.all.count"]).toBe(1)
      expect(minutes[0]!.inProgress).toBeUndefined()
      expect(minutes[1]!.inProgress).toBe("2024-05-06:07:09:00")
      for (const unit of ["hour", "day", "month"] as const) {
        const [record] = yield* collect(rest.stats({ unit }))
        expect([record!.unit, record!.entries["messages.all.all.count"], record!.inProgress]).toEqual([
          unit,
          4,
          "2024-05-06:07:09:00"
        ])
      }
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("reading stats needs the stats capability (40160)", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({}, 3)
      expect(yield* Effect.flip(rest.statsPage())).toMatchObject({ code: 40160 })
    }).pipe(Effect.provide(Emulator.layer)))
})
