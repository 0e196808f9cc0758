/**
 * The MessagePack encoder and decoder, in a module of their own so that `Codec.loadMsgpack`
 * imports @msgpack/msgpack lazily (a dynamic `import()` of this module) while bundlers still
 * keep only the `Encoder` and `Decoder` it uses.
 *
 * @since 0.1.0
 */
import { Decoder, Encoder } from "@msgpack/msgpack"
import { maxDepth } from "../../Limits.js"

/**
 * A reusable encoder and decoder: creating msgpack codecs per request is measurable on the hot
 * path. The depth leaves room for the request's own wrapping (batch specs, messages, extras)
 * around data that passed the `Limits.maxDepth` check.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as MsgpackCodec from "./MsgpackCodec.js"
 * const codec = MsgpackCodec.make()
 * codec.decode(codec.encode([1])) // [1]
 */
export const make = (): {
  readonly encode: (value: unknown) => Uint8Array
  readonly decode: (bytes: Uint8Array) => unknown
} => {
  const encoder = new Encoder({ ignoreUndefined: true, maxDepth: maxDepth + 8 })
  const decoder = new Decoder()
  return { encode: (value) => encoder.encode(value), decode: (bytes) => decoder.decode(bytes) }
}
