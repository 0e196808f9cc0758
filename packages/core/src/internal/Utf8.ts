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
export const byteLength = (text: string | undefined): number =>
  text === undefined ? 0 : textEncoder.encode(text).byteLength
