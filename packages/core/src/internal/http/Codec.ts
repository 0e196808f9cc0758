/**
 * The two wire formats, JSON and MessagePack: body encoding and response decoding by Content-Type.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { type AblyError, ablyError } from "../../Errors.js"
import * as Utf8 from "../Utf8.js"

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
 * import * as Codec from "./Codec.js"
 * Codec.contentTypes.msgpack // "application/x-msgpack"
 */
export const contentTypes = {
  json: "application/json",
  msgpack: "application/x-msgpack"
} as const

interface Msgpack {
  readonly encode: (value: unknown) => Uint8Array
  readonly decode: (bytes: Uint8Array) => unknown
}

// @msgpack/msgpack is imported when a layer that speaks MessagePack is built (`loadMsgpack`), not
// at import: a JSON-only client never loads it. One encoder and decoder per process.
let msgpack: Msgpack | undefined

/**
 * Loads @msgpack/msgpack once (a dynamic `import()`); later calls are a cheap check. `Transport`
 * runs it when a client with `useBinaryProtocol` is built, the emulator when its layer or server
 * is built. `encode`/`decode` with `"msgpack"` need it done first.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Codec from "./Codec.js"
 * import { Effect } from "effect"
 * const program = Effect.map(Codec.loadMsgpack, () => Codec.encode("msgpack", { a: 1 }))
 */
export const loadMsgpack: Effect.Effect<void> = /*#__PURE__*/ Effect.suspend(() =>
  msgpack !== undefined ? Effect.void : Effect.map(Effect.promise(() => import("./MsgpackCodec.js")), (module) => {
    msgpack ??= module.make()
  })
)

/**
 * Whether `loadMsgpack` has run in this process.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Codec from "./Codec.js"
 * Codec.isMsgpackLoaded() // false until a MessagePack client or the emulator is built
 */
export const isMsgpackLoaded = (): boolean => msgpack !== undefined

const notLoaded = "MessagePack is not loaded in this process (a JSON client: useBinaryProtocol false)"

const describeFailure = (cause: unknown): string => {
  if (cause instanceof RangeError || (cause instanceof Error && cause.message.startsWith("Too deep"))) {
    return "it is nested too deeply"
  }
  if (cause instanceof TypeError) {
    return "it is circular or holds a value that cannot be encoded (a BigInt, a failing toJSON or getter)"
  }
  return "a value in it failed while being encoded (a throwing toJSON or getter)"
}

/**
 * The error for a value that cannot be serialised (40013). The cause keeps only the failure's
 * kind and a bounded message, never the value.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Codec from "./Codec.js"
 * Codec.unserialisable("request body", new TypeError("Do not know how to serialize a BigInt")).code // 40013
 */
export const unserialisable = (what: string, cause: unknown): AblyError =>
  ablyError(40013, 400, `Unable to serialise the ${what}: ${describeFailure(cause)}`, {
    cause
  })

/**
 * Encodes a body value; `undefined` fields are dropped in both formats. Never throws: a value
 * that cannot be encoded (a cycle, a BigInt in JSON, a throwing `toJSON` or getter, nesting past
 * the encoder's depth) is an `AblyError` 40013.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Codec from "./Codec.js"
 * Codec.encode("json", [{ name: "greeting", data: "hi" }]) // Either.right(Uint8Array)
 */
export const encode = (protocol: Protocol, value: unknown): Either.Either<Uint8Array, AblyError> => {
  if (protocol === "msgpack" && msgpack === undefined) {
    return Either.left(ablyError(50000, 500, `Unable to encode the request body: ${notLoaded}`))
  }
  try {
    return Either.right(protocol === "msgpack" ? msgpack!.encode(value) : Utf8.encode(JSON.stringify(value)))
  } catch (cause) {
    return Either.left(unserialisable("request body", cause))
  }
}

/**
 * JSON text of a value, or 40013 (see `encode`). `JSON.stringify` answers `undefined` for a
 * value it drops (a function, a symbol, `undefined`, a `toJSON` returning nothing).
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Codec from "./Codec.js"
 * Codec.stringify({ a: 1 }, "extras") // Either.right('{"a":1}')
 */
export const stringify = (value: unknown, what: string): Either.Either<string | undefined, AblyError> => {
  try {
    // `JSON.stringify` is typed as returning `string`, but answers `undefined` for dropped values.
    const text: string | undefined = JSON.stringify(value)
    return Either.right(text)
  } catch (cause) {
    return Either.left(unserialisable(what, cause))
  }
}

/**
 * Which protocol a Content-Type header names (undefined for none).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as Codec from "./Codec.js"
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
 * Decodes a body in the given protocol. Throws on malformed input, and on a MessagePack body
 * before `loadMsgpack` ran (a JSON client that gets one, e.g. from an `authUrl`, fails it as an
 * unreadable answer rather than loading the codec mid-request): callers wrap it in `Effect.try`
 * and turn the failure into a typed error.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as Codec from "./Codec.js"
 * Codec.decode("json", new TextEncoder().encode("[1]")) // [1]
 */
export const decode = (protocol: Protocol, bytes: Uint8Array): unknown =>
  protocol === "msgpack" ? decodeMsgpack(bytes) : JSON.parse(Utf8.decode(bytes))

const decodeMsgpack = (bytes: Uint8Array): unknown => {
  if (msgpack === undefined) throw new Error(`not decoded: ${notLoaded}`)
  return msgpack.decode(bytes)
}
