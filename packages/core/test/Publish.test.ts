import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Codec from "../src/internal/http/Codec.js"
import * as Payload from "../src/internal/message/Payload.js"
import { json, msgpack } from "./utils/FakeHttp.js"
import { restWith, testKey } from "./utils/restWith.js"

const created = () => json(201, { channel: "c", messageId: "x", serials: ["a", "b"] })
const sentBody = (seen: { readonly body: Uint8Array | undefined }) =>
  Codec.decode("json", seen.body!) as ReadonlyArray<Record<string, unknown>>

describe("publish", () => {
  it.effect("RSL1k1 - messages without ids get <base64 of 9 bytes>:<index>", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, created)
      yield* rest.channel("c").publish([{ name: "a" }, { name: "b" }])
      const [first, second] = sentBody((yield* Ref.get(seen))[0]!)
      expect(first!.id).toMatch(/^[A-Za-z0-9_-]{12}:0$/)
      expect(second!.id).toBe(`${String(first!.id).split(":")[0]}:1`)
    }))

  it.effect("RSL1k4 - a retry on a fallback host resends the same ids", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, (_, index) =>
        index === 0 ? json(503, { error: { code: 50300, statusCode: 503, message: "busy" } }) : created())
      yield* rest.channel("c").publish("n", "d")
      const [attempt1, attempt2] = yield* Ref.get(seen)
      expect(attempt1!.url.hostname).not.toBe(attempt2!.url.hostname)
      expect(sentBody(attempt2!)[0]!.id).toBe(sentBody(attempt1!)[0]!.id)
    }))

  it.effect("RSL1k2/RSL1k3 - caller ids are kept; idempotentRestPublishing: false adds none", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, created)
      yield* rest.channel("c").publish([{ id: "mine:0", name: "a" }, { name: "b" }])
      expect(sentBody((yield* Ref.get(seen))[0]!).map((m) => m.id)).toEqual(["mine:0", undefined])
      const off = yield* restWith({ key: testKey, useBinaryProtocol: false, idempotentRestPublishing: false }, created)
      yield* off.rest.channel("c").publish("n", "d")
      expect(sentBody((yield* Ref.get(off.seen))[0]!)[0]!.id).toBeUndefined()
    }))

  it.effect("RSL1e/RSL1m - nulls are left out and the library clientId is never added", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, clientId: "me", useBinaryProtocol: false }, created)
      yield* rest.channel("c").publish({ name: "n", data: null })
      const [message] = sentBody((yield* Ref.get(seen))[0]!)
      expect(Object.keys(message!).sort()).toEqual(["id", "name"])
    }))

  it.effect("RSL1i - over maxMessageSize fails with 40009 and sends nothing", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, maxMessageSize: 100 }, created)
      const error = yield* Effect.flip(
        rest.channel("c").publish([{ name: "n", data: "x".repeat(60) }, { data: new Uint8Array(40) }])
      )
      expect(error).toMatchObject({ code: 40009, statusCode: 400 })
      expect(yield* Ref.get(seen)).toHaveLength(0)
      // Exactly at the limit is allowed: name 1 + 59 + 40 bytes = 100.
      yield* rest.channel("c").publish([{ name: "n", data: "x".repeat(59) }, { data: new Uint8Array(40) }])
      expect(yield* Ref.get(seen)).toHaveLength(1)
    }))

  it.effect("RSL1i - the default limit is 65536 bytes of UTF-8", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey }, created)
      const error = yield* Effect.flip(rest.channel("c").publish("", "é".repeat(32_769)))
      expect(error.code).toBe(40009)
    }))

  it.effect("RSL4a - unsupported payload types fail with 40013", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey }, created)
      for (const data of [42, true, new Date(0)]) {
        expect((yield* Effect.flip(rest.channel("c").publish("n", data))).code).toBe(40013)
      }
    }))

  it.effect("RSL1a - an invalid channel name fails with 40010 before sending", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, created)
      for (const name of ["", ":x", "[bad", "[meta]", "a\nb"]) {
        expect((yield* Effect.flip(rest.channel(name).publish("n", "d"))).code).toBe(40010)
      }
      expect(yield* Ref.get(seen)).toHaveLength(0)
      yield* rest.channel("[meta]log").publish("n", "d")
      yield* rest.channel("a/b c").publish("n", "d")
      expect((yield* Ref.get(seen)).map((r) => r.url.pathname)).toEqual([
        "/channels/%5Bmeta%5Dlog/messages",
        "/channels/a%2Fb%20c/messages"
      ])
    }))
})

describe("payload encoding", () => {
  const bytes = new Uint8Array([0, 1, 2, 255])

  it.effect("RSL4 - strings as they are, JSON as json, bytes as bin or base64", () =>
    Effect.gen(function*() {
      expect(yield* Payload.encode("héllo", { protocol: "json" })).toEqual({ data: "héllo", size: 6 })
      expect(yield* Payload.encode({ a: [1] }, { protocol: "msgpack" })).toEqual({
        data: "{\"a\":[1]}",
        encoding: "json",
        size: 9
      })
      expect(yield* Payload.encode(bytes, { protocol: "json" })).toEqual({
        data: "AAEC/w==",
        encoding: "base64",
        size: 4
      })
      expect(yield* Payload.encode(bytes, { protocol: "msgpack" })).toEqual({ data: bytes, size: 4 })
    }))

  it.effect("RSL6 - decodes right to left; an unknown step is kept with the data decoded so far", () =>
    Effect.gen(function*() {
      expect(yield* Payload.decode("eyJhIjoxfQ==", "json/base64")).toEqual({ data: { a: 1 } })
      expect(yield* Payload.decode("AAEC/w==", "base64")).toEqual({ data: bytes })
      const partial = yield* Payload.decode("AAEC/w==", "custom-encryption/base64")
      expect(partial.data).toEqual(bytes)
      expect(partial.encoding).toBe("custom-encryption")
      const broken = yield* Payload.decode("{oops", "json")
      expect(broken).toMatchObject({ data: "{oops", encoding: "json", issue: { code: 40013 } })
    }))

  it.effect("history decodes payloads the same way over msgpack", () =>
    Effect.gen(function*() {
      const wire = [
        { id: "a:0", data: bytes, timestamp: 1, serial: "s0", action: 0 },
        { id: "a:1", data: "{\"x\":1}", encoding: "json", timestamp: 2, serial: "s1", action: 7 }
      ]
      const { rest } = yield* restWith({ key: testKey }, () => msgpack(200, wire))
      const page = yield* rest.channel("c").historyPage()
      expect(page.items[0]).toMatchObject({
        data: bytes,
        action: "message.create",
        version: { serial: "s0", timestamp: 1 }
      })
      expect(page.items[1]).toMatchObject({ data: { x: 1 }, action: "unknown" })
      expect(page.items[1]!.encoding).toBeUndefined()
      expect(page.hasNext).toBe(false)
    }))
})
