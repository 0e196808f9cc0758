/**
 * `Message.fromEncoded` / `fromEncodedArray` (TM3) for messages from queues and webhooks.
 */
import { ChannelOptions, Crypto } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Publish from "../../src/internal/message/Publish.js"
import * as Message from "../../src/Message.js"

const codeOf = (error: { readonly code: number; readonly statusCode: number }) => ({
  code: error.code,
  statusCode: error.statusCode
})

const Order = Schema.Struct({ id: Schema.Number })

// A message as an integration delivers it: encoded (and encrypted) for the JSON wire.
const encodedWith = (message: Message.OutboundMessage, options: ChannelOptions.ChannelOptions) =>
  Effect.gen(function*() {
    const codecs = yield* ChannelOptions.codecs(options)
    return (yield* Publish.encodeMessage(message, { protocol: "json", codec: codecs.messages })).wire
  })

describe("Message.fromEncoded (TM3)", () => {
  it.effect("TM3 - decodes and decrypts with the channel cipher; version from serial/timestamp (TM2s)", () =>
    Effect.gen(function*() {
      const key = yield* Crypto.generateRandomKey(128)
      const wire = yield* encodedWith({ name: "secret", data: { a: [1, 2] } }, { cipher: { key } })
      expect(wire.encoding).toBe("json/utf-8/cipher+aes-128-cbc/base64")
      const decoded = yield* Message.fromEncoded({ ...wire, serial: "s1", timestamp: 5, action: 1 }, {
        cipher: { key }
      })
      expect(decoded).toMatchObject({ name: "secret", data: { a: [1, 2] }, action: "message.update" })
      expect(decoded.version).toEqual({ serial: "s1", timestamp: 5 })
      expect(decoded.encoding).toBeUndefined()
      // Without the key the cipher step stays in `encoding` (RSL6b), data as bytes.
      const undecrypted = yield* Message.fromEncoded(wire)
      expect(undecrypted.encoding).toBe("json/utf-8/cipher+aes-128-cbc")
      expect(undecrypted.data).toBeInstanceOf(Uint8Array)
    }))

  it.effect("TM3 - with a Schema the data is typed; data it refuses fails with 40013", () =>
    Effect.gen(function*() {
      const key = yield* Crypto.generateRandomKey()
      const good = yield* encodedWith({ data: { id: 42 } }, { cipher: { key } })
      const bad = yield* encodedWith({ data: { id: "x" } }, { cipher: { key } })
      const order = yield* Message.fromEncoded(good, { cipher: { key }, schema: Order })
      const id: number = order.data.id
      expect(id).toBe(42)
      const refused = yield* Effect.flip(Message.fromEncoded(bad, { cipher: { key }, schema: Order }))
      expect(codeOf(refused)).toEqual({ code: 40013, statusCode: 400 })
      const all = yield* Message.fromEncodedArray([good, good], { cipher: { key }, schema: Order })
      expect(all.map((m) => m.data)).toEqual([{ id: 42 }, { id: 42 }])
    }))

  it.effect("TM3 - keeps annotations.summary and a given version, completing it (TM2s1, TM2s2, TM2u)", () =>
    Effect.gen(function*() {
      const decoded = yield* Message.fromEncoded({
        serial: "s1",
        timestamp: 7,
        version: { clientId: "mod", description: "typo" },
        annotations: { summary: { "reaction:distinct.v1": { "👍": { total: 1, clientIds: ["a"] } } } }
      })
      expect(decoded.version).toEqual({ serial: "s1", timestamp: 7, clientId: "mod", description: "typo" })
      expect(decoded.annotations?.summary["reaction:distinct.v1"]).toEqual({ "👍": { total: 1, clientIds: ["a"] } })
      expect((yield* Message.fromEncoded({ annotations: {} })).annotations).toEqual({ summary: {} })
    }))

  it.effect("TM3 - not a message, not an array, a throwing getter or bad options are typed errors", () =>
    Effect.gen(function*() {
      const trap = Object.defineProperty({}, "name", {
        enumerable: true,
        get: () => {
          throw new Error("boom")
        }
      })
      const failures = [
        yield* Effect.flip(Message.fromEncoded(5)),
        yield* Effect.flip(Message.fromEncoded({ name: 5 })),
        yield* Effect.flip(Message.fromEncodedArray({ name: "a" })),
        yield* Effect.flip(Message.fromEncoded(trap))
      ]
      expect(failures.map(codeOf)).toEqual(Array(4).fill({ code: 40013, statusCode: 400 }))
      const badOptions = yield* Effect.flip(Message.fromEncoded({}, { cipher: { key: 5 } } as never))
      expect(codeOf(badOptions)).toEqual({ code: 40003, statusCode: 400 })
    }))
})
