import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import * as Enumeration from "../src/state/Enumeration.js"
import { call, createTestApp, decodeError, keyOf, linkTarget, type Reply } from "./support.js"

const decodeNames = Schema.decodeUnknownSync(Schema.Array(Schema.String))
const names = (reply: Reply): ReadonlyArray<string> => decodeNames(reply.body)

/** Every page of one enumeration, following `next` links; error pages end it. */
const pagesOf = (url: string, key: string) =>
  Effect.gen(function*() {
    const pages: Array<Reply> = []
    let next: string | undefined = url
    while (next !== undefined) {
      const reply: Reply = yield* call("GET", next, { key })
      pages.push(reply)
      const link = reply.status === 200 ? linkTarget(reply.headers["link"], "next") : undefined
      next = link === undefined ? undefined : new URL(link, reply.url).toString()
    }
    return pages
  })

const seed = (count: number) =>
  Effect.gen(function*() {
    const app = yield* createTestApp
    const emulator = yield* Emulator
    const channels = Array.from({ length: count }, (_, i) => `e:${String(i).padStart(3, "0")}`)
    yield* emulator.admin.activateChannels(app.appId, channels)
    return { app, channels, emulator, key: keyOf(app, 0) }
  })

layer(emulatorLayer)("GET /channels", (it) => {
  describe("enumeration", () => {
    it.effect("names in order, paged by limit, with ./channels links; prefix filters", () =>
      Effect.gen(function*() {
        const { channels, key } = yield* seed(7)
        const pages = yield* pagesOf("/channels?prefix=e:&limit=3", key)
        expect(pages.map(names)).toEqual([channels.slice(0, 3), channels.slice(3, 6), channels.slice(6)])
        expect(linkTarget(pages[0]!.headers["link"], "first")).toBe("./channels?limit=3&prefix=e%3A&by=id")
        const all = yield* call("GET", "/channels", { key })
        expect(names(all)).toContain("persisted:presence_fixtures")
      }))

    it.effect("by defaults to id from protocol 3 (or no version) and to value before; limit over 1000 is 40003", () =>
      Effect.gen(function*() {
        const { key } = yield* seed(1)
        const modern = yield* call("GET", "/channels?prefix=e:", { key, headers: { "x-ably-version": "6" } })
        expect(modern.body).toEqual(["e:000"])
        const legacy = yield* call("GET", "/channels?prefix=e:", { key, headers: { "x-ably-version": "2" } })
        expect(legacy.body).toMatchObject([{
          channelId: "e:000",
          status: { isActive: true, occupancy: { metrics: { connections: 0 } } }
        }])
        const tooMany = yield* call("GET", "/channels?limit=1001", { key })
        expect([tooMany.status, decodeError(tooMany.body).error.code]).toEqual([400, 40003])
      }))

    it.effect("injected faults: page sizes (0 = empty with a next link), repeats, 40011 and 42912", () =>
      Effect.gen(function*() {
        const { app, channels, emulator, key } = yield* seed(10)
        yield* emulator.admin.setEnumerationFaults(app.appId, {
          pageSizes: [3, 0, 2],
          repeat: 1,
          invalidateAt: [4],
          inProgress: 1
        })
        const refused = yield* call("GET", "/channels?prefix=e:&limit=5", { key })
        expect([refused.status, refused.headers["x-ably-errorcode"]]).toEqual([429, "42912"])
        const pages = yield* pagesOf("/channels?prefix=e:&limit=5", key)
        // The fourth continuation (the fifth request) is invalidated.
        expect(pages.map((page) => page.status)).toEqual([200, 200, 200, 200, 400])
        expect(pages.slice(0, 4).map(names)).toEqual([
          channels.slice(0, 3),
          [],
          ["e:002", "e:003", "e:004"],
          ["e:004", "e:005", "e:006", "e:007"]
        ])
        expect(linkTarget(pages[1]!.headers["link"], "next")).toBeDefined()
        expect(decodeError(pages[4]!.body).error.code).toBe(40011)
        // The invalidated enumeration is gone; a new one runs to the end.
        const again = yield* pagesOf("/channels?prefix=e:&limit=5", key)
        expect(again.every((page) => page.status === 200)).toBe(true)
        expect(new Set(again.flatMap(names))).toEqual(new Set(channels))
      }))

    it.effect("over HTTP: PUT /_emulator/enumeration; an unknown or evicted cursor is 40011", () =>
      Effect.gen(function*() {
        const { key } = yield* seed(4)
        const set = yield* call("PUT", "/_emulator/enumeration", { key, body: { pageSizes: [1] } })
        expect(set.status).toBe(204)
        const first = yield* call("GET", "/channels?prefix=e:", { key })
        expect(names(first)).toEqual(["e:000"])
        const nextUrl = new URL(linkTarget(first.headers["link"], "next")!, first.url).toString()
        for (let i = 0; i < Enumeration.maxSessions; i++) yield* call("GET", "/channels?prefix=e:", { key })
        const evicted = yield* call("GET", nextUrl, { key })
        expect([evicted.status, decodeError(evicted.body).error.code]).toEqual([400, 40011])
        const unknown = yield* call("GET", "/channels?cursor=nosuch:3", { key })
        expect(decodeError(unknown.body).error.code).toBe(40011)
      }))

    it.effect("one enumeration request per app at a time: a concurrent one is 42912", () =>
      Effect.gen(function*() {
        const { app, emulator, key } = yield* seed(2)
        yield* emulator.admin.setEnumerationFaults(app.appId, { latencyMillis: 500 })
        const slow = yield* Effect.fork(call("GET", "/channels", { key }))
        yield* TestClock.adjust("100 millis")
        const concurrent = yield* call("GET", "/channels", { key })
        expect([concurrent.status, decodeError(concurrent.body).error.code]).toEqual([429, 42912])
        yield* TestClock.adjust("1 second")
        expect((yield* Fiber.join(slow)).status).toBe(200)
        const after = yield* Effect.fork(call("GET", "/channels", { key }))
        yield* TestClock.adjust("1 second")
        expect((yield* Fiber.join(after)).status).toBe(200)
      }))

    it.effect("needs channel-metadata on * (key 3 may only subscribe: 40160)", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const denied = yield* call("GET", "/channels", { key: keyOf(app, 3) })
        expect([denied.status, decodeError(denied.body).error.code]).toEqual([401, 40160])
      }))
  })
})
