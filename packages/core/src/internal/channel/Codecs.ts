/**
 * A channel's options into its codecs, for the channel's operations: the shape and the Schemas
 * checked at once, and the cipher code loaded (see `Lazy`) and the cipher built on the first
 * operation of a channel that has a `cipher` option. A channel without one never loads it.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as ChannelOptions from "../../ChannelOptions.js"
import type * as Crypto from "../../Crypto.js"
import * as DataCodec from "../../DataCodec.js"
import type { AblyError } from "../../Errors.js"
import type * as Cipher from "../crypto/Cipher.js"
import * as Input from "../Input.js"
import * as Lazy from "../Lazy.js"

type Options<A, I extends DataCodec.PayloadData, P, J extends DataCodec.PayloadData> =
  | ChannelOptions.ChannelOptions<A, I, P, J>
  | undefined

const unreadable = () => Input.unreadable("channel options")

const cipherModule = Lazy.module("cipher", () => import("../crypto/ChannelCipher.js"))

// Without a Schema the data type parameter is `unknown`: it is inferred from the Schema only,
// so an untyped codec stands for `DataCodec<A>` here.
const codecFor = <T, E extends DataCodec.PayloadData>(
  schema: Schema.Schema<T, E> | undefined,
  cipher: Cipher.Cipher | undefined
): DataCodec.DataCodec<T> =>
  schema === undefined ? DataCodec.untyped(cipher) as DataCodec.DataCodec<T> : DataCodec.typed(schema, cipher)

/**
 * The options' codecs over a cipher (or none). The Web Crypto key is shared by messages and
 * presence.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Codecs from "./Codecs.js"
 * const codecs = Codecs.build({}, undefined) // untyped message and presence codecs
 */
export const build = <A, I extends DataCodec.PayloadData, P, J extends DataCodec.PayloadData>(
  options: Options<A, I, P, J>,
  cipher: Cipher.Cipher | undefined
): ChannelOptions.ChannelCodecs<A, P> => ({
  messages: codecFor(options?.schema, cipher),
  presence: codecFor(options?.presenceSchema, cipher)
})

/**
 * Checks the options but their cipher, whatever their static type: not an object, or a `schema`
 * or `presenceSchema` that is not an Effect Schema, is an `AblyError` 40003. Gives the `cipher`
 * option to check next (`undefined` when there is none).
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import * as Codecs from "./Codecs.js"
 * Codecs.checkShape({ cipher: { key: "WUP6u0K7MXI5Zeo0VppPwg==" } }) // Either.right({ key: "WUP6u0K7MXI5Zeo0VppPwg==" })
 */
export const checkShape = <A, I extends DataCodec.PayloadData, P, J extends DataCodec.PayloadData>(
  options: Options<A, I, P, J>
): Either.Either<Crypto.CipherParamOptions | Crypto.CipherParams | undefined, AblyError> => {
  if (options === undefined || options === null) return Either.right(undefined)
  const given: unknown = options
  if (!Input.isRecord(given)) return Either.left(Input.invalid("channel options", "an object", given))
  for (const field of ["schema", "presenceSchema"] as const) {
    const schema = given[field]
    if (schema !== undefined && !Schema.isSchema(schema)) {
      return Either.left(Input.invalid(`channel option ${field}`, "an Effect Schema", schema))
    }
  }
  return Either.right(options.cipher)
}

/**
 * A channel's codecs, as `ChannelOptions.codecs` gives them, for its operations to yield:
 * without a `cipher` option (or with invalid options but the cipher) an `Either` made now;
 * with one, an Effect that loads the cipher code on its first run and keeps its answer.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Codecs from "./Codecs.js"
 * import { Effect } from "effect"
 * const codecs = Codecs.forChannel({ cipher: { key: new Uint8Array(16) } })
 * const program = Effect.map(codecs, (channel) => channel.messages.cipher?.algorithm) // "aes-128-cbc"
 */
export const forChannel = <A, I extends DataCodec.PayloadData, P, J extends DataCodec.PayloadData>(
  options: Options<A, I, P, J>
): Effect.Effect<ChannelOptions.ChannelCodecs<A, P>, AblyError> => {
  const checked = Input.guard(() => checkShape(options), unreadable)
  if (Either.isLeft(checked)) return Either.left(checked.left)
  const cipher = checked.right
  if (cipher === undefined) return Input.guard(() => Either.right(build(options, undefined)), unreadable)
  let codecs: Either.Either<ChannelOptions.ChannelCodecs<A, P>, AblyError> | undefined
  const load = Effect.flatMap(cipherModule, (module) => (codecs ??= Input.guard(
    () => Either.map(module.fromOption(cipher), (channelCipher) => build(options, channelCipher)),
    unreadable
  )))
  return Effect.suspend(() => codecs ?? load)
}
