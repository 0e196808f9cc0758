/**
 * UTF-8 text ⇄ bytes, shared by the codecs, payload encodings, signing and sizes. One encoder
 * and one (lenient) decoder per process; strict decoding lives where a step must reject bad
 * bytes (`Payload`'s `utf-8` step).
 *
 * @since 0.1.0
 */
const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder()

/**
 * The UTF-8 bytes of a text (a lone surrogate becomes U+FFFD, as `TextEncoder` does).
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Utf8 from "./Utf8.js"
 * Utf8.encode("hé") // Uint8Array [104, 195, 169]
 */
export const encode = (text: string): Uint8Array<ArrayBuffer> => textEncoder.encode(text)

/**
 * The text of UTF-8 bytes (invalid sequences become U+FFFD).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as Utf8 from "./Utf8.js"
 * Utf8.decode(new Uint8Array([104, 105])) // "hi"
 */
export const decode = (bytes: Uint8Array): string => textDecoder.decode(bytes)

/**
 * The number of UTF-8 bytes of a text; `undefined` counts 0 (message sizes, RSL1i).
 *
 * @since 0.1.0
 * @category sizes
 * @example
 * import * as Utf8 from "./Utf8.js"
 * Utf8.byteLength("hé") // 3
 */
export const byteLength = (text: string | undefined): number => {
  if (text === undefined) return 0
  // Counted from the UTF-16 code units, without encoding: 1 byte below U+0080, 2 below U+0800,
  // 4 for a surrogate pair, 3 for the rest (a lone surrogate is U+FFFD, 3 bytes, as encoded).
  const length = text.length
  let bytes = length
  for (let index = 0; index < length; index++) {
    const unit = text.charCodeAt(index)
    if (unit < 0x80) continue
    if (unit < 0x800) {
      bytes += 1
    } else if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < length) {
      const next = text.charCodeAt(index + 1)
      bytes += 2
      if (next >= 0xdc00 && next <= 0xdfff) index++
    } else {
      bytes += 2
    }
  }
  return bytes
}
