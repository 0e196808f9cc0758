/**
 * Properties of the one payload codec: encode → wire → decode is the identity for strings,
 * JSON values and bytes, with and without a cipher, over both protocols; garbage encodings
 * and corrupt ciphertext give typed errors or residual encodings, never defects.
 */
import { Crypto, DataCodec, Errors } from "@effect-ably/core"
import { beforeAll, describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as Cipher from "../../src/internal/crypto/Cipher.js"
import * as Codec from "../../src/internal/http/Codec.js"
import * as Decode from "../../src/internal/message/Decode.js"
import * as Payload from "../../src/internal/message/Payload.js"

// MessagePack is loaded when a client that speaks it is built; these tests call the codec directly.
beforeAll(() => Effect.runPromise(Codec.loadMsgpack))

const ciphers = {
  none: undefined,
  "aes-128": Cipher.make(Either.getOrThrow(Crypto.getDefaultParams({ key: new Uint8Array(16).fill(3) }))),
  "aes-256": Cipher.make(Either.getOrThrow(Crypto.getDefaultParams({ key: new Uint8Array(32).fill(5) })))
} as const

const protocol = FastCheck.constantFrom<Codec.Protocol>("json", "msgpack")
const cipherName = FastCheck.constantFrom<keyof typeof ciphers>("none", "aes-128", "aes-256")

/** A JSON object or array (what Ably carries with `json`), normalised the way JSON sees it. */
const jsonObjectOrArray = FastCheck.oneof(
  FastCheck.array(FastCheck.jsonValue()),
  FastCheck.dictionary(FastCheck.string(), FastCheck.jsonValue())
).map((value) => JSON.parse(JSON.stringify(value)) as unknown)

/** Bytes, derived from a Schema. */
const bytes = Arbitrary.make(Schema.Uint8ArrayFromSelf)

const roundTrip = (data: unknown, protocolName: Codec.Protocol, cipher: Cipher.Cipher | undefined) =>
  Effect.gen(function*() {
    const encoded = yield* Payload.encode(data, { protocol: protocolName, cipher })
    // Through a real body of that protocol, as a server would answer it.
    const wire = Codec.decode(
      protocolName,
      Either.getOrThrow(Codec.encode(protocolName, [{ data: encoded.data, encoding: encoded.encoding }]))
    )
    const [message] = Schema.decodeUnknownSync(
      Schema.Array(Schema.Struct({ data: Schema.Unknown, encoding: Schema.optional(Schema.String) }))
    )(wire)
    return yield* Payload.decode(message!.data, message!.encoding, { cipher })
  })

describe("encode → decode is the identity", () => {
  it.effect.prop(
    "for arbitrary strings",
    [FastCheck.string({ unit: "binary" }), protocol, cipherName],
    ([text, p, c]) =>
      Effect.gen(function*() {
        expect(yield* roundTrip(text, p, ciphers[c])).toEqual({ data: text })
      })
  )

  it.effect.prop(
    "for arbitrary JSON objects and arrays",
    [jsonObjectOrArray, protocol, cipherName],
    ([value, p, c]) =>
      Effect.gen(function*() {
        expect(yield* roundTrip(value, p, ciphers[c])).toEqual({ data: value })
      })
  )

  it.effect.prop("for arbitrary byte arrays", [bytes, protocol, cipherName], ([data, p, c]) =>
    Effect.gen(function*() {
      const result = yield* roundTrip(data, p, ciphers[c])
      expect(result.data).toBeInstanceOf(Uint8Array)
      expect(result).toEqual({ data })
    }))

  it.effect.prop("for typed channels (Schema encode, payload, Schema decode)", {
    value: Arbitrary.make(Schema.Struct({ id: Schema.Int, tags: Schema.Array(Schema.String), at: Schema.Date }))
  }, ({ value }) =>
    Effect.gen(function*() {
      const Order = Schema.Struct({ id: Schema.Int, tags: Schema.Array(Schema.String), at: Schema.Date })
      for (const p of ["json", "msgpack"] as const) {
        const codec = DataCodec.typed(Order, ciphers["aes-128"])
        const payload = yield* codec.toData(value)
        const encoded = yield* Payload.encode(payload, { protocol: p, cipher: codec.cipher })
        const wire = Codec.decode(
          p,
          Either.getOrThrow(Codec.encode(p, { id: "x:0", data: encoded.data, encoding: encoded.encoding }))
        )
        const decoded = yield* Decode.fromWire(
          Schema.decodeUnknownSync(Schema.Struct({ id: Schema.String, data: Schema.Unknown, encoding: Schema.String }))(
            wire
          ),
          codec
        )
        expect(decoded.data).toEqual(value)
      }
    }), { fastCheck: { numRuns: 50 } })
})

const knownSteps = [
  "base64",
  "utf-8",
  "json",
  "cipher+aes-128-cbc",
  "cipher+aes-256-cbc",
  "cipher+des-56-ecb",
  "vcdiff",
  ""
]
const garbageEncoding = FastCheck.array(FastCheck.oneof(FastCheck.constantFrom(...knownSteps), FastCheck.string()), {
  maxLength: 6
})
  .map((steps) => steps.join("/"))
const anyData = FastCheck.oneof(
  FastCheck.string(),
  FastCheck.base64String(),
  bytes,
  FastCheck.jsonValue(),
  FastCheck.constant(undefined)
)

describe("garbage never becomes a defect", () => {
  it.effect.prop("random encodings: the data decoded so far and a residual prefix of the encoding, or a typed error", [
    anyData,
    garbageEncoding,
    cipherName
  ], ([data, encoding, c]) =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Payload.decode(data, encoding, { cipher: ciphers[c] }))
      expect(Exit.isSuccess(exit)).toBe(true)
      if (Exit.isFailure(exit)) return
      const result = exit.value
      if (result.encoding !== undefined) {
        expect(encoding.startsWith(result.encoding)).toBe(true)
        expect(result.issue).toMatchObject({ _tag: "AblyError", code: 40013 })
      } else {
        expect(result.issue).toBeUndefined()
      }
      // On a typed channel the same garbage is a typed failure or a value, never a defect.
      const typed = yield* Effect.exit(
        Decode.fromWire({ id: "g:0", data, encoding }, DataCodec.typed(Schema.String, ciphers[c]))
      )
      if (Exit.isFailure(typed)) {
        expect(typed.cause._tag).toBe("Fail")
        const error = typed.cause._tag === "Fail" ? typed.cause.error : undefined
        expect(Errors.isAblyError(error)).toBe(true)
        expect(error).toMatchObject({ code: 40013 })
        const cause = Decode.undecodable(error!)
        expect(cause._tag === "Some" && cause.value.wire).toEqual({ id: "g:0", data, encoding })
      }
    }))

  it.effect.prop("corrupt ciphertext: a residual cipher encoding with a typed issue, or decoded garbage", [
    FastCheck.oneof(FastCheck.string(), jsonObjectOrArray, bytes),
    protocol,
    FastCheck.constantFrom<"aes-128" | "aes-256">("aes-128", "aes-256"),
    FastCheck.nat(),
    FastCheck.integer({ min: 1, max: 255 }),
    FastCheck.constantFrom("flip", "truncate", "extend")
  ], ([value, p, c, position, mask, damage]) =>
    Effect.gen(function*() {
      const cipher = ciphers[c]
      const encoded = yield* Payload.encode(value, { protocol: "msgpack", cipher })
      expect(encoded.data).toBeInstanceOf(Uint8Array)
      if (!(encoded.data instanceof Uint8Array)) return
      const corrupt = new Uint8Array(encoded.data)
      if (damage === "flip") corrupt[position % corrupt.length]! ^= mask
      const damaged = damage === "truncate"
        ? corrupt.subarray(0, position % corrupt.length)
        : damage === "extend"
        ? new Uint8Array([...corrupt, mask])
        : corrupt
      const wire = Codec.decode(p, Either.getOrThrow(Codec.encode(p, { data: damaged })))
      const data = Schema.decodeUnknownSync(Schema.Struct({ data: Schema.Unknown }))(wire).data
      const exit = yield* Effect.exit(Payload.decode(data, encoded.encoding, { cipher }))
      expect(Exit.isSuccess(exit)).toBe(true)
      if (Exit.isSuccess(exit) && exit.value.issue !== undefined) {
        expect(exit.value.issue.code).toBe(40013)
        expect(encoded.encoding!.startsWith(exit.value.encoding!)).toBe(true)
      }
    }))
})
