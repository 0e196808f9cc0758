/**
 * @msgpack/msgpack is loaded when a client that speaks MessagePack is built (`Codec.loadMsgpack`
 * in the transport's layer), never at import: a JSON client never loads it, and a MessagePack
 * answer reaching a JSON client fails as an unreadable answer (50000). The tests run in order in
 * one module graph (vitest isolates files), so the codec starts unloaded here.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Codec from "../../src/internal/http/Codec.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

// `[1234]` in MessagePack (fixarray of one uint16), written by hand: the codec is not loaded yet.
const msgpackTime = () =>
  new Response(new Uint8Array([0x91, 0xcd, 0x04, 0xd2]), {
    status: 200,
    headers: { "content-type": "application/x-msgpack" }
  })

describe("MessagePack is loaded on demand", () => {
  it.effect("a JSON client (useBinaryProtocol false) works without loading it", () =>
    Effect.gen(function*() {
      expect(Codec.isMsgpackLoaded()).toBe(false)
      const { rest } = yield* restWith({ key: testKey, useBinaryProtocol: false }, () => json(200, [1234]))
      expect(yield* rest.time).toBe(1234)
      expect(Codec.isMsgpackLoaded()).toBe(false)
    }))

  it.effect("encoding MessagePack before it is loaded is a typed error, not a throw", () =>
    Effect.sync(() => {
      const encoded = Codec.encode("msgpack", { a: 1 })
      expect(Either.isLeft(encoded) && encoded.left.code).toBe(50000)
      expect(Codec.isMsgpackLoaded()).toBe(false)
    }))

  it.effect("a MessagePack answer to a JSON client is an unreadable answer (50000), the codec stays unloaded", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, useBinaryProtocol: false }, msgpackTime)
      const error = yield* Effect.flip(rest.time)
      expect(error.code).toBe(50000)
      expect(error.message).toContain("MessagePack is not loaded")
      expect(Codec.isMsgpackLoaded()).toBe(false)
    }))

  it.effect("building a MessagePack client (the default) loads it; its answers decode", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey }, msgpackTime)
      expect(Codec.isMsgpackLoaded()).toBe(true)
      expect(yield* rest.time).toBe(1234)
      expect(Either.getOrThrow(Codec.encode("msgpack", [1234]))).toEqual(new Uint8Array([0x91, 0xcd, 0x04, 0xd2]))
    }))
})
