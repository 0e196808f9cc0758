/**
 * Every case of the ably-common encoding and crypto fixtures, over JSON and MessagePack, with
 * 128- and 256-bit keys. The fixture IV is injected through the `RandomBytes` reference, so
 * encryption reproduces the fixtures byte for byte.
 */
import { Crypto, DataCodec, Message } from "@effect-ably/core"
import { beforeAll, describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Cipher from "../../src/internal/crypto/Cipher.js"
import * as Codec from "../../src/internal/http/Codec.js"
import * as Decode from "../../src/internal/message/Decode.js"
import * as Payload from "../../src/internal/message/Payload.js"
import * as PresenceDecode from "../../src/internal/presence/PresenceDecode.js"
import * as Random from "../../src/internal/Random.js"
import { json, msgpack } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"
import { bytesOfBase64, cryptoData, encodingCases, expectedOf, msgpackCases, msgpackExpected } from "./fixtures.js"

// MessagePack is loaded when a client that speaks it is built; these tests call the codec directly.
beforeAll(() => Effect.runPromise(Codec.loadMsgpack))

const protocols = ["json", "msgpack"] as const

/** Sends a value through a body of the given protocol and back, as the transport would. */
const overTheWire = (protocol: Codec.Protocol, value: unknown): unknown =>
  Codec.decode(protocol, Either.getOrThrow(Codec.encode(protocol, value)))

const decodeWire = Schema.decodeUnknownSync(Message.WireMessage)
const decodeRecord = Schema.decodeUnknownSync(Schema.Record({ key: Schema.String, value: Schema.Unknown }))

const withIv = (iv: Uint8Array) =>
  Effect.provideService(Random.RandomBytes, (size: number) => Effect.succeed(iv.slice(0, size)))

describe.each(["messages-encoding.json", "presence-messages-encoding.json"] as const)("%s", (file) => {
  const cases = encodingCases(file)

  it("has the five expected cases", () => {
    expect(cases.map((c) => c.expectedType)).toEqual(["string", "string", "jsonObject", "jsonArray", "binary"])
  })

  describe.each(protocols)("over %s", (protocol) => {
    it.effect("RSL6a1 - each fixture wire payload decodes to the expected value", () =>
      Effect.gen(function*() {
        for (const c of cases) {
          const wire = overTheWire(protocol, { data: c.data, ...(c.encoding === null ? {} : { encoding: c.encoding }) })
          const decoded = yield* Decode.decodeData(
            Schema.decodeUnknownSync(Message.WireMessage)(wire),
            DataCodec.untyped()
          )
          expect(decoded.data).toEqual(expectedOf(c))
          expect(decoded.encoding).toBeUndefined()
        }
      }))

    it.effect("RSL4 - each expected value encodes like the fixture (bytes as bin over msgpack) and back", () =>
      Effect.gen(function*() {
        for (const c of cases) {
          const expected = expectedOf(c)
          const encoded = yield* Payload.encode(expected, { protocol })
          if (c.expectedType === "binary" && protocol === "msgpack") {
            expect(encoded).toEqual({ data: expected, size: 4 })
          } else if (c.expectedType === "string") {
            expect(encoded.data).toBe(c.data)
            expect(encoded.encoding).toBeUndefined()
          } else if (c.expectedType === "binary") {
            expect(encoded).toEqual({ data: c.data, encoding: c.encoding, size: 4 })
          } else {
            expect(encoded.encoding).toBe(c.encoding)
            expect(JSON.parse(String(encoded.data))).toEqual(JSON.parse(c.data))
          }
          const back = yield* Payload.decode(overTheWire(protocol, encoded.data), encoded.encoding)
          expect(back).toEqual({ data: expected })
        }
      }))
  })
})

describe("RSL6 - the fixtures through the real read paths", () => {
  const messages = encodingCases("messages-encoding.json")
  const presence = encodingCases("presence-messages-encoding.json")
  const wireOf = (c: { readonly data: string; readonly encoding: string | null }, index: number) => ({
    id: `fixture:${index}`,
    data: c.data,
    ...(c.encoding === null ? {} : { encoding: c.encoding })
  })

  it.effect.each(protocols)("history over %s yields every expected value", (protocol) =>
    Effect.gen(function*() {
      const body = messages.map(wireOf)
      const { rest } = yield* restWith(
        { key: testKey, useBinaryProtocol: protocol === "msgpack" },
        () => protocol === "msgpack" ? msgpack(200, body) : json(200, body)
      )
      const read = Chunk.toReadonlyArray(yield* Stream.runCollect(rest.channel("fixtures").history()))
      expect(read.map((m) => m.data)).toEqual(messages.map(expectedOf))
      expect(read.every((m) => m.encoding === undefined)).toBe(true)
    }))

  it.effect.each(protocols)(
    "presence messages over %s go through the same decoder",
    (protocol) =>
      Effect.gen(function*() {
        const body = overTheWire(
          protocol,
          presence.map((c, i) => ({ ...wireOf(c, i), action: c.action, clientId: `c${i}` }))
        )
        const decoded = yield* PresenceDecode.fromEncodedArray(body)
        expect(decoded.map((m) => m.data)).toEqual(presence.map(expectedOf))
        expect(decoded.map((m) => m.action)).toEqual(["absent", "present", "enter", "leave", "update"])
      })
  )
})

describe("msgpack_test_fixtures.json", () => {
  const cases = msgpackCases()

  it.effect("decodes every msgpack fixture to its value (str stays str, base64 text becomes bytes)", () =>
    Effect.gen(function*() {
      expect(cases).toHaveLength(8)
      for (const c of cases) {
        const body = Schema.decodeUnknownSync(Schema.Struct({ messages: Schema.Array(Message.WireMessage) }))(
          Codec.decode("msgpack", bytesOfBase64(c.msgpack))
        )
        const message = yield* Decode.fromWire(body.messages[0]!, DataCodec.untyped())
        expect(message.data, c.name).toEqual(msgpackExpected(c))
        expect(message.encoding).toBeUndefined()
      }
    }))

  it.effect("strings and JSON encode to the fixture bytes; binary travels as bin and reads back", () =>
    Effect.gen(function*() {
      for (const c of cases) {
        const value = msgpackExpected(c)
        const encoded = yield* Payload.encode(value, { protocol: "msgpack" })
        const { size: _size, ...wire } = encoded
        if (c.type === "binary") {
          expect(wire).toEqual({ data: value })
        } else {
          const frame = Either.getOrThrow(Codec.encode("msgpack", { messages: [wire], msgSerial: 0 }))
          expect(Encoding.encodeBase64(frame), c.name).toBe(c.msgpack)
        }
        const back = yield* Payload.decode(overTheWire("msgpack", wire.data), wire.encoding)
        expect(back.data).toEqual(value)
      }
    }))
})

describe.each([128, 256] as const)("crypto-data-%i.json", (keyLength) => {
  const fixture = cryptoData(keyLength)
  const iv = bytesOfBase64(fixture.iv)
  const params = Either.getOrThrow(Crypto.getDefaultParams({ key: fixture.key, keyLength }))
  const cipher = Cipher.make(params)
  const plain = (item: (typeof fixture.items)[number]) =>
    Effect.map(Payload.decode(item.encoded.data, item.encoded.encoding), (decoded) => decoded.data)

  it("RSL5c - the fixture describes aes-cbc with the right key length", () => {
    expect([fixture.algorithm, fixture.mode, fixture.keylength]).toEqual(["aes", "cbc", keyLength])
    expect(cipher.algorithm).toBe(`aes-${keyLength}-cbc`)
    expect(fixture.items.length).toBe(keyLength === 128 ? 4 : 74)
  })

  it.effect("RSL5c/RSL6 - every encrypted item decrypts (JSON wire) to the plain item", () =>
    Effect.gen(function*() {
      for (const item of fixture.items) {
        const decrypted = yield* Payload.decode(item.encrypted.data, item.encrypted.encoding, { cipher })
        expect(decrypted).toEqual({ data: yield* plain(item) })
      }
    }))

  it.effect("RSL5c/RSL6 - every msgpack item decrypts to the plain item", () =>
    Effect.gen(function*() {
      for (const item of fixture.items) {
        const wire = Schema.decodeUnknownSync(Message.WireMessage)(Codec.decode("msgpack", bytesOfBase64(item.msgpack)))
        expect(wire.data).toBeInstanceOf(Uint8Array)
        const message = yield* Decode.fromWire(wire, DataCodec.untyped(cipher))
        expect(message.data).toEqual(yield* plain(item))
        expect(message.name).toBe(item.encrypted.name)
      }
    }))

  it.effect("RSL5/RSL4 - with the fixture IV every item encrypts to the fixture, JSON and msgpack byte for byte", () =>
    Effect.gen(function*() {
      for (const item of fixture.items) {
        const value = yield* plain(item)
        const overJson = yield* Payload.encode(value, { protocol: "json", cipher })
        expect({ data: overJson.data, encoding: overJson.encoding }).toEqual({
          data: item.encrypted.data,
          encoding: item.encrypted.encoding
        })
        const overMsgpack = yield* Payload.encode(value, { protocol: "msgpack", cipher })
        const ours: Record<string, unknown> = {
          name: item.encrypted.name,
          encoding: overMsgpack.encoding,
          data: overMsgpack.data
        }
        // Same key order as the fixture (it varies between items), so the bytes can be compared.
        const fixtureKeys = Object.keys(decodeRecord(Codec.decode("msgpack", bytesOfBase64(item.msgpack))))
        const frame = Either.getOrThrow(
          Codec.encode("msgpack", Object.fromEntries(fixtureKeys.map((key) => [key, ours[key]])))
        )
        expect(Encoding.encodeBase64(frame)).toBe(item.msgpack)
        // The size is the encrypted bytes: IV + padded ciphertext.
        expect(overJson.size).toBe(bytesOfBase64(item.encrypted.data).byteLength)
      }
    }).pipe(withIv(iv)))

  it.effect.each(protocols)(
    "publish on an encrypted channel sends the fixture payloads over %s",
    (protocol) =>
      Effect.gen(function*() {
        const { rest, seen } = yield* restWith(
          { key: testKey, useBinaryProtocol: protocol === "msgpack", idempotentRestPublishing: false },
          () => json(201, { serials: [] })
        )
        const channel = rest.channels.get("encrypted", { cipher: { key: fixture.key } })
        const items = fixture.items.slice(0, 8)
        const values = yield* Effect.forEach(items, plain)
        yield* channel.publish(values.map((data) => ({ name: "example", data })))
        const [request] = yield* Ref.get(seen)
        const body = Schema.decodeUnknownSync(Schema.Array(Message.WireMessage))(Codec.decode(protocol, request!.body!))
        expect(body.map((m) => m.encoding)).toEqual(
          items.map((item) => item.encrypted.encoding!.replace(protocol === "msgpack" ? /\/base64$/ : /$^/, ""))
        )
        expect(body.map((m) => m.data instanceof Uint8Array ? Encoding.encodeBase64(m.data) : m.data)).toEqual(
          items.map((item) => item.encrypted.data)
        )
      }).pipe(withIv(iv))
  )

  it.effect.each(protocols)(
    "history on an encrypted channel decrypts every item over %s",
    (protocol) =>
      Effect.gen(function*() {
        const body = fixture.items.map((item, index) =>
          protocol === "msgpack"
            ? { id: `x:${index}`, ...decodeWire(Codec.decode("msgpack", bytesOfBase64(item.msgpack))) }
            : { id: `x:${index}`, ...item.encrypted }
        )
        const { rest } = yield* restWith(
          { key: testKey, useBinaryProtocol: protocol === "msgpack" },
          () => protocol === "msgpack" ? msgpack(200, body) : json(200, body)
        )
        const read = yield* Stream.runCollect(rest.channel("encrypted", { cipher: params }).history())
        expect(Chunk.toReadonlyArray(read).map((m) => m.data)).toEqual(yield* Effect.forEach(fixture.items, plain))
      })
  )
})
