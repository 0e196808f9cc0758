/**
 * The hand-written readers of the common wire shapes (issue #11) against the Schemas they stand
 * in for: on JSON and MessagePack bodies, and on arbitrary values, whatever a reader accepts
 * the Schema accepts with an equal value; whole bodies are accepted and refused alike, with the
 * same errors; and the messages finished in place equal the ones the copying path made.
 */
import { DataCodec, Message, PresenceMessage } from "@effect-ably/core"
import * as Headers from "@effect/platform/Headers"
import { beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import fc from "fast-check"
import { unexpectedResponse } from "../../src/Errors.js"
import type { AblyResponse } from "../../src/internal/http/AblyRequest.js"
import * as ArrayBody from "../../src/internal/http/ArrayBody.js"
import * as Codec from "../../src/internal/http/Codec.js"
import * as Decode from "../../src/internal/message/Decode.js"
import * as WireShape from "../../src/internal/message/WireShape.js"
import * as PresenceDecode from "../../src/internal/presence/PresenceDecode.js"
import * as PresenceShape from "../../src/internal/presence/PresenceShape.js"

// MessagePack is loaded when a client that speaks it is built; these tests call the codec directly.
beforeAll(() => Effect.runPromise(Codec.loadMsgpack))

const runs = 2000

// Any value a field might hold: mostly plausible, sometimes not.
const oddValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 })
)
const textField = fc.oneof({ weight: 30, arbitrary: fc.string() }, { weight: 1, arbitrary: oddValue })
const numberField = fc.oneof(
  { weight: 30, arbitrary: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double()) },
  { weight: 1, arbitrary: oddValue }
)
const extrasField = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constant({ ["__proto__"]: { a: 1 } }) },
  { weight: 1, arbitrary: oddValue }
)
const versionField = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      serial: textField,
      timestamp: numberField,
      clientId: textField,
      description: textField,
      metadata: fc.oneof(fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }), oddValue),
      other: oddValue
    }, { requiredKeys: [] })
  },
  { weight: 1, arbitrary: oddValue }
)
// TM2u: a summary by annotation type, sometimes missing, odd or with extra fields.
const annotationsField = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      summary: fc.oneof(
        { weight: 6, arbitrary: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }) },
        { weight: 1, arbitrary: fc.constant({ ["__proto__"]: { total: 1 } }) },
        { weight: 1, arbitrary: oddValue }
      ),
      other: oddValue
    }, { requiredKeys: [] })
  },
  { weight: 1, arbitrary: oddValue }
)

const messageLike = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      id: textField,
      clientId: textField,
      connectionId: textField,
      connectionKey: textField,
      name: textField,
      data: fc.oneof(fc.string(), fc.jsonValue()),
      encoding: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("", "json", "base64") }, {
        weight: 1,
        arbitrary: oddValue
      }),
      extras: extrasField,
      timestamp: numberField,
      serial: textField,
      action: numberField,
      version: versionField,
      annotations: annotationsField,
      unknownField: oddValue
    }, { requiredKeys: [] })
  },
  { weight: 1, arbitrary: oddValue }
)

const presenceLike = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      id: textField,
      action: numberField,
      clientId: textField,
      connectionId: textField,
      data: fc.oneof(fc.string(), fc.jsonValue()),
      encoding: fc.oneof({ weight: 4, arbitrary: fc.constant("json") }, { weight: 1, arbitrary: oddValue }),
      extras: extrasField,
      timestamp: numberField,
      unknownField: oddValue
    }, { requiredKeys: [] })
  },
  { weight: 1, arbitrary: oddValue }
)

type Protocol = "json" | "msgpack"

const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? "null")

// The value as a body of that protocol parses back: the readers' domain. MessagePack refuses
// a `__proto__` key (the body would be an unreadable answer): such a value goes as JSON.
const viaWire = (value: unknown, protocol: Protocol): unknown => {
  if (protocol === "json") return viaJson(value)
  try {
    return Codec.decode("msgpack", Either.getOrThrow(Codec.encode("msgpack", value)))
  } catch {
    return viaJson(value)
  }
}

const protocolArb = fc.constantFrom<Protocol>("json", "msgpack")

