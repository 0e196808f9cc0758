/**
 * Channel options (TB2): a cipher for encrypted channels, and Schemas for typed channels —
 * `schema` for message data, `presenceSchema` for presence data.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Crypto from "./Crypto.js"
import * as DataCodec from "./DataCodec.js"
import { type AblyError, ablyError } from "./Errors.js"
import * as Cipher from "./internal/crypto/Cipher.js"
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

// Without a Schema the data type parameter is `unknown`: it is inferred from the Schema only,
// so an untyped codec stands for `DataCodec<A>` here.
const codecFor = <T, E extends DataCodec.PayloadData>(
  schema: Schema.Schema<T, E> | undefined,
  cipher: Cipher.Cipher | undefined
): DataCodec.DataCodec<T> =>
  schema === undefined ? DataCodec.untyped(cipher) as DataCodec.DataCodec<T> : DataCodec.typed(schema, cipher)

const cipherOptionsProblem = (cipher: unknown): string | undefined => {
  if (!Input.isRecord(cipher)) return `expected an object, got ${Input.describe(cipher)}`
  if (Crypto.isCipherParams(cipher)) {
    const key: unknown = cipher.key
    const bytes = Redacted.isRedacted(key) ? Redacted.value(key) : undefined
    return bytes instanceof Uint8Array && bytes.byteLength * 8 === cipher.keyLength &&
        (cipher.keyLength === 128 || cipher.keyLength === 256) && cipher.algorithm === "aes" && cipher.mode === "cbc"
      ? undefined
      : "CipherParams that were not built by Crypto.getDefaultParams"
  }
  const key: unknown = Redacted.isRedacted(cipher["key"]) ? Redacted.value(cipher["key"]) : cipher["key"]
  if (!(typeof key === "string" || key instanceof Uint8Array || key instanceof ArrayBuffer)) {
    return `the key must be bytes or base64 text, got ${Input.describe(key)}`
  }
  for (const field of ["algorithm", "mode"] as const) {
    const value = cipher[field]
    if (value !== undefined && typeof value !== "string") {
      return `${field} must be a string, got ${Input.describe(value)}`
    }
  }
  const keyLength = cipher["keyLength"]
  if (keyLength !== undefined && !Number.isInteger(keyLength)) {
    return `keyLength must be an integer, got ${Input.describe(keyLength)}`
  }
  return undefined
}

const checkOptions = (options: unknown): Either.Either<void, AblyError> => {
  if (options === undefined || options === null) return Either.void
  if (!Input.isRecord(options)) return Either.left(Input.invalid("channel options", "an object", options))
  for (const field of ["schema", "presenceSchema"] as const) {
    const schema = options[field]
    if (schema !== undefined && !Schema.isSchema(schema)) {
      return Either.left(Input.invalid(`channel option ${field}`, "an Effect Schema", schema))
    }
  }
  const cipher = options["cipher"]
  const problem = cipher === undefined ? undefined : cipherOptionsProblem(cipher)
  return problem === undefined
    ? Either.void
    : Either.left(ablyError(40003, 400, `Invalid channel option cipher: ${problem}`))
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
  Input.guard(() =>
    Either.flatMap(checkOptions(options), () => {
      const cipher = options?.cipher === undefined
        ? Either.right(undefined)
        : Either.map(Crypto.resolve(options.cipher), Cipher.make)
      return Either.map(cipher, (channelCipher) => ({
        messages: codecFor(options?.schema, channelCipher),
        presence: codecFor(options?.presenceSchema, channelCipher)
      }))
    }), () => Input.unreadable("channel options"))
