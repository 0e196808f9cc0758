import { Limits } from "@effect-ably/core"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as BodyBytes from "../../src/internal/http/BodyBytes.js"
import * as ResponseBody from "../../src/internal/http/ResponseBody.js"
import * as StatsLegacy from "../../src/internal/stats/StatsLegacy.js"
import { json, msgpack } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

const nestedText = (depth: number) => "[".repeat(depth) + "]".repeat(depth)
// msgpack bytes of arrays `depth` deep: fixarray(1) repeated, then an empty fixarray. Built by
// hand: the msgpack encoder itself refuses values deeper than 100.
const nestedMsgpack = (depth: number) => {
  const bytes = new Uint8Array(depth).fill(0x91)
  bytes[depth - 1] = 0x90
  return bytes
}

const chunks = (parts: ReadonlyArray<Uint8Array>, then?: "error") => {
  let index = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < parts.length) controller.enqueue(parts[index++]!)
      else if (then === "error") controller.error(new Error("ECONNRESET"))
      else controller.close()
    }
  })
}

const bodyOf = (response: Response, limit?: number) => {
  const client = HttpClientResponse.fromWeb(HttpClientRequest.get("https://x.test/"), response)
  return ResponseBody.readBody(client, client.headers, undefined, limit)
}

const once = (body: unknown, headers: Record<string, string> = {}) => () => json(200, body, headers)

describe("bounded decoding: depth", () => {
  it.effect("a body nested exactly maxDepth (128) deep is read, one level deeper is a 50000", () =>
    Effect.gen(function*() {
      expect(Limits.maxDepth).toBe(128)
      for (const protocol of ["json", "msgpack"] as const) {
        const answer = (depth: number) => () =>
          protocol === "json"
            ? new Response(nestedText(depth), { headers: { "content-type": "application/json" } })
            : new Response(nestedMsgpack(depth), { headers: { "content-type": "application/x-msgpack" } })
        const ok = yield* restWith({ key: testKey }, answer(128))
        const page = yield* ok.rest.request("GET", "/anything")
        expect(page.items).toHaveLength(1)
        const deep = yield* restWith({ key: testKey, fallbackHosts: [] }, answer(129))
        const error = yield* Effect.flip(deep.rest.request("GET", "/anything"))
        expect(error).toMatchObject({ _tag: "AblyError", code: 50000, statusCode: 500 })
        expect(error.message).toContain("nested deeper than 128")
      }
    }))

  it.effect("a history page is refused past maxDepth wherever the depth sits: data and extras at 126 levels are read, at 127 a 50000", () =>
    Effect.gen(function*() {
      // The page (1) and the message (2) come first: a field's value may have 126 levels.
      const nested = (depth: number): unknown => JSON.parse(nestedText(depth))
      const pages = {
        data: (depth: number) => [{ id: "a:0", data: nested(depth) }],
        extras: (depth: number) => [{ id: "a:0", data: "x", extras: { headers: nested(depth - 1) } }]
      }
      for (const [field, page] of Object.entries(pages)) {
        const ok = yield* restWith({ key: testKey }, once(page(126)))
        const [read] = (yield* ok.rest.channel("c").historyPage()).items
        expect(read, field).toBeDefined()
        for (const typed of [false, true]) {
          const deep = yield* restWith({ key: testKey, fallbackHosts: [] }, once(page(127)))
          const channel = typed
            ? deep.rest.channels.get("c", { schema: Schema.Array(Schema.Unknown) })
            : deep.rest.channel("c")
          const error = yield* Effect.flip(channel.historyPage())
          expect(error, `${field} typed=${typed}`).toMatchObject({ _tag: "AblyError", code: 50000, statusCode: 500 })
          expect(error.message).toContain("nested deeper than 128")
        }
      }
    }))

  it.effect("a history message's unknown field, however deep, is dropped unread: no 50000, no stack overflow", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith(
        { key: testKey },
        () =>
          new Response(`[{"id":"a:0","data":"x","junk":${nestedText(5_000)}}]`, {
            headers: { "content-type": "application/json" }
          })
      )
      const [read] = (yield* rest.channel("c").historyPage()).items
      expect(read).toMatchObject({ id: "a:0", data: "x" })
      expect(read).not.toHaveProperty("junk")
    }))

  it.effect("RSL6 - a stats body 200,000 levels deep is a 50000, not a stack overflow", () =>
    Effect.gen(function*() {
      const deep = `[{"intervalId":"2024-01-02:03:04","inbound":${"{\"a\":".repeat(200_000)}1${"}".repeat(200_000)}}]`
      const { rest } = yield* restWith({ key: testKey, fallbackHosts: [] }, () =>
        new Response(deep, { headers: { "content-type": "application/json" } }))
      expect(yield* Effect.flip(rest.statsPage())).toMatchObject({ code: 50000, statusCode: 500 })
    }))

  it.effect("RSL6 - JSON-encoded data at 128 levels decodes; at 129 an ordinary channel keeps the text, a typed one fails with 50000", () =>
    Effect.gen(function*() {
      const message = (depth: number) => [{ id: "a:0", data: nestedText(depth), encoding: "json" }]
      const ok = yield* restWith({ key: testKey }, once(message(128)))
      const [decoded] = (yield* ok.rest.channel("c").historyPage()).items
      expect(Array.isArray(decoded!.data)).toBe(true)
      expect(decoded!.encoding).toBeUndefined()

      const untyped = yield* restWith({ key: testKey }, once(message(129)))
      const [kept] = (yield* untyped.rest.channel("c").historyPage()).items
      expect(kept).toMatchObject({ data: nestedText(129), encoding: "json" })

      const typed = yield* restWith({ key: testKey }, once(message(129)))
      const channel = typed.rest.channels.get("c", { schema: Schema.Array(Schema.Unknown) })
      const error = yield* Effect.flip(channel.historyPage())
      expect(error).toMatchObject({ _tag: "AblyError", code: 50000, statusCode: 500 })
    }))

  it("StatsLegacy.flattenNumbers walks any depth without recursion", () => {
    let deep: unknown = 7
    for (let level = 0; level < 100_000; level++) deep = { a: deep }
    const entries = StatsLegacy.flattenNumbers({ b: 1, deep }, "x")
    expect(entries["x.b"]).toBe(1)
    expect(Object.keys(entries)).toHaveLength(2)
  })
})

