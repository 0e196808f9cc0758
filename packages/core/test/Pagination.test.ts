/**
 * Pagination over a scripted transport (TG, design.md §8): credentials go only to the
 * configured hosts whatever link a server sends, a repeated page fails instead of looping
 * (also under `Stream.take`), and the transport never sends a path that could change the host.
 */
import { AblyOptions, Limits } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as Transport from "../src/internal/http/Transport.js"
import { fakeHttp, json, type Seen } from "./utils/FakeHttp.js"
import { restWith, testKey } from "./utils/restWith.js"

const host = "main.realtime.ably.net"
const item = [{ id: "m:0", name: "n", data: "d" }]
const page = (link: string | undefined, items: ReadonlyArray<unknown> = item) =>
  json(200, items, link === undefined ? {} : { link })

// Every request went to the configured host, with no user information.
const allOnHost = (seen: ReadonlyArray<Seen>) =>
  seen.every((request) => request.url.host === host && request.url.username === "" && request.url.password === "")

const hostileTargets = [
  "x:@evil.example/steal",
  "javascript:alert(1)",
  "mailto:someone@evil.example",
  "//evil.example/x",
  "https://evil.example/x",
  "http://main.realtime.ably.net/x",
  "http://main.realtime.ably.net:444/x",
  "https://main.realtime.ably.net:444/x",
  "https://main.realtime.ably.net@evil.example/x",
  "\\\\evil.example\\x",
  "/\\evil.example/x",
  "https://%zz/x",
  "./ok?x=1 evil"
]

describe("pagination links (TG)", () => {
  it.effect("a next link that leaves the configured hosts fails the page with 50000 and sends nothing more", () =>
    Effect.gen(function*() {
      for (const target of hostileTargets) {
        const { rest, seen } = yield* restWith({ key: testKey }, () => page(`<${target}>; rel="next"`))
        const error = yield* Effect.flip(rest.channel("c").historyPage())
        expect([target, error.code, error.statusCode]).toEqual([target, 50000, 500])
        expect(error.message).toContain("\"next\" link")
        const requests = yield* seen
        expect([target, requests.length, allOnHost(requests)]).toEqual([target, 1, true])
        // The stream fails the same way.
        const streamed = yield* Effect.flip(Stream.runDrain(rest.channel("c").history()))
        expect(streamed.code).toBe(50000)
        expect((yield* seen).length).toBe(2)
      }
    }))

  it.effect("TG5 - a hostile first or current link fails only when used, with no request", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey },
        () => page("<https://evil.example/first>; rel=\"first\", <x:@evil.example/cur>; rel=\"current\"")
      )
      const first = yield* rest.channel("c").historyPage()
      expect(first.items).toHaveLength(1)
      expect(first.hasNext).toBe(false)
      expect(yield* Effect.flip(first.first)).toMatchObject({ code: 50000, statusCode: 500 })
      expect(yield* Effect.flip(first.current)).toMatchObject({ code: 50000, statusCode: 500 })
      expect((yield* seen).length).toBe(1)
    }))

  it.effect("TG4 - absolute links to a configured host are followed there; relative ones against the request path", () =>
    Effect.gen(function*() {
      const links = [
        "<https://main.realtime.ably.net:443/channels/c/messages?page=2>; rel=\"next\"",
        "<./messages?page=3>; rel=\"next\"",
        undefined
      ]
      const { rest, seen } = yield* restWith({ key: testKey }, (_, index) => page(links[index]))
      const all = yield* Stream.runCollect(rest.channel("c").history())
      expect(Chunk.size(all)).toBe(3)
      const requests = yield* seen
      expect(requests.map((request) => request.url.href)).toEqual([
        "https://main.realtime.ably.net/channels/c/messages",
        "https://main.realtime.ably.net/channels/c/messages?page=2",
        "https://main.realtime.ably.net/channels/c/messages?page=3"
      ])
    }))

  it.effect("a Link header over Limits.maxLinkHeaderLength fails the page with 50000", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey }, () => page(`<./messages?p=${"x".repeat(17_000)}>; rel="next"`))
      expect(yield* Effect.flip(rest.channel("c").historyPage())).toMatchObject({ code: 50000, statusCode: 500 })
    }))

  it.effect("a next link back to the same page fails the stream with 50000 after one request, also under Stream.take(10)", () =>
    Effect.gen(function*() {
      for (const items of [item, []]) {
        const { rest, seen } = yield* restWith({ key: testKey }, () => page("<./messages?page=1>; rel=\"next\""))
        // The first request is /messages; its next is ?page=1, whose next is ?page=1 again.
        const error = yield* Effect.flip(Stream.runCollect(rest.channel("c").history().pipe(Stream.take(10))))
        expect(error).toMatchObject({ code: 50000, statusCode: 500 })
        expect(error.message).toContain("already fetched")
        expect((yield* seen).length).toBe(2)
        const again = yield* restWith({ key: testKey }, () => page("<./messages>; rel=\"next\"", items))
        const taken = yield* Effect.flip(Stream.runCollect(again.rest.channel("c").history().pipe(Stream.take(10))))
        expect(taken.code).toBe(50000)
        expect((yield* again.seen).length).toBe(1)
      }
    }))

  it.effect(`empty pages whose next link is always a new URL end after Limits.maxEmptyPages, also under Stream.take(10) (found by the fuzz run)`, () =>
    Effect.gen(function*() {
      // `<Hx/>` resolves against each page's own URL: /…/Hx/, /…/Hx/Hx/, … never the same page twice.
      const { rest, seen } = yield* restWith({ key: testKey }, () => page("<Hx/>; rel=\"next\"", []))
      const error = yield* Effect.flip(Stream.runCollect(rest.channel("c").history().pipe(Stream.take(10))))
      expect(error).toMatchObject({ code: 50000, statusCode: 500 })
      expect(error.message).toContain(`${Limits.maxEmptyPages} empty pages in a row`)
      expect((yield* seen).length).toBe(Limits.maxEmptyPages)
      // One page with items resets the count: 99 empty, 1 full, 99 empty, then the end.
      const mixed = yield* restWith(
        { key: testKey },
        (_, index) =>
          index === 2 * Limits.maxEmptyPages - 1
            ? page(undefined, [])
            : page("<Hx/>; rel=\"next\"", index === Limits.maxEmptyPages - 1 ? item : [])
      )
      const items = yield* Stream.runCollect(mixed.rest.channel("c").history())
      expect(Chunk.size(items)).toBe(1)
      expect((yield* mixed.seen).length).toBe(2 * Limits.maxEmptyPages)
    }))

  it.effect("a longer cycle (page 1 -> 2 -> 1) is found too; the request_id and the order of a query count as the link says", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, addRequestIds: true },
        (request) =>
          page(
            request.url.searchParams.get("p") === "2"
              ? "<./messages?p=1&x=1>; rel=\"next\""
              : "<./messages?p=2>; rel=\"next\""
          )
      )
      const error = yield* Effect.flip(Stream.runDrain(rest.channel("c").history()))
      expect(error.code).toBe(50000)
      // /messages, ?p=2, ?p=1&x=1, ?p=2 again is refused.
      expect((yield* seen).map((request) => request.url.searchParams.get("p"))).toEqual([null, "2", "1"])
    }))

  it.effect("a failing later page is a typed error in the stream, not a defect", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, fallbackHosts: [] }, (_, index) =>
        index === 0
          ? page("<./messages?p=2>; rel=\"next\"")
          : json(404, { error: { code: 40400, statusCode: 404, message: "gone" } }))
      const exit = yield* Effect.exit(Stream.runCollect(rest.channel("c").history()))
      expect(exit._tag).toBe("Failure")
      const error = yield* Effect.flip(Stream.runCollect(rest.channel("c").history()))
      expect(error).toMatchObject({ _tag: "AblyError", code: 40400 })
    }))
})

