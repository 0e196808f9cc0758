import { ChannelOptions, Crypto, type Errors } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Cipher from "../../src/internal/crypto/Cipher.js"
import * as Random from "../../src/internal/Random.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

const key128 = new Uint8Array(Array.from({ length: 16 }, (_, i) => 250 - i * 7))
const key256 = new Uint8Array(Array.from({ length: 32 }, (_, i) => (i * 37 + 251) % 256))

const keyOf = (params: Crypto.CipherParams) => Redacted.value(params.key)
const failure = (result: Either.Either<Crypto.CipherParams, Errors.AblyError>) =>
  Either.isLeft(result) ? result.left : undefined

describe("Crypto.getDefaultParams (RSE1)", () => {
  it("RSE1a - accepts raw bytes, ArrayBuffer, base64 and Redacted keys; keyLength comes from the key", () => {
    for (
      const key of [
        key128,
        key128.buffer.slice(0),
        Encoding.encodeBase64(key128),
        Redacted.make(Encoding.encodeBase64(key128))
      ]
    ) {
      const params = Either.getOrThrow(Crypto.getDefaultParams({ key }))
      expect(params).toMatchObject({ _tag: "CipherParams", algorithm: "aes", mode: "cbc", keyLength: 128 })
      expect(keyOf(params)).toEqual(key128)
    }
    expect(Either.getOrThrow(Crypto.getDefaultParams({ key: key256, algorithm: "AES", mode: "CBC" })).keyLength).toBe(
      256
    )
  })

  it("RSE1c - base64url keys are normalised at every - and _ (not only the first)", () => {
    // Chosen so that the base64 form holds several '+' and '/'.
    const key = new Uint8Array([
      0xfb,
      0xef,
      0xbe,
      0xfb,
      0xff,
      0xbf,
      0xfb,
      0xef,
      0xbe,
      0xff,
      0xff,
      0xff,
      0xfb,
      0xef,
      0xbe,
      0xfe
    ])
    const standard = Encoding.encodeBase64(key)
    const url = Encoding.encodeBase64Url(key)
    expect(standard.match(/[+/]/g)!.length).toBeGreaterThanOrEqual(4)
    expect(url.match(/-/g)!.length).toBeGreaterThanOrEqual(2)
    expect(url.match(/_/g)!.length).toBeGreaterThanOrEqual(2)
    expect(url).not.toContain("=")
    expect(keyOf(Either.getOrThrow(Crypto.getDefaultParams({ key: url })))).toEqual(key)
    expect(keyOf(Either.getOrThrow(Crypto.getDefaultParams({ key: standard })))).toEqual(key)
  })

  it("RSE1e - a key that is not 128 or 256 bits, or does not match keyLength, is a typed 40003", () => {
    for (
      const key of [
        new Uint8Array(0),
        new Uint8Array(15),
        new Uint8Array(24),
        new Uint8Array(33),
        Encoding.encodeBase64(new Uint8Array(8))
      ]
    ) {
      expect(failure(Crypto.getDefaultParams({ key }))).toMatchObject({
        _tag: "AblyError",
        code: 40003,
        statusCode: 400
      })
    }
    expect(failure(Crypto.getDefaultParams({ key: key128, keyLength: 256 }))).toMatchObject({ code: 40003 })
    expect(failure(Crypto.getDefaultParams({ key: key128, algorithm: "des" }))).toMatchObject({ code: 40003 })
    expect(failure(Crypto.getDefaultParams({ key: key128, mode: "ctr" }))).toMatchObject({ code: 40003 })
    expect(failure(Crypto.getDefaultParams({ key: "not base64 at all!" }))).toMatchObject({ code: 40003 })
  })

  it("keys never show in errors, in printed params or in JSON", () => {
    const secret = Encoding.encodeBase64(new Uint8Array(20).fill(77))
    const error = failure(Crypto.getDefaultParams({ key: secret }))!
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(secret)
    const params = Either.getOrThrow(Crypto.getDefaultParams({ key: Encoding.encodeBase64(key256) }))
    const printed = `${String(params.key)} ${JSON.stringify(params)} ${JSON.stringify(String(params.key))}`
    expect(printed).not.toContain(Encoding.encodeBase64(key256))
    expect(printed).not.toContain(Array.from(key256).join(","))
  })

  it("the params hold a copy: changing the caller's buffer afterwards changes nothing", () => {
    const key = new Uint8Array(key128)
    const params = Either.getOrThrow(Crypto.getDefaultParams({ key }))
    key.fill(0)
    expect(keyOf(params)).toEqual(key128)
  })
})