const responseOf = (body: unknown): AblyResponse => ({
  request: { method: "GET", path: "/channels/c/messages" },
  status: 200,
  headers: Headers.empty,
  body,
  requestId: "req-1"
})

// What each path answers, comparable: the value, or the error's code and message.
const outcome = <A>(effect: Effect.Effect<A, { readonly code: number; readonly message: string }>) => {
  const exit = Effect.runSyncExit(effect)
  return Exit.isSuccess(exit)
    ? { ok: exit.value }
    : { failed: true }
}

const failureOf = <A>(effect: Effect.Effect<A, { readonly code: number; readonly message: string }>) =>
  Effect.runSync(
    Effect.match(effect, { onFailure: (e) => ({ code: e.code, message: e.message }), onSuccess: () => undefined })
  )

const decodeMessage = Schema.decodeUnknownEither(Message.WireMessage)
const decodePresence = Schema.decodeUnknownEither(PresenceMessage.WirePresenceMessage)

describe("hand-written wire readers vs their Schemas (issue #11)", () => {
  it("TM2 - on JSON and MessagePack bodies a read message equals the Schema's, which accepts it", () => {
    let read = 0
    fc.assert(
      fc.property(messageLike, protocolArb, (value, protocol) => {
        const fast = WireShape.message(viaWire(value, protocol))
        const schema = decodeMessage(viaWire(value, protocol))
        if (fast === undefined) return
        read++
        expect(Either.isRight(schema)).toBe(true)
        expect(fast).toStrictEqual(Either.getOrThrow(schema))
      }),
      { numRuns: runs }
    )
    // Both sides of the reader were exercised.
    expect(read).toBeGreaterThan(runs / 20)
    expect(read).toBeLessThan(runs)
  })

  it("TP3 - on JSON and MessagePack bodies a read presence message equals the Schema's", () => {
    let read = 0
    fc.assert(
      fc.property(presenceLike, protocolArb, (value, protocol) => {
        const fast = PresenceShape.presence(viaWire(value, protocol))
        const schema = decodePresence(viaWire(value, protocol))
        if (fast === undefined) return
        read++
        expect(Either.isRight(schema)).toBe(true)
        expect(fast).toStrictEqual(Either.getOrThrow(schema))
      }),
      { numRuns: runs }
    )
    expect(read).toBeGreaterThan(runs / 20)
  })

  it("on any value at all, what a reader accepts the Schema accepts, with an equal value", () => {
    fc.assert(
      fc.property(fc.oneof(messageLike, fc.anything()), (value) => {
        const fast = WireShape.message(value)
        if (fast !== undefined) expect(fast).toEqual(Either.getOrThrow(decodeMessage(value)))
        const member = PresenceShape.presence(value)
        if (member !== undefined) expect(member).toEqual(Either.getOrThrow(decodePresence(value)))
      }),
      { numRuns: runs }
    )
  })

  it("whole bodies: the decoder with the reader accepts and refuses exactly what the Schema does, same errors", () => {
    const withReader = ArrayBody.decoder(Message.WireMessage, "message list", WireShape.message)
    const schemaOnly = Schema.decodeUnknownEither(Schema.Array(Message.WireMessage))
    fc.assert(
      fc.property(fc.oneof(fc.array(messageLike, { maxLength: 6 }), oddValue), protocolArb, (value, protocol) => {
        const expected = Either.match(schemaOnly(viaWire(value, protocol)), {
          onLeft: (cause) => ({ failed: unexpectedResponse("message list", cause, "req-1").message }),
          onRight: (wires) => ({ ok: wires })
        })
        const got = Effect.runSync(Effect.match(withReader(responseOf(viaWire(value, protocol))), {
          onFailure: (error) => ({ failed: error.message }),
          onSuccess: (wires) => ({ ok: wires })
        }))
        expect(got).toStrictEqual(expected)
      }),
      { numRuns: runs }
    )
  })

  it("RSL6 - history messages finished in place equal those of the copying path (version from serial, TM2s, TM2s1, TM2s2; TM2u)", () => {
    const schemaOnly = Schema.decodeUnknownEither(Schema.Array(Message.WireMessage))
    // The path before the readers: Schema decode, then `{ ...rest, data }`, then the version.
    const reference = (body: unknown) =>
      Either.map(schemaOnly(body), (wires) =>
        wires.map((wire) => {
          const { data, encoding: _encoding, ...rest } = wire
          // TM2u: no annotations is an empty summary.
          const decoded = { ...rest, data, annotations: wire.annotations ?? { summary: {} } }
          // TM2s: made from serial/timestamp when absent; TM2s1/TM2s2: completed from them.
          const given = wire.version
          const version = given === undefined
            ? (wire.serial === undefined && wire.timestamp === undefined
              ? undefined
              : { serial: wire.serial, timestamp: wire.timestamp })
            : {
              ...given,
              ...(given.serial ?? wire.serial) === undefined ? {} : { serial: given.serial ?? wire.serial },
              ...(given.timestamp ?? wire.timestamp) === undefined
                ? {}
                : { timestamp: given.timestamp ?? wire.timestamp }
            }
          return version === undefined ? decoded : { ...decoded, version }
        }))
    const plainOnly = fc.array(messageLike, { maxLength: 6 }).map((messages) =>
      messages.map((message) =>
        typeof message === "object" && message !== null && !Array.isArray(message)
          ? (({ encoding: _encoding, ...rest }) => rest)(message)
          : message
      )
    )
    fc.assert(
      fc.property(plainOnly, protocolArb, (value, protocol) => {
        const body = viaWire(value, protocol)
        const expected = reference(viaWire(value, protocol))
        const got = failureOf(Decode.messagesFromResponse(responseOf(body), DataCodec.untyped()))
        if (Either.isLeft(expected)) {
          expect(got?.code).toBe(50000)
          return
        }
        expect(got).toBeUndefined()
        expect(outcome(Decode.messagesFromResponse(responseOf(viaWire(value, protocol)), DataCodec.untyped())))
          .toStrictEqual({ ok: expected.right })
      }),
      { numRuns: runs }
    )
  })

  it("RSL6 - a page that is not all plain messages decodes each message as it would alone", () => {
    // Read by hand up to an item it cannot take (an encoded payload, a version with metadata,
    // an action that is not a number), then the whole page again on the general path.
    const plainWire = (index: number) => ({
      id: `m:${index}`,
      name: "n",
      data: `d${index}`,
      serial: `s${index}`,
      action: 0
    })
    const odd = [
      { id: "e:0", data: "aGk=", encoding: "base64", timestamp: 5 },
      { id: "e:1", data: "{\"a\":1}", encoding: "json", version: { serial: "v", metadata: { k: "v" } } },
      { id: "e:2", data: "x", encoding: "" }
    ]
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.constantFrom(...odd), protocolArb, (at, item, protocol) => {
        const page: Array<object> = [plainWire(0), plainWire(1), plainWire(2), plainWire(3)]
        page.splice(at, 0, item)
        const whole = Effect.runSync(
          Decode.messagesFromResponse(responseOf(viaWire(page, protocol)), DataCodec.untyped())
        )
        const alone = page.map((wire) =>
          Effect.runSync(Decode.messagesFromResponse(responseOf(viaWire([wire], protocol)), DataCodec.untyped()))[0]
        )
        expect(whole).toStrictEqual(alone)
        // The encoded payloads were decoded, not passed through.
        const decoded = whole[at]!
        if (item.encoding === "base64") expect(decoded.data).toStrictEqual(new Uint8Array([104, 105]))
        if (item.encoding === "json") expect(decoded.data).toStrictEqual({ a: 1 })
        expect(decoded.encoding).toBeUndefined()
      }),
      { numRuns: 60 }
    )
  })

  it("RSP5 - presence members finished in place equal those of the copying path", () => {
    fc.assert(
      fc.property(fc.array(presenceLike, { maxLength: 6 }), protocolArb, (value, protocol) => {
        const viaReader = outcome(PresenceDecode.fromWireArray(viaWire(value, protocol)))
        const viaSchema = outcome(PresenceDecode.fromEncodedArray(viaWire(value, protocol)))
        if ("ok" in viaSchema) expect(viaReader).toStrictEqual(viaSchema)
        else expect("failed" in viaReader).toBe(true)
      }),
      { numRuns: runs }
    )
  })
})
