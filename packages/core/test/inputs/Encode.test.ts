import { Limits } from "@effect-ably/core"
import { beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Codec from "../../src/internal/http/Codec.js"
import * as Input from "../../src/internal/Input.js"
import * as Payload from "../../src/internal/message/Payload.js"
import * as Publish from "../../src/internal/message/Publish.js"
import { circular, nested, throwingGetter, throwingToJSON } from "./values.js"

// MessagePack is loaded when a client that speaks it is built; these tests call the codec directly.
beforeAll(() => Effect.runPromise(Codec.loadMsgpack))

const codeOf = <A>(result: Either.Either<A, { readonly code: number }>) =>
  Either.isLeft(result) ? result.left.code : "ok"

describe("encoding never throws (issue 9 point 3, design §8)", () => {
  for (const protocol of ["json", "msgpack"] as const) {
    it(`Codec.encode (${protocol}): cycles, BigInt, throwing toJSON/getters and deep values are 40013`, () => {
      expect(codeOf(Codec.encode(protocol, circular()))).toBe(40013)
      expect(codeOf(Codec.encode(protocol, { n: 1n }))).toBe(40013)
      expect(codeOf(Codec.encode(protocol, throwingGetter()))).toBe(40013)
      expect(codeOf(Codec.encode(protocol, nested(100_000)))).toBe(40013)
      expect(codeOf(Codec.encode(protocol, nested(Limits.maxDepth)))).toBe("ok")
      expect(codeOf(Codec.encode(protocol, [{ name: "n", data: "d" }]))).toBe("ok")
    })
  }

  it("Codec.encode: a throwing toJSON is 40013 in JSON; the cause names the failure, never the value", () => {
    const result = Codec.encode("json", { secret: "s3cr3t", t: throwingToJSON() })
    expect(codeOf(result)).toBe(40013)
    const error = Either.getLeft(result).pipe((option) => option._tag === "Some" ? option.value : undefined)
    expect(JSON.stringify(error)).not.toContain("s3cr3t")
    expect(JSON.stringify(error?.cause)).toContain("toJSON refuses")
  })

  it("Codec.stringify answers undefined for values JSON drops", () => {
    expect(Codec.stringify(() => 1, "x")).toEqual(Either.right(undefined))
    expect(Codec.stringify({ a: Number.NaN }, "x")).toEqual(Either.right("{\"a\":null}"))
    expect(codeOf(Codec.stringify(circular(), "x"))).toBe(40013)
  })

  it("Input.jsonDepthWithin: exactly at the limit passes, one past fails; brackets in strings do not count", () => {
    const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth)
    expect(Input.jsonDepthWithin(deep(Limits.maxDepth))).toBe(true)
    expect(Input.jsonDepthWithin(deep(Limits.maxDepth + 1))).toBe(false)
    expect(Input.jsonDepthWithin(JSON.stringify({ text: "[".repeat(1000) + "\\\"[[[" }))).toBe(true)
    expect(Input.jsonDepthWithin(JSON.stringify(nested(Limits.maxDepth)))).toBe(true)
    expect(Input.jsonDepthWithin(JSON.stringify(nested(Limits.maxDepth + 1)))).toBe(false)
  })

  it("Input.describe names the type, never the value, and never throws", () => {
    const revoked = Proxy.revocable({}, {})
    revoked.revoke()
    expect([Input.describe("secret"), Input.describe([]), Input.describe(new Map()), Input.describe(revoked.proxy)])
      .toEqual([
        "a string",
        "an array",
        "a Map",
        "an unreadable object"
      ])
  })

  it("TO3l8 - Publish.messageSize fails with 40013 on extras that cannot be serialised", () => {
    expect(Publish.messageSize({ name: "n", extras: { a: 1 } }, 2)).toEqual(Either.right(10))
    expect(codeOf(Publish.messageSize({ extras: circular() }, 0))).toBe(40013)
    expect(codeOf(Publish.messageSize({ extras: { n: 1n } }, 0))).toBe(40013)
    expect(codeOf(Publish.messageSize({ extras: { a: nested(Limits.maxDepth) } }, 0))).toBe(40013)
  })

  it.effect("RSL4a - Payload.encode: unserialisable JSON data is 40013; other byte views travel as bytes", () =>
    Effect.gen(function*() {
      for (const data of [circular(), { n: 1n }, throwingToJSON(), throwingGetter(), nested(Limits.maxDepth + 1)]) {
        expect((yield* Effect.flip(Payload.encode(data, { protocol: "json" }))).code).toBe(40013)
      }
      expect(yield* Payload.encode(new Int16Array([1]), { protocol: "json" })).toEqual({
        data: "AQA=",
        encoding: "base64",
        size: 2
      })
    }))
})
