/**
 * Payload encoding (RSL4, RSL5): string, JSON and binary data, optionally encrypted, into the
 * `data` + `encoding` that travel in JSON or MessagePack, and back (RSL6): one codec for
 * messages, presence messages and everything else that carries a payload.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import { type AblyError, ablyError } from "../../Errors.js"
import * as Limits from "../../Limits.js"
import * as Base64 from "../Base64.js"
import type * as Cipher from "../crypto/Cipher.js"
import * as Codec from "../http/Codec.js"
import * as Input from "../Input.js"
import * as Utf8 from "../Utf8.js"
import { appendStep } from "./MessageRules.js"

/**
 * A payload ready for the wire, with the size that counts against `maxMessageSize`.
 *
 * @since 0.1.0
 * @category models
 */
export interface EncodedPayload {
  readonly data?: unknown
  readonly encoding?: string
  /**
   * Bytes of the data as measured by TO3l8: UTF-8 bytes of a string or of JSON text, raw bytes
   * of binary data (never its base64 form); under a cipher, the encrypted bytes (IV included).
   */
  readonly size: number
}

/**
 * How to encode: the wire protocol, the channel cipher when there is one, and an `encoding` the caller
 * says the data already carries (kept in front, RSL1j).
 *
 * @since 0.1.0
 * @category models
 */
export interface EncodeOptions {
  readonly protocol: Codec.Protocol
  readonly cipher?: Cipher.Cipher | undefined
  readonly encoding?: string | undefined
}

/**
 * `true` for the JSON values Ably carries with a `json` step: arrays and objects that
 * `Object.prototype.toString` calls `[object Object]` (plain objects, class instances), as
 * ably-js checks. Dates, Maps, boxed primitives and functions are not.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import * as Payload from "./Payload.js"
 * Payload.isJsonObjectOrArray({ a: 1 }) // true
 * Payload.isJsonObjectOrArray(new Date()) // false
 */
export const isJsonObjectOrArray = (data: unknown): data is object => Array.isArray(data) || Input.isRecord(data)

type Classified =
  | { readonly kind: "text"; readonly text: string; readonly encoding: string | undefined }
  | { readonly kind: "binary"; readonly bytes: Uint8Array; readonly encoding: string | undefined }

const unsupported = (data: unknown) =>
  ablyError(
    40013,
    400,
    `Unsupported payload type (${
      Input.describe(data)
    }): use a string, a JSON object or array, or bytes (Uint8Array, ArrayBuffer)`
  )

// JSON objects and arrays become their text. The text must exist (a `toJSON` may answer
// nothing) and stay within `Limits.maxDepth`, so that every reader can decode it again.
const jsonText = (data: object, encoding: string | undefined): Either.Either<Classified, AblyError> =>
  Either.flatMap(Codec.stringify(data, "message data"), (text) =>
    text === undefined
      ? Either.left(unsupported(undefined))
      : Input.jsonDepthWithin(text)
      ? Either.right({ kind: "text", text, encoding: appendStep(encoding, "json") })
      : Either.left(Input.tooDeep("message data")))

const classify = (data: unknown, encoding: string | undefined): Either.Either<Classified, AblyError> => {
  if (Predicate.isString(data)) return Either.right({ kind: "text", text: data, encoding })
  if (data instanceof Uint8Array) return Either.right({ kind: "binary", bytes: data, encoding })
  if (data instanceof ArrayBuffer) return Either.right({ kind: "binary", bytes: new Uint8Array(data), encoding })
  // Other views (Int16Array, DataView, …) travel as their bytes, as in ably-js.
  if (ArrayBuffer.isView(data)) {
    return Either.right({
      kind: "binary",
      bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      encoding
    })
  }
  return Input.guard(
    () => isJsonObjectOrArray(data) ? jsonText(data, encoding) : Either.left(unsupported(data)),
    () => Input.unreadable("message data", 40013)
  )
}

const binaryForProtocol = (protocol: Codec.Protocol, bytes: Uint8Array, encoding: string | undefined) =>
  protocol === "msgpack"
    ? { data: bytes, ...(encoding === undefined ? {} : { encoding }) }
    : { data: Base64.encode(bytes), encoding: appendStep(encoding, "base64") }

