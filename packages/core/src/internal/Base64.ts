/**
 * Base64 (RFC 4648 §4) and its URL-safe form without padding (§5), in a few hundred bytes:
 * `effect/Encoding` carries two lookup tables as array literals (2 KiB minified) for the same
 * work. Behaviour equals `Encoding.encodeBase64`, `encodeBase64Url` and `decodeBase64`
 * (property tests in `test/encoding/Base64.test.ts`): decoding strips CR and LF, then accepts
 * exactly groups of four alphabet characters with `=` padding only at the end.
 *
 * @since 0.1.0
 */
import * as Utf8 from "./Utf8.js"

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
const urlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/**
 * The base64 text of bytes, or of a text's UTF-8 bytes.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Base64 from "./Base64.js"
 * Base64.encode("hi") // "aGk="
 */
export const encode = (input: Uint8Array | string): string => {
  const bytes = typeof input === "string" ? Utf8.encode(input) : input
  let text = ""
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i
    const triple = bytes[i]! << 16 | (rest > 1 ? bytes[i + 1]! << 8 : 0) | (rest > 2 ? bytes[i + 2]! : 0)
    text += alphabet[triple >> 18]! + alphabet[triple >> 12 & 63]! +
      (rest > 1 ? alphabet[triple >> 6 & 63]! : "=") + (rest > 2 ? alphabet[triple & 63]! : "=")
  }
  return text
}

/**
 * The URL-safe base64 text of bytes (`-` and `_`, no padding).
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Base64 from "./Base64.js"
 * Base64.encodeUrl(new Uint8Array([251, 255])) // "-_8"
 */
export const encodeUrl = (bytes: Uint8Array): string => {
  // Its own alphabet and no padding, rather than three replaces of `encode`'s text: request
  // and idempotent message ids are drawn with it on the publish path.
  let text = ""
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i
    const triple = bytes[i]! << 16 | (rest > 1 ? bytes[i + 1]! << 8 : 0) | (rest > 2 ? bytes[i + 2]! : 0)
    text += urlAlphabet[triple >> 18]! + urlAlphabet[triple >> 12 & 63]!
    if (rest > 1) text += urlAlphabet[triple >> 6 & 63]!
    if (rest > 2) text += urlAlphabet[triple & 63]!
  }
  return text
}

const wellFormed = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

// A character's 6 bits ('=' is 0); only called on well-formed text.
const sextet = (code: number): number =>
  code > 96 ? code - 71 : code > 64 ? code - 65 : code > 47 ? code + 4 : code === 43 ? 62 : code === 47 ? 63 : 0

/**
 * The bytes of a base64 text (CR and LF ignored), or `undefined` when it is not base64.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as Base64 from "./Base64.js"
 * Base64.decode("aGk=") // Uint8Array [104, 105]
 */
export const decode = (input: string): Uint8Array<ArrayBuffer> | undefined => {
  const text = input.replace(/[\n\r]/g, "")
  if (!wellFormed.test(text)) return undefined
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0
  const bytes = new Uint8Array(text.length / 4 * 3 - padding)
  for (let i = 0, j = 0; i < text.length; i += 4, j += 3) {
    const quad = sextet(text.charCodeAt(i)) << 18 | sextet(text.charCodeAt(i + 1)) << 12 |
      sextet(text.charCodeAt(i + 2)) << 6 | sextet(text.charCodeAt(i + 3))
    // Writes past the end (the padding's bytes) are ignored by a typed array.
    bytes[j] = quad >> 16
    bytes[j + 1] = quad >> 8 & 255
    bytes[j + 2] = quad & 255
  }
  return bytes
}
