/**
 * One NDJSON line per value: `JSON.stringify` of the public fields. Binary data (a message's
 * `data` as a `Uint8Array`) is written as base64 with `encoding` `"base64"` (appended to an
 * encoding it still has, as on Ably's wire); other bytes inside that message become base64
 * strings too.
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"

const base64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")

const replacer = (_key: string, value: unknown): unknown => value instanceof Uint8Array ? base64(value) : value

/**
 * The JSON text of a value on one line, with binary data as base64.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { line } from "./Json.js"
 * line({ name: "a", data: new Uint8Array([1, 2]) }) // '{"name":"a","data":"AQI=","encoding":"base64"}'
 */
export const line = (value: unknown): string => {
  if (Predicate.isRecord(value) && value["data"] instanceof Uint8Array) {
    const encoding = value["encoding"]
    return JSON.stringify(
      {
        ...value,
        data: base64(value["data"]),
        encoding: typeof encoding === "string" && encoding !== "" ? `${encoding}/base64` : "base64"
      },
      replacer
    )
  }
  // No replacer on the common path: a replacer makes JSON.stringify several times slower.
  return JSON.stringify(value) ?? "null"
}

/**
 * How `publish` reads data given as text: a JSON object or array as that value, a JSON string
 * as the string, anything else (numbers, `true`, text that is not JSON) as the text itself:
 * Ably's data is a string, a JSON object or array, or bytes.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { jsonOrText } from "./Json.js"
 * jsonOrText('{"id":1}') // { id: 1 }
 * jsonOrText("42") // "42"
 * jsonOrText("hello") // "hello"
 */
export const jsonOrText = (text: string): unknown => {
  const first = text.trimStart()[0]
  if (first !== "{" && first !== "[" && first !== "\"") return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