/**
 * Encodes data without a cipher (RSL4), synchronously: strings as they are, JSON objects and
 * arrays as their text with `json`, bytes as msgpack bin or base64 text with `base64`.
 * `null`/`undefined` means no data. Anything else fails with 40013 (RSL4a), as does JSON that
 * cannot be serialised or nests deeper than `Limits.maxDepth`. Never throws. `encoding` is a
 * step list the caller says the data already carries (kept in front, RSL1j).
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Payload from "./Payload.js"
 * Payload.encodePlain({ a: 1 }, "json", undefined) // Either.right({ data: '{"a":1}', encoding: "json", size: 7 })
 */
export const encodePlain = (
  data: unknown,
  protocol: Codec.Protocol,
  encoding: string | undefined
): Either.Either<EncodedPayload, AblyError> => {
  const given = encoding === "" ? undefined : encoding
  if (data === undefined || data === null) {
    return Either.right(given === undefined ? { size: 0 } : { encoding: given, size: 0 })
  }
  // The common case first: a string with no encoding travels as it is.
  if (typeof data === "string") {
    return Either.right(
      given === undefined
        ? { data, size: Utf8.byteLength(data) }
        : { data, encoding: given, size: Utf8.byteLength(data) }
    )
  }
  const result = classify(data, given)
  if (Either.isLeft(result)) return Either.left(result.left)
  const classified = result.right
  if (classified.kind === "binary") {
    return Either.right({
      ...binaryForProtocol(protocol, classified.bytes, classified.encoding),
      size: classified.bytes.byteLength
    })
  }
  const size = Utf8.byteLength(classified.text)
  return Either.right(
    classified.encoding === undefined
      ? { data: classified.text, size }
      : { data: classified.text, encoding: classified.encoding, size }
  )
}

/**
 * Encodes data for the wire (RSL4): as `encodePlain`, and with a cipher (RSL5) text becomes
 * UTF-8 bytes (`utf-8`), is encrypted (`cipher+aes-<len>-cbc`) and travels as bytes. Without
 * a cipher the result is `encodePlain`'s `Either` (an Effect that runs synchronously).
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Payload from "./Payload.js"
 * Payload.encode({ a: 1 }, { protocol: "json" }) // Effect of { data: '{"a":1}', encoding: "json", size: 7 }
 */
export const encode = (data: unknown, options: EncodeOptions): Effect.Effect<EncodedPayload, AblyError> => {
  const cipher = options.cipher
  if (cipher === undefined) return encodePlain(data, options.protocol, options.encoding)
  const given = options.encoding === "" ? undefined : options.encoding
  if (data === undefined || data === null) {
    return Effect.succeed({ ...(given === undefined ? {} : { encoding: given }), size: 0 })
  }
  const result = classify(data, given)
  if (Either.isLeft(result)) return Effect.fail(result.left)
  const classified = result.right
  const [plaintext, encoding] = classified.kind === "binary"
    ? [classified.bytes, classified.encoding]
    : [Utf8.encode(classified.text), appendStep(classified.encoding, "utf-8")]
  return Effect.map(cipher.encrypt(plaintext), (encrypted) => ({
    ...binaryForProtocol(options.protocol, encrypted, appendStep(encoding, `cipher+${cipher.algorithm}`)),
    size: encrypted.byteLength
  }))
}

/**
 * A decoded payload. `encoding` holds the steps that could not be undone (RSL6b) and `issue`
 * why decoding stopped: an `AblyError` 40013, or 50000 for JSON data nested deeper than
 * `Limits.maxDepth` (the data then stays the JSON text). Both are absent when everything was
 * decoded.
 *
 * @since 0.1.0
 * @category models
 */
export interface DecodedPayload {
  readonly data?: unknown
  readonly encoding?: string
  readonly issue?: AblyError
}

/**
 * How to decode: the channel cipher, needed to undo `cipher+…` steps.
 *
 * @since 0.1.0
 * @category models
 */
export interface DecodeOptions {
  readonly cipher?: Cipher.Cipher | undefined
}

