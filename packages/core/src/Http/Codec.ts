/**
 * The two wire formats, JSON and MessagePack: body encoding and response decoding by Content-Type.
 *
 * @since 0.1.0
 */
import { Decoder, Encoder } from "@msgpack/msgpack"

/**
 * The wire protocol used for bodies.
 *
 * @since 0.1.0
 * @category models
 */
export type Protocol = "json" | "msgpack"

/**
 * MIME types for each protocol.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { Codec } from "@effect-ably/core"
 * Codec.contentTypes.msgpack // "application/x-msgpack"
 */
export const contentTypes = {
  json: "application/json",
  msgpack: "application/x-msgpack"
} as const

// Built once: creating msgpack codecs per request is measurable on the hot path.
const encoder = new Encoder({ ignoreUndefined: true })
const decoder = new Decoder()
const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder()

/**
 * Encodes a body value; `undefined` fields are dropped in both formats.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { Codec } from "@effect-ably/core"
 * Codec.encode("json", [{ name: "greeting", data: "hi" }])
 */
export const encode = (protocol: Protocol, value: unknown): Uint8Array =>
  protocol === "msgpack" ? encoder.encode(value) : textEncoder.encode(JSON.stringify(value))

/**
 * Which protocol a Content-Type header names, if any.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Codec } from "@effect-ably/core"
 * Codec.protocolOf("application/json; charset=utf-8") // "json"
 */
export const protocolOf = (contentType: string | undefined): Protocol | undefined => {
  if (contentType === undefined) return undefined
  const mime = contentType.split(";", 1)[0]!.trim().toLowerCase()
  if (mime === contentTypes.json) return "json"
  if (mime === contentTypes.msgpack) return "msgpack"
  return undefined
}

/**
 * Decodes a body in the given protocol. Throws on malformed input: callers wrap it in
 * `Effect.try` and turn the failure into a typed error.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Codec } from "@effect-ably/core"
 * Codec.decode("json", new TextEncoder().encode("[1]")) // [1]
 */
export const decode = (protocol: Protocol, bytes: Uint8Array): unknown =>
  protocol === "msgpack" ? decoder.decode(bytes) : JSON.parse(textDecoder.decode(bytes))

/**
 * UTF-8 helpers shared by the codec and payload encodings.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { Codec } from "@effect-ably/core"
 * Codec.utf8Decode(Codec.utf8Encode("héllo")) // "héllo"
 */
export const utf8Encode = (text: string): Uint8Array<ArrayBuffer> => textEncoder.encode(text)

/**
 * @since 0.1.0
 * @category encoding
 * @example
 * import { Codec } from "@effect-ably/core"
 * Codec.utf8Decode(new Uint8Array([104, 105])) // "hi"
 */
export const utf8Decode = (bytes: Uint8Array): string => textDecoder.decode(bytes)
