/**
 * The small base64 codec of the load path equals `effect/Encoding`'s (which it replaces): the
 * same text for any bytes or string, the same bytes for any text it accepts, and it rejects
 * exactly the texts `Encoding.decodeBase64` rejects.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as FastCheck from "effect/FastCheck"
import * as Base64 from "../../src/internal/Base64.js"
import * as Base64Url from "../../src/internal/Base64Url.js"

const runs = { numRuns: 2000 }

// Mostly base64-like texts (so that many are valid), with padding, CR/LF and stray characters.
const base64ish = FastCheck.oneof(
  FastCheck.uint8Array({ maxLength: 40 }).map((bytes) => Encoding.encodeBase64(bytes)),
  FastCheck.array(FastCheck.constantFrom(..."ABCXYZabxyz0189+/=\r\n -_.é"), { maxLength: 24 }).map((chars) =>
    chars.join("")
  ),
  FastCheck.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => {
    const text = Encoding.encodeBase64(bytes)
    const at = bytes[0]! % text.length
    return text.slice(0, at) + "\r\n=".slice(bytes.length % 3) + text.slice(at)
  }),
  FastCheck.string({ maxLength: 24 })
)

describe("Base64", () => {
  it("encodes bytes as Encoding.encodeBase64 does", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(Base64.encode(bytes)).toBe(Encoding.encodeBase64(bytes))
      }),
      runs
    )
  })

  it("encodes a text's UTF-8 bytes as Encoding.encodeBase64 does", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.string({ unit: "binary", maxLength: 40 }), (text) => {
        expect(Base64.encode(text)).toBe(Encoding.encodeBase64(text))
      }),
      runs
    )
  })

  it("encodes URL-safe as Encoding.encodeBase64Url does", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(Base64.encodeUrl(bytes)).toBe(Encoding.encodeBase64Url(bytes))
      }),
      runs
    )
  })

  it("decodes, and rejects, exactly as Encoding.decodeBase64 does", () => {
    FastCheck.assert(
      FastCheck.property(base64ish, (text) => {
        const expected = Encoding.decodeBase64(text)
        const actual = Base64.decode(text)
        if (Either.isLeft(expected)) expect(actual).toBeUndefined()
        else expect(actual).toEqual(expected.right)
      }),
      runs
    )
  })

  it("decodes, and rejects, URL-safe text exactly as Encoding.decodeBase64Url does", () => {
    const urlish = FastCheck.oneof(
      FastCheck.uint8Array({ maxLength: 40 }).map((bytes) => Encoding.encodeBase64Url(bytes)),
      base64ish
    )
    FastCheck.assert(
      FastCheck.property(urlish, (text) => {
        const expected = Encoding.decodeBase64Url(text)
        const actual = Base64Url.decodeUrl(text)
        if (Either.isLeft(expected)) expect(actual).toBeUndefined()
        else expect(actual).toEqual(expected.right)
      }),
      runs
    )
  })

  it("round-trips any bytes", () => {
    FastCheck.assert(
      FastCheck.property(FastCheck.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(Base64.decode(Base64.encode(bytes))).toEqual(bytes)
      }),
      runs
    )
  })

  it("rejects misplaced padding, a bad length and characters outside the alphabet", () => {
    for (const text of ["A", "AB", "ABC", "A===", "AB=C", "=AAA", "AB-_", "AB C", "ABCD=", "AAAA===="]) {
      expect(Base64.decode(text)).toBeUndefined()
      expect(Either.isLeft(Encoding.decodeBase64(text))).toBe(true)
    }
    expect(Base64.decode("aGk=\r\n")).toEqual(new Uint8Array([104, 105]))
    expect(Base64.decode("")).toEqual(new Uint8Array(0))
  })
})