type Step = Effect.Effect<unknown, string | AblyError>

const strictUtf8 = new TextDecoder("utf-8", { fatal: true })

// 50000 (statusCode 500) like any server answer nested too deep: see `Limits.maxDepth`.
const tooDeep = () =>
  ablyError(50000, 500, `Unreadable message data: JSON nested deeper than ${Limits.maxDepth} levels`, {
    reason: "Decode"
  })

const decodeStep = (name: string, data: unknown, cipher: Cipher.Cipher | undefined): Step => {
  switch (name) {
    case "base64":
      return Predicate.isString(data)
        ? Either.fromNullable(Base64.decode(data), () => "invalid base64")
        : Either.left("base64 step on data that is not text")
    case "utf-8":
      // msgpack str and JSON strings are text already.
      if (Predicate.isString(data)) return Either.right(data)
      return data instanceof Uint8Array
        ? Either.try({ try: () => strictUtf8.decode(data), catch: () => "invalid utf-8" })
        : Either.left("utf-8 step on data that is neither text nor bytes")
    case "json": {
      const text = data instanceof Uint8Array
        ? Either.try({ try: () => strictUtf8.decode(data), catch: () => "invalid utf-8" })
        : Either.right(data)
      return Either.flatMap(text, (value) =>
        Predicate.isString(value)
          ? Either.flatMap(
            Either.try({ try: (): unknown => JSON.parse(value), catch: () => "invalid JSON" }),
            // Decoded data goes on to Schemas and renderers that recurse: bound it first.
            (parsed) => Limits.depthWithin(parsed, Limits.maxDepth) ? Either.right(parsed) : Either.left(tooDeep())
          )
          : Either.left("json step on data that is neither text nor bytes"))
    }
    default: {
      if (!name.startsWith("cipher+")) return Either.left(`unsupported encoding step "${name}"`)
      const algorithm = name.slice("cipher+".length).toLowerCase()
      if (cipher === undefined) {
        return Either.left(`the data is encrypted with ${algorithm} and the channel has no cipher`)
      }
      if (algorithm !== cipher.algorithm) {
        return Either.left(`the data is encrypted with ${algorithm}, the channel cipher is ${cipher.algorithm}`)
      }
      if (!(data instanceof Uint8Array)) return Either.left("cipher step on data that is not binary")
      return cipher.decrypt(data)
    }
  }
}

/**
 * Undoes the `encoding` steps right to left (RSL6): `base64`, `utf-8`, `json` and
 * `cipher+aes-<len>-cbc` (with the channel cipher). Decoding stops at the first step it cannot
 * undo and keeps the data decoded so far with the remaining steps and the `issue`: nothing is
 * lost, and this never fails.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as Payload from "./Payload.js"
 * Payload.decode("eyJhIjoxfQ==", "json/base64") // Effect of { data: { a: 1 } }
 */
export const decode = (
  data: unknown,
  encoding: string | undefined,
  options: DecodeOptions = {}
): Effect.Effect<DecodedPayload> =>
  Effect.gen(function*() {
    if (encoding === undefined || encoding === "") return data === undefined ? {} : { data }
    const steps = encoding.split("/")
    let current = data
    for (let index = steps.length - 1; index >= 0; index--) {
      const result = yield* Effect.either(decodeStep(steps[index]!.trim(), current, options.cipher))
      if (Either.isLeft(result)) {
        const residual = steps.slice(0, index + 1).join("/")
        const reason = result.left
        const issue = Predicate.isString(reason)
          ? ablyError(40013, 400, `Unable to decode message data (${reason}); remaining encoding "${residual}"`, {
            reason: "Decode"
          })
          : reason.statusCode >= 500
          ? ablyError(reason.code, reason.statusCode, `${reason.message}; remaining encoding "${residual}"`, {
            reason: "Decode"
          })
          : ablyError(40013, 400, `${reason.message}; remaining encoding "${residual}"`, {
            cause: reason,
            reason: "Decode"
          })
        return { ...(current === undefined ? {} : { data: current }), encoding: residual, issue }
      }
      current = result.right
    }
    return current === undefined ? {} : { data: current }
  })
