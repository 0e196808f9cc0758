import { type Codec } from "@effect-ably/core/wire"
import { describe, expect, layer } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { layer as emulatorLayer } from "../src/index.js"
import {
  call,
  createTestApp,
  decodeError,
  decodeMessages,
  keyOf,
  linkTarget,
  messagesPath,
  type Reply
} from "./support.js"

/** Follows `rel="next"` links from a first URL, resolving each against the request URL. */
const allPages = (firstUrl: string, key: string, protocol: Codec.Protocol = "json") =>
  Effect.gen(function*() {
    const pages: Array<ReadonlyArray<string | undefined>> = []
    let url: string | undefined = firstUrl
    while (url !== undefined) {
      const reply: Reply = yield* call("GET", url, { key, protocol })
      expect(reply.status).toBe(200)
      const link = reply.headers["link"]
      expect(linkTarget(link, "first")).toMatch(/^\.\/messages\?/)
      expect(linkTarget(link, "current")).toMatch(/^\.\/messages\?/)
      pages.push(decodeMessages(reply.body).map((message) => message.name))
      const next = linkTarget(link, "next")
      expect(next === undefined || next.startsWith("./messages?")).toBe(true)
      url = next === undefined ? undefined : new URL(next, reply.url).toString()
      if (pages.length > 50) throw new Error("too many pages")
    }
    return pages
  })

/** 10 messages sharing one timestamp, then 2 one second later. */
const seed = (key: string, channel: string) =>
  Effect.gen(function*() {
    const names = Array.from({ length: 12 }, (_, i) => `m${String(i).padStart(2, "0")}`)
    for (const name of names.slice(0, 7)) yield* call("POST", messagesPath(channel), { key, body: { name } })
    yield* call("POST", messagesPath(channel), { key, body: names.slice(7, 10).map((name) => ({ name })) })
    yield* TestClock.adjust("1 second")
    yield* call("POST", messagesPath(channel), { key, body: names.slice(10).map((name) => ({ name })) })
    return names
  })

layer(emulatorLayer)("history paging", (it) => {
  describe("RSL2 / TG pagination", () => {
    it.effect("backwards (default) across pages, exact with shared timestamps", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const channel = "paging/with spaces:and colons"
        const names = yield* seed(key, channel)
        const pages = yield* allPages(`${messagesPath(channel)}?limit=3`, key)
        expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 3])
        expect(pages.flat()).toEqual([...names].reverse())
      }))

    it.effect("forwards across pages over msgpack, last page short", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const names = yield* seed(key, "forwards")
        const pages = yield* allPages(`${messagesPath("forwards")}?direction=forwards&limit=5`, key, "msgpack")
        expect(pages.map((page) => page.length)).toEqual([5, 5, 2])
        expect(pages.flat()).toEqual(names)
      }))

    it.effect("no next link when everything fits; messages published later stay out of the window", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        yield* call("POST", messagesPath("window"), { key, body: [{ name: "a" }, { name: "b" }, { name: "c" }] })
        const first = yield* call("GET", `${messagesPath("window")}?limit=2`, { key })
        const next = linkTarget(first.headers["link"], "next")
        expect(next).toBeDefined()
        yield* TestClock.adjust("1 second")
        yield* call("POST", messagesPath("window"), { key, body: [{ name: "late" }] })
        const second = yield* call("GET", new URL(next!, first.url).toString(), { key })
        expect(decodeMessages(second.body).map((m) => m.name)).toEqual(["a"])
        expect(linkTarget(second.headers["link"], "next")).toBeUndefined()
        const all = yield* call("GET", messagesPath("window"), { key })
        expect(decodeMessages(all.body).map((m) => m.name)).toEqual(["late", "c", "b", "a"])
      }))

    it.effect("start and end filter inclusively, in both directions", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const base = yield* Clock.currentTimeMillis
        for (const name of ["t0", "t1", "t2", "t3"]) {
          yield* call("POST", messagesPath("range"), { key, body: { name } })
          yield* TestClock.adjust("1 second")
        }
        const names = (query: string) =>
          Effect.map(call("GET", `${messagesPath("range")}?${query}`, { key }), (reply) =>
            decodeMessages(reply.body).map((m) => m.name))
        expect(yield* names(`start=${base + 1000}&end=${base + 2000}`)).toEqual(["t2", "t1"])
        expect(yield* names(`start=${base + 1000}&end=${base + 2000}&direction=forwards`)).toEqual(["t1", "t2"])
        expect(yield* names(`start=${base + 2000}`)).toEqual(["t3", "t2"])
        expect(yield* names(`end=${base}`)).toEqual(["t0"])
        expect(yield* names(`start=${base + 2500}&end=${base + 2600}`)).toEqual([])
      }))

    it.effect("an unknown channel has empty history", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const reply = yield* call("GET", messagesPath("never-used"), { key: keyOf(app, 0) })
        expect(reply.status).toBe(200)
        expect(reply.body).toEqual([])
        expect(linkTarget(reply.headers["link"], "next")).toBeUndefined()
      }))

    it.effect("invalid limit, direction, start/end and cursor answer 400 / 40003", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const queries = [
          "limit=0",
          "limit=1001",
          "limit=abc",
          "limit=-1",
          "limit=",
          "limit=2.5",
          "direction=sideways",
          "start=yesterday",
          "start=2000&end=1000",
          "cursor=garbage",
          "limit=1&limit=2"
        ]
        for (const query of queries) {
          const reply = yield* call("GET", `${messagesPath("limits")}?${query}`, { key })
          expect(reply.status, query).toBe(400)
          expect(decodeError(reply.body).error.code, query).toBe(40003)
        }
        const ok = yield* call("GET", `${messagesPath("limits")}?limit=1000`, { key })
        expect(ok.status).toBe(200)
      }))
  })
})
