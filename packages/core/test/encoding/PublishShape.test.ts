/**
 * The publish hot path's hand-written parts (issue #11) against what they stand in for: UTF-8
 * sizes counted without encoding equal `TextEncoder`'s, and the publish-result reader gives
 * what the `PublishResult` Schema gives wherever it answers.
 */
import { Message } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import fc from "fast-check"
import * as Codec from "../../src/internal/http/Codec.js"
import * as WireShape from "../../src/internal/message/WireShape.js"
import * as Utf8 from "../../src/internal/Utf8.js"

const runs = 3000
const encoder = new TextEncoder()

// Strings of every kind of UTF-16 unit: ASCII, 2- and 3-byte characters, pairs and lone surrogates.
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0x7ff }),
  fc.integer({ min: 0x800, max: 0xffff }),
  fc.integer({ min: 0xd800, max: 0xdfff })
)
const anyText = fc.oneof(
  fc.array(unit, { maxLength: 40 }).map((units) => String.fromCharCode(...units)),
  fc.string({ unit: "binary" }),
  fc.string()
)

const decodeResult = Schema.decodeUnknownEither(Message.PublishResult)
const serial = fc.oneof({ weight: 10, arbitrary: fc.string() }, fc.constant(null), fc.integer(), fc.boolean())
const resultLike = fc.oneof(
  fc.record({ channel: fc.string(), messageId: fc.string(), serials: fc.array(serial, { maxLength: 4 }) }, {
    requiredKeys: []
  }),
  fc.record({ serials: fc.oneof(fc.string(), fc.constant(null), fc.dictionary(fc.string(), fc.string())) }),
  fc.anything()
)

describe("publish hot path (issue #11)", () => {
  it("TO3l8 - Utf8.byteLength counts exactly the bytes TextEncoder makes, lone surrogates included", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(Utf8.byteLength(text)).toBe(encoder.encode(text).byteLength)
      }),
      { numRuns: runs }
    )
    expect(Utf8.byteLength("\ud83d\ude00\ud800a\udc00")).toBe(4 + 3 + 1 + 3)
    expect(Utf8.byteLength(undefined)).toBe(0)
  })

  it("RSL1n - the publish-result reader equals the Schema wherever it answers, on JSON and MessagePack bodies", () => {
    let read = 0
    fc.assert(
      fc.property(resultLike, fc.constantFrom<Codec.Protocol>("json", "msgpack"), (value, protocol) => {
        const encoded = Codec.encode(protocol, value)
        if (Either.isLeft(encoded)) return
        let body: unknown
        try {
          body = Codec.decode(protocol, encoded.right)
        } catch {
          return
        }
        const fast = WireShape.publishResult(body)
        const schema = decodeResult(body)
        if (fast === undefined) return
        read++
        expect(Either.isRight(schema)).toBe(true)
        expect(fast).toStrictEqual(Either.getOrThrow(schema))
      }),
      { numRuns: runs }
    )
    // Both sides of the reader were exercised.
    expect(read).toBeGreaterThan(runs / 10)
    expect(read).toBeLessThan(runs)
  })

  it("RSL1n - on any value, what the reader accepts the Schema accepts with an equal value", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const fast = WireShape.publishResult(value)
        if (fast !== undefined) expect(fast).toEqual(Either.getOrThrow(decodeResult(value)))
      }),
      { numRuns: runs }
    )
  })
})
