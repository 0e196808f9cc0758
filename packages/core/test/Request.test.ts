import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { json } from "./utils/FakeHttp.js"
import { restWith, testKey } from "./utils/restWith.js"

describe("request() (RSC19)", () => {
  it.effect("HP4-HP8 - a non-2xx answer is a value with the error code and message", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () =>
        json(404, { error: { code: 40400, statusCode: 404, message: "Not found" } }, { "x-ably-errorcode": "40400" }))
      const response = yield* rest.request("get", "channels/x/unknown", { version: "3" })
      expect(response.success).toBe(false)
      expect(response.statusCode).toBe(404)
      expect(response.errorCode).toEqual(Option.some(40400))
      expect(response.errorMessage).toEqual(Option.some("Not found"))
      expect(response.headers["x-ably-errorcode"]).toBe("40400")
      const [request] = yield* Ref.get(seen)
      expect(request!.url.pathname).toBe("/channels/x/unknown")
      expect(request!.headers["x-ably-version"]).toBe("3")
    }))

  it.effect("HP3 - an object is one item, 204 is none; params and body are sent; the client's auth wins", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        (_, index) => index === 0 ? json(201, { ok: true }) : new Response(null, { status: 204 })
      )
      const created = yield* rest.request("POST", "/things", {
        params: { a: 1, b: undefined },
        body: { x: 1 },
        headers: { authorization: "Bearer forged", "x-custom": "yes" }
      })
      expect(created.items).toEqual([{ ok: true }])
      expect(created.success).toBe(true)
      const empty = yield* rest.request("DELETE", "/things/1")
      expect(empty.items).toEqual([])
      const [request] = yield* Ref.get(seen)
      expect(request!.url.search).toBe("?a=1")
      expect(request!.headers["authorization"]).toMatch(/^Basic /)
      expect(request!.headers["x-custom"]).toBe("yes")
      expect(new TextDecoder().decode(request!.body)).toBe("{\"x\":1}")
    }))

  it.effect("RSC19e - only transport failures fail; unsupported methods fail with 40500", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, fallbackHosts: [] }, () => "network-error")
      expect((yield* Effect.flip(rest.request("GET", "/x"))).code).toBe(80000)
      expect((yield* Effect.flip(rest.request("TRACE", "/x"))).code).toBe(40500)
    }))

  it.effect("pages and the item stream follow Link headers", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, (request) => {
        const page = Number(request.url.searchParams.get("page") ?? "1")
        return json(200, [page * 10, page * 10 + 1], page < 3 ? { link: `<./items?page=${page + 1}>; rel="next"` } : {})
      })
      const first = yield* rest.request("GET", "/app/items")
      expect(first.hasNext).toBe(true)
      const all = yield* Stream.runCollect(first.stream)
      expect(Chunk.toReadonlyArray(all)).toEqual([10, 11, 20, 21, 30, 31])
      expect((yield* Ref.get(seen)).map((r) => r.url.pathname + r.url.search)).toEqual([
        "/app/items",
        "/app/items?page=2",
        "/app/items?page=3"
      ])
      const second = Option.getOrThrow(yield* first.next)
      expect(second.items).toEqual([20, 21])
      expect(second.statusCode).toBe(200)
    }))
})