describe("request() envelope links", () => {
  it.effect("rel values are links on their own: '>' or ',' in a value cannot add links; each is checked", () =>
    Effect.gen(function*() {
      const injected = "./things?page=2>; rel=\"first\", <https://evil.example/x"
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        () => json(200, { statusCode: 200, response: [{ a: 1 }], rel: { next: injected } })
      )
      const error = yield* Effect.flip(rest.request("GET", "/things", { responseControl: { envelope: "json" } }))
      expect(error).toMatchObject({ code: 50000, statusCode: 500 })
      expect((yield* seen).length).toBe(1)
    }))

  it.effect("a hostile first rel fails when used, with no request; a good next rel (any case) is followed", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, (_, index) =>
        json(200, {
          statusCode: 200,
          response: [{ a: index }],
          rel: index === 0 ? { NEXT: "./things?page=2&envelope=json", first: "//evil.example/things" } : {}
        }))
      const first = yield* rest.request("GET", "/things", { responseControl: { envelope: "json" } })
      expect(first.hasNext).toBe(true)
      expect(yield* Effect.flip(first.first)).toMatchObject({ code: 50000 })
      const items = yield* Stream.runCollect(first.stream)
      expect(Chunk.toReadonlyArray(items)).toEqual([{ a: 0 }, { a: 1 }])
      const requests = yield* seen
      expect(requests.map((request) => `${request.url.host}${request.url.pathname}${request.url.search}`)).toEqual([
        `${host}/things?envelope=json`,
        `${host}/things?page=2&envelope=json`
      ])
    }))
})

describe("Transport paths", () => {
  it.effect("RSC19 - request() paths that look like hosts stay on the configured host", () =>
    Effect.gen(function*() {
      const paths = [
        "@evil.example/x",
        ".evil.example",
        "//evil.example/x",
        "\\\\evil.example",
        "evil.example",
        ":444/x",
        "/%2F%2Fevil.example"
      ]
      const { rest, seen } = yield* restWith({ key: testKey }, () => json(200, []))
      for (const path of paths) yield* rest.request("GET", path)
      const requests = yield* seen
      expect(requests).toHaveLength(paths.length)
      expect(requests.map((request) => [request.url.host, request.url.port, request.url.username])).toEqual(
        paths.map(() => [host, "", ""])
      )
    }))

  it.effect("a path not starting with '/' is refused with 40000 before anything is sent", () =>
    Effect.gen(function*() {
      const fake = yield* fakeHttp(() => json(200, []))
      const transport = yield* Effect.provide(
        Transport.Transport,
        Transport.layer.pipe(Layer.provide(Layer.merge(AblyOptions.layer({ key: testKey }), fake.layer)))
      )
      for (const path of ["@evil.example/x", ".evil.example", "evil.example", "", "?x", "#x", "\\evil.example"]) {
        const error = yield* Effect.flip(transport.send({ method: "GET", path }, { authorization: "Basic x" }))
        expect([path, error.code, error.statusCode]).toEqual([path, 40000, 400])
      }
      expect(yield* fake.seen).toEqual([])
      expect(transport.origins).toEqual([
        "https://main.realtime.ably.net",
        ...["a", "b", "c", "d", "e"].map((l) => `https://main.${l}.fallback.ably-realtime.com`)
      ])
    }))
})
