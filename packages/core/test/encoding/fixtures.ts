/** The vendored ably-common fixtures, decoded with Schemas (no unchecked casts). */
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"

const read = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../../fixtures/ably-common/${file}`, import.meta.url), "utf8"))

export const bytesOfBase64 = (text: string): Uint8Array => Either.getOrThrow(Encoding.decodeBase64(text))
export const bytesOfHex = (hex: string): Uint8Array => Either.getOrThrow(Encoding.decodeHex(hex))

const EncodingCase = Schema.Struct({
  data: Schema.String,
  encoding: Schema.NullOr(Schema.String),
  action: Schema.optional(Schema.Number),
  expectedType: Schema.Literal("string", "jsonObject", "jsonArray", "binary"),
  expectedValue: Schema.optional(Schema.Unknown),
  expectedHexValue: Schema.optional(Schema.String)
})
export type EncodingCase = typeof EncodingCase.Type

const EncodingFile = Schema.Struct({ messages: Schema.Array(EncodingCase) })

/** `messages-encoding.json` and `presence-messages-encoding.json`. */
export const encodingCases = (file: "messages-encoding.json" | "presence-messages-encoding.json") =>
  Schema.decodeUnknownSync(EncodingFile)(read(file)).messages

/** What a case decodes to: a string, a JSON value or bytes. */
export const expectedOf = (c: EncodingCase): unknown =>
  c.expectedType === "binary" ? bytesOfHex(c.expectedHexValue!) : c.expectedValue

const CryptoMessage = Schema.Struct({
  name: Schema.String,
  data: Schema.String,
  encoding: Schema.optional(Schema.String)
})

const CryptoFile = Schema.Struct({
  algorithm: Schema.String,
  mode: Schema.String,
  keylength: Schema.Literal(128, 256),
  key: Schema.String,
  iv: Schema.String,
  items: Schema.Array(Schema.Struct({ encoded: CryptoMessage, encrypted: CryptoMessage, msgpack: Schema.String }))
})
export type CryptoFile = typeof CryptoFile.Type

/** `crypto-data-128.json` / `crypto-data-256.json`. */
export const cryptoData = (keyLength: 128 | 256): CryptoFile =>
  Schema.decodeUnknownSync(CryptoFile)(read(`crypto-data-${keyLength}.json`))

const MsgpackCase = Schema.Struct({
  name: Schema.String,
  data: Schema.Unknown,
  encoding: Schema.String,
  numRepeat: Schema.Number,
  type: Schema.Literal("string", "binary", "jsonObject", "jsonArray"),
  msgpack: Schema.String
})
export type MsgpackCase = typeof MsgpackCase.Type

/** `msgpack_test_fixtures.json`. */
export const msgpackCases = (): ReadonlyArray<MsgpackCase> =>
  Schema.decodeUnknownSync(Schema.Array(MsgpackCase))(read("msgpack_test_fixtures.json"))

/** The value a msgpack case stands for. */
export const msgpackExpected = (c: MsgpackCase): unknown => {
  if (c.type === "string") return String(c.data).repeat(c.numRepeat)
  if (c.type === "binary") return new TextEncoder().encode(String(c.data).repeat(c.numRepeat))
  return c.data
}