describe("Crypto.generateRandomKey (RSE2)", () => {
  it.effect("RSE2 - 256 bits by default, 128 on request, from RandomBytes", () =>
    Effect.gen(function*() {
      expect((yield* Crypto.generateRandomKey()).byteLength).toBe(32)
      expect((yield* Crypto.generateRandomKey(128)).byteLength).toBe(16)
      const pinned = yield* Crypto.generateRandomKey(128).pipe(
        Effect.provideService(Random.RandomBytes, (n: number) => Effect.succeed(new Uint8Array(n).fill(9)))
      )
      expect(pinned).toEqual(new Uint8Array(16).fill(9))
      const a = yield* Crypto.generateRandomKey()
      const b = yield* Crypto.generateRandomKey()
      expect(a).not.toEqual(b)
      expect(Either.getOrThrow(Crypto.getDefaultParams({ key: a })).keyLength).toBe(256)
    }))

  it.effect("RSE2 - an unusable key length is a typed 40003", () =>
    Effect.gen(function*() {
      for (const bits of [0, 64, 192, 512]) {
        expect(yield* Effect.flip(Crypto.generateRandomKey(bits))).toMatchObject({ code: 40003 })
      }
    }))
})

describe("Cipher (RSL5)", () => {
  it.effect("RSL5b - a fresh random IV per message, prepended to the ciphertext", () =>
    Effect.gen(function*() {
      const cipher = Cipher.make(Either.getOrThrow(Crypto.getDefaultParams({ key: key256 })))
      const text = new TextEncoder().encode("same plaintext")
      const one = yield* cipher.encrypt(text)
      const two = yield* cipher.encrypt(text)
      expect(one.byteLength).toBe(32)
      expect(one.subarray(0, 16)).not.toEqual(two.subarray(0, 16))
      expect(yield* cipher.decrypt(one)).toEqual(text)
      expect(yield* cipher.decrypt(two)).toEqual(text)
    }))

  it.effect("a wrong key, a truncated or misaligned ciphertext is a typed 40013, never a defect", () =>
    Effect.gen(function*() {
      const cipher = Cipher.make(Either.getOrThrow(Crypto.getDefaultParams({ key: key128 })))
      const other = Cipher.make(Either.getOrThrow(Crypto.getDefaultParams({ key: key256 })))
      const secret = yield* cipher.encrypt(new TextEncoder().encode("x".repeat(40)))
      for (const bad of [secret.subarray(0, 16), secret.subarray(0, 33), new Uint8Array(0)]) {
        expect(yield* Effect.flip(cipher.decrypt(bad))).toMatchObject({ code: 40013 })
      }
      const wrong = yield* Effect.either(other.decrypt(secret))
      // A wrong key almost always breaks the padding; when it does not, the bytes are garbage.
      if (Either.isLeft(wrong)) expect(wrong.left.code).toBe(40013)
      else expect(wrong.right).not.toEqual(new TextEncoder().encode("x".repeat(40)))
    }))
})

describe("channel options", () => {
  it.effect("RSL5 - an invalid cipher fails each operation with 40003 before anything is sent", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () => json(201, { serials: [] }))
      const channel = rest.channels.get("c", { cipher: { key: new Uint8Array(10) } })
      expect(yield* Effect.flip(channel.publish("n", "d"))).toMatchObject({ code: 40003 })
      expect(yield* Effect.flip(channel.historyPage())).toMatchObject({ code: 40003 })
      expect(yield* Ref.get(seen)).toHaveLength(0)
    }))

  it("TB3 - withCipherKey", () => {
    expect(ChannelOptions.withCipherKey("abc")).toEqual({ cipher: { key: "abc" } })
    expect(Either.isRight(ChannelOptions.codecs(ChannelOptions.withCipherKey(key128)))).toBe(true)
  })
})