describe("bounded decoding: size", () => {
  const bytes = (n: number) => new Uint8Array(n).fill(0x20)

  it.effect("a declared Content-Length over maxResponseBytes fails with 50000 before the body is read", () =>
    Effect.gen(function*() {
      expect(Limits.maxResponseBytes).toBe(128 * 1024 * 1024)
      // The body errors if anything reads it: then the code would be 80000.
      const response = () =>
        new Response(chunks([], "error"), {
          headers: { "content-type": "application/json", "content-length": String(Limits.maxResponseBytes + 1) }
        })
      const { rest, seen } = yield* restWith({ key: testKey, fallbackHosts: [] }, response)
      const error = yield* Effect.flip(rest.time)
      expect(error).toMatchObject({ code: 50000, statusCode: 500 })
      expect(error.message).toContain(`Content-Length ${Limits.maxResponseBytes + 1}`)
      expect(yield* Ref.get(seen)).toHaveLength(1)
    }))

  it.effect("each way of reading accepts a body of exactly the limit and refuses one byte more", () =>
    Effect.gen(function*() {
      const limit = 10
      const ways = {
        declared: (n: number) => new Response(bytes(n), { headers: { "content-length": String(n) } }),
        chunked: (n: number) =>
          new Response(chunks([bytes(4), bytes(n - 4)]), { headers: { "transfer-encoding": "chunked" } }),
        undeclared: (n: number) => new Response(bytes(n))
      }
      for (const [way, make] of Object.entries(ways)) {
        expect((yield* bodyOf(make(limit), limit)).length, way).toBe(limit)
        const error = yield* Effect.flip(bodyOf(make(limit + 1), limit))
        expect(error, way).toMatchObject({ code: 50000, statusCode: 500 })
      }
    }))

  it.effect(
    "a chunked body of exactly maxResponseBytes is read; an endless one stops just past the limit",
    () =>
      Effect.gen(function*() {
        const mib = 1024 * 1024
        const count = Limits.maxResponseBytes / mib
        const parts = Array.from({ length: count }, (_, index) => {
          const part = new Uint8Array(mib).fill(0x61)
          if (index === 0) part[0] = 0x22
          if (index === count - 1) part[mib - 1] = 0x22
          return part
        })
        const { rest } = yield* restWith({ key: testKey }, () =>
          new Response(chunks(parts), {
            headers: { "content-type": "application/json", "transfer-encoding": "chunked" }
          }))
        const page = yield* rest.request("GET", "/big")
        expect(String(page.items[0]).length).toBe(Limits.maxResponseBytes - 2)
        parts.length = 0

        let pulled = 0
        const chunk = new Uint8Array(mib)
        const endless = new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++
            controller.enqueue(chunk)
          }
        })
        const error = yield* Effect.flip(bodyOf(new Response(endless, { headers: { "transfer-encoding": "chunked" } })))
        expect(error).toMatchObject({ code: 50000, statusCode: 500 })
        expect(pulled).toBeLessThan(count + 4)
      }),
    60_000
  )

  it.effect("a body that fails mid-read is a typed 80000", () =>
    Effect.gen(function*() {
      const variants: ReadonlyArray<Record<string, string>> = [{}, { "transfer-encoding": "chunked" }, {
        "content-length": "100"
      }]
      for (const headers of variants) {
        const error = yield* Effect.flip(bodyOf(new Response(chunks([bytes(5)], "error"), { headers })))
        expect(error).toMatchObject({ _tag: "AblyError", code: 80000, statusCode: 500 })
      }
    }))

  it("declaredLength reads one plain decimal number only", () => {
    expect(BodyBytes.declaredLength("1024")).toBe(1024)
    expect(BodyBytes.declaredLength(" 7 ")).toBe(7)
    for (const odd of ["10, 10", "-1", "1e3", "abc", "", "99999999999999999999"]) {
      expect(BodyBytes.declaredLength(odd), odd).toBeUndefined()
    }
  })
})

