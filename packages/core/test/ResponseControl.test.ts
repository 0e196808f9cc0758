/**
 * Ably's response-control parameters through `request()` (envelope, fields, flatten, select,
 * format), against the emulator.
 */
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as ResponseControl from "../src/internal/http/ResponseControl.js"
import { emulatedRest } from "./integration/emulated.js"
import { json } from "./utils/FakeHttp.js"
import { restWith, testKey } from "./utils/restWith.js"

describe("request() response control", () => {
  it("toQuery writes the parameters Ably reads", () => {
    expect(
      ResponseControl.toQuery({
        envelope: "json",
        fields: ["a", "b.c"],
        flatten: true,
        select: "*.a",
        format: "msgpack"
      })
    ).toEqual([
      ["envelope", "json"],
      ["fields", "a,b.c"],
      ["flatten", "true"],
      ["select", "*.a"],
      ["format", "msgpack"]
    ])
    expect(ResponseControl.toQuery(undefined)).toEqual([])
  })

  it.effect("fields keeps the named fields of each item; flatten and select give long dotted keys", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({ useBinaryProtocol: false })
      yield* rest.channel("shape").publish([{ name: "a", data: { x: 1 } }, {
        name: "b",
        extras: { headers: { k: "v" } }
      }])
      const path = "/channels/shape/messages"
      const picked = yield* rest.request("GET", path, {
        params: { direction: "forwards" },
        responseControl: { fields: ["name", "extras.headers"] }
      })
      expect(picked.items).toEqual([{ name: "a" }, { name: "b", extras: { headers: { k: "v" } } }])
      const flat = yield* rest.request("GET", path, {
        params: { direction: "forwards" },
        responseControl: { fields: ["name", "extras"], flatten: true }
      })
      expect(flat.items).toEqual([{ "0.name": "a", "1.name": "b", "1.extras.headers.k": "v" }])
      const selected = yield* rest.request("GET", path, {
        params: { direction: "forwards" },
        responseControl: { select: "*.name" }
      })
      expect(selected.items).toEqual([{ "0.name": "a", "1.name": "b" }])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("envelope=json is unwrapped: status, error code and paging read as without it", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({ useBinaryProtocol: false })
      const missing = yield* rest.request("GET", "/no/such/route", { responseControl: { envelope: "json" } })
      expect([missing.statusCode, missing.success, Option.getOrUndefined(missing.errorCode)]).toEqual([
        404,
        false,
        40400
      ])

      yield* rest.channel("env").publish([{ name: "1" }, { name: "2" }, { name: "3" }])
      const first = yield* rest.request("GET", "/channels/env/messages", {
        params: { limit: 2 },
        responseControl: { envelope: "json" }
      })
      expect(first.statusCode).toBe(200)
      expect(first.items.length).toBe(2)
      expect(first.hasNext).toBe(true)
      const all = Chunk.toReadonlyArray(yield* Stream.runCollect(first.stream))
      expect(all).toHaveLength(3)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("an enveloped answer (HTTP 200) becomes the response it wraps, its rel links the Link header", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, (_, index) =>
        index === 0
          ? json(200, { statusCode: 201, response: [{ a: 1 }], rel: { next: "./things?page=2" } })
          : json(200, { statusCode: 404, response: { error: { code: 40400, statusCode: 404, message: "gone" } } }))
      const first = yield* rest.request("GET", "/things", { responseControl: { envelope: "json" } })
      expect([first.statusCode, first.success, first.items, first.hasNext]).toEqual([201, true, [{ a: 1 }], true])
      const requests = yield* seen
      expect(requests[0]!.url.searchParams.get("envelope")).toBe("json")
      const second = yield* rest.request("GET", "/things", {
        params: { page: 2 },
        responseControl: { envelope: "json" }
      })
      expect([
        second.statusCode,
        second.success,
        Option.getOrUndefined(second.errorCode),
        Option.getOrUndefined(second.errorMessage)
      ]).toEqual([
        404,
        false,
        40400,
        "gone"
      ])
    }))
})
