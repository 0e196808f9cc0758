/**
 * The `by=id` page decoder reads names by hand (`ChannelList.readName`) and falls back to the
 * `ChannelId` Schema for anything else (design rule: a hand-written fast path equals the
 * Schema). On arbitrary arrays of names, `{channelId}` objects and junk, and on non-arrays, the
 * fast path and `Schema.Array(ChannelId)` accept and refuse the same inputs and give equal values.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import fc from "fast-check"
import * as ChannelList from "../../src/internal/enumeration/ChannelList.js"
import * as ArrayBody from "../../src/internal/http/ArrayBody.js"

const fast = ArrayBody.arrayDecoder(ChannelList.ChannelId, "channel list", ChannelList.readName)
const bySchema = Schema.decodeUnknownEither(Schema.Array(ChannelList.ChannelId))

const item = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.record({ channelId: fc.string({ maxLength: 8 }) }) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.constant(null),
      fc.record({ channelId: fc.integer() }),
      fc.record({ name: fc.string() }),
      fc.array(fc.string(), { maxLength: 2 })
    )
  }
)
const body = fc.oneof(
  { weight: 8, arbitrary: fc.array(item, { maxLength: 30 }) },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.record({ a: fc.string() })) }
)

describe("channel names decoding", () => {
  it("CHAN-ENUM RSF1 - the hand-written reader accepts, refuses and reads as the Schema does", () => {
    fc.assert(
      fc.property(body, (value) => {
        const read = Effect.runSync(Effect.either(fast(value)))
        const expected = bySchema(value)
        expect(Either.isRight(read)).toBe(Either.isRight(expected))
        if (Either.isRight(read) && Either.isRight(expected)) expect(read.right).toEqual(expected.right)
        if (Either.isLeft(read)) expect(read.left.code).toBe(50000)
      }),
      { numRuns: 2000 }
    )
  })

  it("CHAN-ENUM - a page of names only is its own list (no copy)", () => {
    const names = ["a", "b", "room:1"]
    expect(Effect.runSync(fast(names))).toBe(names)
  })
})