describe("odd answers", () => {
  it.effect("RSC8d - a garbage X-Ably-ErrorCode is ignored: the status decides the code", () =>
    Effect.gen(function*() {
      for (const code of ["40003abc", "1e400", "-1", "NaN", "99999999999999999999"]) {
        const { rest } = yield* restWith({ key: testKey, fallbackHosts: [] }, () =>
          new Response(null, { status: 400, headers: { "x-ably-errorcode": code } }))
        expect(yield* Effect.flip(rest.time), code).toMatchObject({ code: 40000, statusCode: 400 })
      }
    }))

  it.effect("an error body whose code is not an integer falls back to the status", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, fallbackHosts: [] }, () =>
        msgpack(400, { error: { code: Number.NaN, statusCode: Infinity } }))
      expect(yield* Effect.flip(rest.time)).toMatchObject({ code: 40000, statusCode: 400 })
    }))

  it.effect("RSC16 - a time that is not a finite number is a 50000", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey }, () => msgpack(200, [Number.NaN]))
      expect(yield* Effect.flip(rest.time)).toMatchObject({ code: 50000, statusCode: 500 })
    }))

  it.effect("RSA8d - an authCallback answer that throws while read, or a TokenRequest keyName with a lone surrogate, is a 40170 with no request", () =>
    Effect.gen(function*() {
      const answers: ReadonlyArray<object> = [
        {
          get token(): string {
            throw new Error("getter threw")
          }
        },
        { keyName: "app\uD800.key", mac: "bWFj", timestamp: 1, nonce: "0123456789abcdef" }
      ]
      for (const answer of answers) {
        const { rest, seen } = yield* restWith({ authCallback: () => answer }, () => json(200, []))
        expect(yield* Effect.flip(rest.channel("c").historyPage())).toMatchObject({ code: 40170, statusCode: 401 })
        expect(yield* Ref.get(seen)).toHaveLength(0)
      }
    }))

  it.effect("RSA8c - an endless chunked authUrl answer stops at the token size limit with a 40170", () =>
    Effect.gen(function*() {
      let pulled = 0
      const endless = () =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++
            controller.enqueue(new Uint8Array(64 * 1024).fill(0x61))
          }
        })
      const { rest } = yield* restWith(
        { authUrl: "https://auth.example.test/token" },
        () => new Response(endless(), { headers: { "content-type": "text/plain", "transfer-encoding": "chunked" } })
      )
      const error = yield* Effect.flip(rest.channel("c").historyPage())
      expect(error).toMatchObject({ code: 40170, statusCode: 401 })
      expect(error.message).toContain("larger than")
      expect(pulled).toBeLessThan(10)
    }))
})
