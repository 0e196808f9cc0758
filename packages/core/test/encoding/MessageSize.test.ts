/** RSL1i / TO3l8: the size check, counted as the spec says, before anything is sent. */
import { Crypto, DataCodec } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Ref from "effect/Ref"
import * as Cipher from "../../src/internal/crypto/Cipher.js"
import type * as Codec from "../../src/internal/http/Codec.js"
import * as Publish from "../../src/internal/message/Publish.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

const created = () => json(201, { serials: [] })
const key = new Uint8Array(16).fill(1)

describe.each([true, false])("RSL1i - 40009 (useBinaryProtocol: %s)", (useBinaryProtocol) => {
  it.effect("a single message: name + clientId + JSON(extras) + data, limit inclusive", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol, maxMessageSize: 50 }, created)
      const extras = { headers: { a: "b" } } // {"headers":{"a":"b"}} = 21 bytes
      const channel = rest.channel("size")
      // 1 + 2 + 21 + 26 = 50: at the limit.
      yield* channel.publish({ name: "n", clientId: "me", extras, data: "x".repeat(26) })
      const error = yield* Effect.flip(channel.publish({ name: "n", clientId: "me", extras, data: "x".repeat(27) }))
      expect(error).toMatchObject({ _tag: "AblyError", code: 40009, statusCode: 400 })
      expect(yield* Ref.get(seen)).toHaveLength(1)
    }))

  it.effect("several messages share one budget; binary counts raw bytes (never base64), JSON its text, strings UTF-8", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol, maxMessageSize: 60 }, created)
      const channel = rest.channel("size")
      const messages = [
        { data: new Uint8Array(30) }, // 30, base64 would be 40
        { data: { a: "bc" } }, // {"a":"bc"} = 10
        { data: "éééééééééé" } // 20 bytes of UTF-8
      ]
      yield* channel.publish(messages)
      const error = yield* Effect.flip(channel.publish([...messages, { name: "x" }]))
      expect(error.code).toBe(40009)
      expect(yield* Ref.get(seen)).toHaveLength(1)
    }))

  it.effect("under a cipher the encrypted size counts (IV + padded ciphertext): stricter, like ably-js", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol, maxMessageSize: 40 }, created)
      const plain = rest.channel("size")
      const encrypted = rest.channel("size", { cipher: { key } })
      // 20 bytes of text fit in the clear; encrypted they are 16 (IV) + 32 = 48 bytes.
      yield* plain.publish("", "x".repeat(20))
      expect((yield* Effect.flip(encrypted.publish("", "x".repeat(20)))).code).toBe(40009)
      // 15 bytes encrypt to 16 + 16 = 32.
      yield* encrypted.publish("", "x".repeat(15))
      expect(yield* Ref.get(seen)).toHaveLength(2)
    }))
})

describe("Publish helpers (reused per BatchPublishSpec)", () => {
  it.effect("encodeMessage reports the size; checkSize fails over the limit only", () =>
    Effect.gen(function*() {
      const encoded = yield* Publish.encodeMessage({ name: "n", data: new Uint8Array(9) }, { protocol: "json" })
      expect(encoded).toEqual({ wire: { name: "n", data: "AAAAAAAAAAAA", encoding: "base64" }, size: 10 })
      yield* Publish.checkSize(10, 10)
      expect((yield* Effect.flip(Publish.checkSize(11, 10))).code).toBe(40009)
    }))

  it.effect("prepare fails with 40009 for a spec over the limit, under a cipher too", () =>
    Effect.gen(function*() {
      const cipher = Either.getOrThrow(Crypto.getDefaultParams({ key }))
      const codec = DataCodec.untyped(Cipher.make(cipher))
      const options = { protocol: "json" as Codec.Protocol, maxMessageSize: 31, idempotent: true, codec }
      expect((yield* Effect.flip(Publish.prepare([{ data: "a" }], options))).code).toBe(40009)
      const ok = yield* Publish.prepare([{ data: "a" }], { ...options, maxMessageSize: 32 })
      expect(ok[0]).toMatchObject({ encoding: "utf-8/cipher+aes-128-cbc/base64" })
      expect(ok[0]!.id).toMatch(/:0$/)
    }))
})
