import { Stats } from "@effect-ably/core"
import { describe, expect, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { layer as emulatorLayer } from "../src/index.js"
import * as StatsState from "../src/state/Stats.js"
import { call, createTestApp, decodeError, keyOf, linkTarget } from "./support.js"

const records = Schema.decodeUnknownSync(Schema.Array(Stats.WireStats))

describe("stats state", () => {
  it("intervals: starts and ids per unit (UTC); day and month ids are yyyy-mm-dd:00", () => {
    const time = Date.UTC(2024, 4, 6, 7, 8, 9)
    const units = ["minute", "hour", "day", "month"] as const
    expect(units.map((unit) => StatsState.intervalId(StatsState.intervalStart(time, unit), unit))).toEqual([
      "2024-05-06:07:08",
      "2024-05-06:07",
      "2024-05-06:00",
      "2024-05-01:00"
    ])
  })

  it("derived totals from leaves; explicitly recorded totals win; peaks take the maximum across minutes", () => {
    const totals = StatsState.withTotals({
      "messages.inbound.realtime.messages.count": 2,
      "messages.inbound.rest.presence.count": 3,
      "messages.outbound.rest.messages.count": 5,
      "messages.persisted.presence.count": 1,
      "messages.all.all.data": 99
    })
    expect(totals).toMatchObject({
      "messages.inbound.all.messages.count": 2,
      "messages.inbound.rest.all.count": 3,
      "messages.inbound.all.all.count": 5,
      "messages.outbound.all.all.count": 5,
      "messages.all.messages.count": 7,
      "messages.all.all.count": 10,
      "messages.persisted.all.count": 1,
      "messages.all.all.data": 99
    })
  })
})

layer(emulatorLayer)("stats routes", (it) => {
  describe("POST /stats and GET /stats", () => {
    it.effect("fixtures in either shape; start/end as ms or intervalIds; Link headers; peaks aggregate by max", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(Date.UTC(2016, 0, 1))
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const posted = yield* call("POST", "/stats", {
          key,
          body: [
            { intervalId: "2015-02-03:15:03", inbound: { rest: { messages: { count: 5 } } }, channels: { peak: 3 } },
            {
              intervalId: "2015-02-03:15:04",
              entries: { "messages.inbound.rest.messages.count": 7, "channels.peak": 9 }
            }
          ]
        })
        expect(posted.status).toBe(201)
        const minutes = yield* call(
          "GET",
          "/stats?start=2015-02-03:15:03&end=2015-02-03:15:04&direction=forwards&limit=1",
          { key }
        )
        expect(records(minutes.body).map((r) => [r.intervalId, r.unit, r.entries?.["messages.all.all.count"], r.appId]))
          .toEqual([
            ["2015-02-03:15:03", "minute", 5, app.appId]
          ])
        const next = linkTarget(minutes.headers["link"], "next")
        expect(next).toMatch(/^\.\/stats\?/)
        const second = yield* call("GET", new URL(next!, minutes.url).toString(), { key })
        expect(records(second.body).map((r) => r.intervalId)).toEqual(["2015-02-03:15:04"])
        const hour = yield* call("GET", `/stats?unit=hour&start=${Date.UTC(2015, 1, 3)}`, { key, protocol: "msgpack" })
        expect(
          records(hour.body).map((
            r
          ) => [r.intervalId, r.entries?.["messages.inbound.rest.messages.count"], r.entries?.["channels.peak"]])
        ).toEqual([
          ["2015-02-03:15", 12, 9]
        ])
      }))

    it.effect("RSC6b4 - `by` is the legacy alias of `unit`; an explicit `unit` wins", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const posted = yield* call("POST", "/stats", {
          key,
          body: [{ intervalId: "2015-02-03:15:03", entries: { "channels.peak": 3 } }]
        })
        expect(posted.status).toBe(201)
        const start = Date.UTC(2015, 1, 3)
        const units = (query: string) =>
          Effect.map(call("GET", `/stats?start=${start}&${query}`, { key }), (reply) => {
            expect(reply.status).toBe(200)
            return records(reply.body).map((r) => [r.intervalId, r.unit])
          })
        expect(yield* units("by=hour")).toEqual([["2015-02-03:15", "hour"]])
        expect(yield* units("by=day")).toEqual([["2015-02-03:00", "day"]])
        expect(yield* units("by=day&unit=minute")).toEqual([["2015-02-03:15:03", "minute"]])
        expect(yield* units("unit=month&by=minute")).toEqual([["2015-02-01:00", "month"]])
        // The alias is checked like `unit`; the next link carries the unit in force.
        const bad = yield* call("GET", "/stats?by=week", { key })
        expect([bad.status, decodeError(bad.body).error.code]).toEqual([400, 40003])
        const paged = yield* call("GET", `/stats?start=${start}&by=hour&limit=1`, { key })
        expect(paged.headers["link"]).toContain("unit=hour")
      }))

    it.effect("invalid fixtures and parameters fail with 40001 / 40003", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const noInterval = yield* call("POST", "/stats", { key, body: [{ inbound: {} }] })
        expect(decodeError(noInterval.body).error.code).toBe(40003)
        const notObjects = yield* call("POST", "/stats", { key, body: [1, 2] })
        expect(decodeError(notObjects.body).error.code).toBe(40001)
        for (const query of ["unit=week", "limit=1001", "start=tomorrow", "start=10&end=5"]) {
          const reply = yield* call("GET", `/stats?${query}`, { key })
          expect([query, reply.status, decodeError(reply.body).error.code]).toEqual([query, 400, 40003])
        }
      }))
  })
})
