/**
 * Payload encoding (RSL4) and decoding (RSL6) for string, JSON and binary data.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Predicate from "effect/Predicate"
import { type AblyError, ablyError } from "../Errors.js"
import * as Codec from "../Http/Codec.js"

/**
 * A payload ready for the wire, with the size that counts against `maxMessageSize`.
 *
 * @since 0.1.0
 * @category models
 */
export interface EncodedPayload {
  readonly data?: unknown
  readonly encoding?: string
  /** Bytes of the data before any base64 step (TO3l8). */
  readonly size: number
}

const appendEncoding = (encoding: string | undefined, step: string): string =>
  encoding === undefined || encoding === "" ? step : `${encoding}/${step}`

const isJsonObject = (data: unknown): data is object =>
  Array.isArray(data) ||
  (Predicate.isObject(data) && [Object.prototype, null].includes(Object.getPrototypeOf(data)))

/**
 * Encodes data for the wire: strings as they are, JSON objects and arrays as `json`, bytes as
 * msgpack bin or `base64` over JSON. Anything else fails with 40013 (RSL4a).
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { Payload } from "@effect-ably/core"
 * Payload.encode({ a: 1 }, undefined, "json") // Either.right({ data: '{"a":1}', encoding: "json", size: 7 })
 */
export const encode = (
  data: unknown,
  encoding: string | undefined,
  protocol: Codec.Protocol
): Either.Either<EncodedPayload, AblyError> => {
  const base = encoding === undefined ? {} : { encoding }
  if (data === undefined || data === null) return Either.right({ ...base, size: 0 })
  if (Predicate.isString(data)) return Either.right({ ...base, data, size: Codec.utf8Encode(data).byteLength })
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
    return Either.right(
      protocol === "msgpack"
        ? { ...base, data: bytes, size: bytes.byteLength }
        : { data: Encoding.encodeBase64(bytes), encoding: appendEncoding(encoding, "base64"), size: bytes.byteLength }
    )
  }
  if (isJsonObject(data)) {
    const json = JSON.stringify(data)
    return Either.right({ data: json, encoding: appendEncoding(encoding, "json"), size: Codec.utf8Encode(json).byteLength })
  }
  return Either.left(
    ablyError(40013, 400, `Unsupported payload type ${typeof data}: use a string, a JSON object or array, or a Uint8Array`)
  )
}

/**
 * A decoded payload. `encoding` holds the steps that could not be undone (RSL6b), and
 * `issue` says why decoding stopped.
 *
 * @since 0.1.0
 * @category models
 */
export interface DecodedPayload {
  readonly data?: unknown
  readonly encoding?: string
  readonly issue?: string
}

const step = (name: string, data: unknown): Either.Either<unknown, string> => {
  switch (name) {
    case "base64":
      return Predicate.isString(data)
        ? Either.mapLeft(Encoding.decodeBase64(data), () => "invalid base64")
        : Either.left("base64 step on non-string data")
    case "utf-8":
      return data instanceof Uint8Array
        ? Either.try({ try: () => new TextDecoder("utf-8", { fatal: true }).decode(data), catch: () => "invalid utf-8" })
        : Either.right(data)
    case "json": {
      const text = data instanceof Uint8Array ? Codec.utf8Decode(data) : data
      return Predicate.isString(text)
        ? Either.try({ try: () => JSON.parse(text) as unknown, catch: () => "invalid JSON" })
        : Either.left("json step on non-text data")
    }
    default:
      return Either.left(`unsupported encoding "${name}"`)
  }
}

/**
 * Undoes the `encoding` steps right to left. Decoding stops at the first step it cannot undo,
 * keeping the data decoded so far and the remaining steps: nothing is lost.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Payload } from "@effect-ably/core"
 * Payload.decode("eyJhIjoxfQ==", "json/base64") // { data: { a: 1 } }
 */
export const decode = (data: unknown, encoding: string | undefined): DecodedPayload => {
  if (encoding === undefined || encoding === "") return data === undefined ? {} : { data }
  const steps = encoding.split("/")
  let current = data
  for (let index = steps.length - 1; index >= 0; index--) {
    const result = step(steps[index]!, current)
    if (Either.isLeft(result)) {
      return { data: current, encoding: steps.slice(0, index + 1).join("/"), issue: result.left }
    }
    current = result.right
  }
  return { data: current }
}
