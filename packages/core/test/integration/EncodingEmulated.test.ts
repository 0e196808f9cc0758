/**
 * Payload encoding, encryption and typed channels against the in-memory emulator, over both
 * protocols (and across them).
 */
import { Crypto, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Decode from "../../src/internal/message/Decode.js"
import { emulatedRest } from "./emulated.js"

const protocols = [true, false] as const
const key128 = Encoding.encodeBase64(new Uint8Array(16).fill(7))
const key256 = Encoding.encodeBase64Url(new Uint8Array(32).fill(0xfb))
const bytes = new Uint8Array([0, 1, 2, 127, 128, 254, 255])
const payloads = [
  "héllo wörld",
  "",
  { nested: { list: [1, "two", null, true] } },
  [1, [2, [3]]],
  bytes,
  new Uint8Array(0)
]

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

describe.each(protocols)("against the emulator (useBinaryProtocol: %s)", (useBinaryProtocol) => {
  it.effect("RSL4/RSL6 - strings, JSON and bytes round-trip, in the clear and under aes-128/256, read with either protocol", () =>
    Effect.gen(function*() {
      const { app, rest } = yield* emulatedRest({ useBinaryProtocol })
      const other = yield* Effect.provide(
        Rest.Rest,
        Rest.layer({ key: app.keys[0]!.keyStr, useBinaryProtocol: !useBinaryProtocol })
      )
      for (const cipher of [undefined, { key: key128 }, { key: key256 }]) {
        const name = `payloads:${cipher?.key.length ?? 0}`
        yield* rest.channels.get(name, { cipher }).publish(payloads.map((data) => ({ name: "p", data })))
        for (const reader of [rest, other]) {
          const read = yield* collect(reader.channels.get(name, { cipher }).history({ direction: "forwards" }))
          expect(read.map((m) => m.data)).toEqual(payloads)
          expect(read.every((m) => m.encoding === undefined)).toBe(true)
          expect(read.filter((m) => m.data instanceof Uint8Array)).toHaveLength(2)
        }
      }
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSL5 - the emulator stores ciphertext only; a reader without the key keeps the residual encoding and a 40013 warning", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest({ useBinaryProtocol })
      yield* rest.channels.get("secret", { cipher: { key: key256 } }).publish([
        { name: "text", data: "top secret" },
        { name: "json", data: { secret: true } },
        { name: "bin", data: bytes }
      ])
      const stored = yield* emulator.messages(app.appId, "secret")
      expect(stored.map((m) => m.encoding)).toEqual([
        "utf-8/cipher+aes-256-cbc",
        "json/utf-8/cipher+aes-256-cbc",
        "cipher+aes-256-cbc"
      ])
      expect(stored.every((m) => m.data instanceof Uint8Array)).toBe(true)
      expect(stored.map((m) => m.name)).toEqual(["text", "json", "bin"])

      const logs = yield* Ref.make<ReadonlyArray<string>>([])
      const capture = Logger.make(({ annotations, logLevel, message }) => {
        Effect.runSync(
          Ref.update(
            logs,
            (all) => [...all, `${logLevel.label} ${String(message)} ${JSON.stringify([...annotations])}`]
          )
        )
      })
      const plain = yield* collect(rest.channel("secret").history({ direction: "forwards" })).pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, capture))
      )
      expect(plain.map((m) => m.encoding)).toEqual(stored.map((m) => m.encoding))
      expect(plain.map((m) => m.data)).toEqual(stored.map((m) => m.data))
      const warnings = yield* Ref.get(logs)
      expect(warnings).toHaveLength(3)
      expect(warnings[0]).toContain("WARN")
      expect(warnings[0]).toContain("40013")
      expect(warnings.join("\n")).not.toContain(key256)

      // A key of the wrong length for the data: the step does not match, the data stays as is.
      const quiet = Logger.withMinimumLogLevel(LogLevel.Error)
      const wrong = yield* collect(rest.channels.get("secret", { cipher: { key: key128 } }).history()).pipe(quiet)
      expect(wrong.every((m) => m.encoding?.endsWith("cipher+aes-256-cbc"))).toBe(true)
      // The right length but another key: bad padding or garbage text → residual, never a defect.
      const otherKey = Encoding.encodeBase64(new Uint8Array(32).fill(1))
      const garbled = yield* collect(rest.channels.get("secret", { cipher: { key: otherKey } }).history()).pipe(quiet)
      expect(garbled).toHaveLength(3)
    }).pipe(Effect.provide(Emulator.layer)))
})

