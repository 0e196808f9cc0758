/**
 * Channel options (TB2): a cipher for encrypted channels, and Schemas for typed channels —
 * `schema` for message data, `presenceSchema` for presence data.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import type * as Crypto from "./Crypto.js"
import type * as DataCodec from "./DataCodec.js"
import type { AblyError } from "./Errors.js"
import * as Codecs from "./internal/channel/Codecs.js"
import * as ChannelCipher from "./internal/crypto/ChannelCipher.js"
import * as Input from "./internal/Input.js"

/**
 * Options for `rest.channels.get(name, options)`. With `schema`, `publish` takes only the
 * Schema's type and encodes it, and every read decodes to it; likewise `presenceSchema` for
 * presence data. The Schemas must encode to Ably data: text, bytes, a JSON object or array.
 *
 * @since 0.1.0
 * @category models
 * @example
 * import type { ChannelOptions } from "@effect-ably/core"
 * import { Schema } from "effect"
 * const Order = Schema.Struct({ id: Schema.Number, items: Schema.Array(Schema.String) })
 * const options: ChannelOptions.ChannelOptions<typeof Order.Type, typeof Order.Encoded> = {
 *   cipher: { key: "WUP6u0K7MXI5Zeo0VppPwg==" },
 *   schema: Order
 * }
 */
export interface ChannelOptions<
  A = unknown,
  I extends DataCodec.PayloadData = DataCodec.PayloadData,
  P = unknown,
  J extends DataCodec.PayloadData = DataCodec.PayloadData
> {
  /** Encrypts message and presence data (RSL5, TB2b); validated like `Crypto.getDefaultParams`. */
  readonly cipher?: Crypto.CipherParamOptions | Crypto.CipherParams | undefined
  /** The type of message data. */
  readonly schema?: Schema.Schema<A, I> | undefined
  /** The type of presence data. */
  readonly presenceSchema?: Schema.Schema<P, J> | undefined
}

/**
 * Channel options with a cipher key and nothing else (TB3).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { ChannelOptions } from "@effect-ably/core"
 * const options = ChannelOptions.withCipherKey("WUP6u0K7MXI5Zeo0VppPwg==")
 */
export const withCipherKey = (key: Crypto.CipherParamOptions["key"]): ChannelOptions => ({ cipher: { key } })

/**
 * The codecs a channel applies to its message data and its presence data.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelCodecs<A, P> {
  readonly messages: DataCodec.DataCodec<A>
  readonly presence: DataCodec.DataCodec<P>
}

/**
 * Validates the options into codecs, whatever their static type: not an object, a `schema` or
 * `presenceSchema` that is not an Effect Schema, or an invalid cipher (see
 * `Crypto.getDefaultParams`) is an `AblyError` 40003. The Web Crypto key is shared by
 * messages and presence.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { ChannelOptions } from "@effect-ably/core"
 * const codecs = ChannelOptions.codecs({ cipher: { key: new Uint8Array(32) } }) // Either.right(...)
 */
export const codecs = <A, I extends DataCodec.PayloadData, P, J extends DataCodec.PayloadData>(
  options: ChannelOptions<A, I, P, J> | undefined
): Either.Either<ChannelCodecs<A, P>, AblyError> =>
  Input.guard(
    () =>
      Either.flatMap(Codecs.checkShape(options), (cipher) =>
        cipher === undefined
          ? Either.right(Codecs.build(options, undefined))
          : Either.map(ChannelCipher.fromOption(cipher), (channelCipher) => Codecs.build(options, channelCipher))),
    () => Input.unreadable("channel options")
  )
