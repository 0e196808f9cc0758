/**
 * What a channel does to the `data` of its messages (or of its presence messages): an
 * optional Schema between the caller's values and the payload, and an optional cipher.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Cipher from "./internal/crypto/Cipher.js"

/**
 * A payload a typed channel's Schema may encode to: text, bytes, a JSON object or array, or
 * nothing (`null`/`undefined`). Numbers and booleans cannot travel as Ably data (RSL4a).
 *
 * @since 0.1.0
 * @category models
 */
export type PayloadData =
  | string
  | Uint8Array
  | ReadonlyArray<unknown>
  | { readonly [key: string]: unknown }
  | null
  | undefined

/**
 * The codec for values of type `A`.
 *
 * @since 0.1.0
 * @category models
 */
export interface DataCodec<A> {
  /** The channel cipher, if the channel is encrypted. */
  readonly cipher: Cipher.Cipher | undefined
  /** `true` when a Schema checks the data: then undecodable data is a failure, not a warning. */
  readonly typed: boolean
  /** The payload for a value; checks the value at runtime for typed codecs. */
  readonly toData: (value: unknown) => Effect.Effect<unknown, ParseResult.ParseError>
  /** The value for a decoded payload. */
  readonly fromData: (data: unknown) => Effect.Effect<A, ParseResult.ParseError>
  /**
   * For codecs that take data as it is (no Schema): the value of a payload with no encoding
   * steps, synchronously. Lets reads skip the effectful decode path for plain messages.
   */
  readonly plain: ((data: unknown) => A) | undefined
}

/**
 * Data as it is: `unknown` in, `unknown` out (the default for channels without a Schema).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { DataCodec } from "@effect-ably/core"
 * const codec = DataCodec.untyped()
 */
export const untyped = (cipher?: Cipher.Cipher): DataCodec<unknown> => ({
  cipher,
  typed: false,
  toData: Effect.succeed,
  fromData: Effect.succeed,
  plain: (data) => data
})

/**
 * Data checked by a Schema: values are encoded with it before publishing, payloads decoded
 * with it after reading.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { DataCodec } from "@effect-ably/core"
 * import { Schema } from "effect"
 * const codec = DataCodec.typed(Schema.Struct({ orderId: Schema.String }))
 */
export const typed = <A, I extends PayloadData>(schema: Schema.Schema<A, I>, cipher?: Cipher.Cipher): DataCodec<A> => ({
  cipher,
  typed: true,
  toData: Schema.encodeUnknown(schema),
  fromData: Schema.decodeUnknown(schema),
  plain: undefined
})

export {
  /**
   * The `UndecodableData` behind a typed channel's decode failure, if that is what it is.
   *
   * @since 0.1.0
   * @category accessors
   */
  undecodable,
  /**
   * Why a message's data did not decode for a typed channel: the wire message and the issue.
   *
   * @since 0.1.0
   * @category models
   */
  UndecodableData
} from "./internal/message/Decode.js"