class Order extends Schema.Class<Order>("Order")({
  id: Schema.Int,
  placedAt: Schema.Date,
  items: Schema.Array(Schema.Struct({ sku: Schema.String, quantity: Schema.Int.pipe(Schema.positive()) }))
}) {}

const order = new Order({ id: 42, placedAt: new Date("2024-05-01T12:00:00Z"), items: [{ sku: "A-1", quantity: 2 }] })

describe.each(protocols)("typed channels (useBinaryProtocol: %s)", (useBinaryProtocol) => {
  it.effect("publish takes the Schema type and encodes it; history decodes to it", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest({ useBinaryProtocol })
      const orders = rest.channels.get("orders", { schema: Order })
      yield* orders.publish("placed", order)
      yield* orders.publish([{ name: "again", data: new Order({ ...order, id: 43 }) }])
      const stored = yield* emulator.messages(app.appId, "orders")
      expect(stored[0]).toMatchObject({ encoding: "json" })
      expect(JSON.parse(String(stored[0]!.data))).toEqual({
        id: 42,
        placedAt: "2024-05-01T12:00:00.000Z",
        items: [{ sku: "A-1", quantity: 2 }]
      })
      const read = yield* collect(orders.history({ direction: "forwards" }))
      expect(read.map((m) => m.data)).toEqual([order, new Order({ ...order, id: 43 })])
      const first: Order = read[0]!.data
      expect(first).toBeInstanceOf(Order)
      expect(first.placedAt).toBeInstanceOf(Date)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("typed and encrypted together; bytes and text Schemas", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({ useBinaryProtocol })
      const secretOrders = rest.channels.get("secret-orders", { schema: Order, cipher: { key: key128 } })
      yield* secretOrders.publish("placed", order)
      expect((yield* collect(secretOrders.history())).map((m) => m.data)).toEqual([order])
      const blobs = rest.channel("blobs", { schema: Schema.Uint8ArrayFromSelf, cipher: { key: key256 } })
      yield* blobs.publish("b", bytes)
      expect((yield* collect(blobs.history())).map((m) => m.data)).toEqual([bytes])
      const numbers = rest.channel("numbers", { schema: Schema.NumberFromString })
      yield* numbers.publish("n", 12.5)
      expect((yield* collect(numbers.history())).map((m) => m.data)).toEqual([12.5])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("a value the Schema rejects at runtime is a typed 40013 and nothing is sent", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest({ useBinaryProtocol })
      const orders = rest.channels.get("strict", { schema: Order })
      const notAnOrder: unknown = { id: "forty-two" }
      const error = yield* Effect.flip(orders.publish("bad", notAnOrder as Order))
      expect(error).toMatchObject({ _tag: "AblyError", code: 40013, statusCode: 400 })
      expect(error.cause).toMatchObject({ _tag: "ParseError" })
      const badQuantity = new Order({ ...order, items: [] })
      const wrongItems = { ...badQuantity, items: [{ sku: "A", quantity: -1 }] }
      expect((yield* Effect.flip(orders.publish("bad", wrongItems as Order))).code).toBe(40013)
      expect(yield* emulator.messages(app.appId, "strict")).toHaveLength(0)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("data that does not decode is a typed 40013 whose cause carries the raw wire message", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({ useBinaryProtocol })
      yield* rest.channel("mixed").publish([{ id: "raw:0", name: "oops", data: { id: "not a number" } }])
      const error = yield* Effect.flip(collect(rest.channels.get("mixed", { schema: Order }).history()))
      expect(error).toMatchObject({ _tag: "AblyError", code: 40013, statusCode: 400 })
      const undecodable = Option.getOrThrow(Decode.undecodable(error))
      expect(undecodable.wire).toMatchObject({
        id: "raw:0",
        name: "oops",
        data: "{\"id\":\"not a number\"}",
        encoding: "json"
      })
      expect(undecodable.issue).toMatchObject({ _tag: "ParseError" })

      // Encrypted data read by a typed channel without the key: the payload issue is the cause.
      yield* rest.channels.get("mixed2", { cipher: { key: key128 } }).publish("x", { id: 1 })
      const locked = yield* Effect.flip(collect(rest.channels.get("mixed2", { schema: Order }).history()))
      const cause = Option.getOrThrow(Decode.undecodable(locked))
      expect(cause.wire.encoding).toBe(
        useBinaryProtocol ? "json/utf-8/cipher+aes-128-cbc" : "json/utf-8/cipher+aes-128-cbc/base64"
      )
      expect(cause.issue).toMatchObject({ _tag: "AblyError", code: 40013 })
      expect(locked.message).not.toContain(key128)
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("typed channels at compile time", () => {
  it.effect("publish accepts only the Schema type; Schemas must encode to Ably data", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest()
      const orders = rest.channels.get("types", { schema: Order })
      const check = () => {
        // @ts-expect-error - a plain object is not an Order
        void orders.publish("placed", { id: 1 })
        // @ts-expect-error - data is required on a typed channel
        void orders.publish("placed")
        // @ts-expect-error - messages carry Orders too
        void orders.publish([{ name: "placed", data: "text" }])
        // @ts-expect-error - a number cannot travel as Ably data (RSL4a)
        void rest.channel("numbers", { schema: Schema.Number })
        // Untyped channels keep taking anything, data optional.
        void rest.channel("any").publish("n")
        void rest.channel("any").publish("n", { any: "thing" })
      }
      expect(typeof check).toBe("function")
      const read = yield* collect(orders.history())
      const typedData: ReadonlyArray<Order> = read.map((m) => m.data)
      expect(typedData).toEqual([])
    }).pipe(Effect.provide(Emulator.layer)))
})

describe.each(protocols)("presence data (useBinaryProtocol: %s)", (useBinaryProtocol) => {
  const fixtureKey = "WUP6u0K7MXI5Zeo0VppPwg==" // test-app-setup.json's cipher key
  const Example = Schema.Struct({ example: Schema.Struct({ json: Schema.String }) })

  it.effect("RSP5 - the seeded encrypted member decrypts with the channel cipher and decodes to presenceSchema", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({ useBinaryProtocol })
      const members = yield* collect(
        rest.channels.get("persisted:presence_fixtures", { cipher: { key: fixtureKey } }).presence.get({
          clientId: "client_encoded"
        })
      )
      expect(members.map((m) => m.data)).toEqual([{ example: { json: "Object" } }])
      const typed = rest.channels.get("persisted:presence_fixtures", {
        cipher: { key: fixtureKey },
        presenceSchema: Example
      })
      const decoded = yield* collect(typed.presence.get({ clientId: "client_decoded" }))
      const data: ReadonlyArray<typeof Example.Type> = decoded.map((m) => m.data)
      expect(data).toEqual([{ example: { json: "Object" } }])
      // The string member does not fit the Schema: a typed 40013 carrying the raw member.
      const error = yield* Effect.flip(collect(typed.presence.get({ clientId: "client_string" })))
      expect(Option.getOrThrow(Decode.undecodable(error)).wire).toMatchObject({ clientId: "client_string" })
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("Crypto keys", () => {
  it.effect("a generated key works as bytes, base64 and base64url on the same channel", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest()
      const key = yield* Crypto.generateRandomKey()
      yield* rest.channels.get("k", { cipher: { key } }).publish("n", "v")
      for (
        const form of [
          Encoding.encodeBase64(key),
          Encoding.encodeBase64Url(key),
          Either.getOrThrow(Crypto.getDefaultParams({ key }))
        ]
      ) {
        const options = typeof form === "string" ? { cipher: { key: form } } : { cipher: form }
        expect((yield* collect(rest.channels.get("k", options).history())).map((m) => m.data)).toEqual(["v"])
      }
    }).pipe(Effect.provide(Emulator.layer)))
})
