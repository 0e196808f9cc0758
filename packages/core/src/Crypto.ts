/**
 * `Crypto` (RSE, TZ): cipher parameters for encrypted channels. AES-CBC with 128- or 256-bit
 * keys; the key is key material, so it is held as `Redacted` and never printed.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import { type AblyError, ablyError } from "./Errors.js"
import * as Base64 from "./internal/Base64.js"
import { RandomBytes } from "./internal/Random.js"

/**
 * A cipher key: bytes, or base64 / base64url text (CipherKeyParam). It may be wrapped in
 * `Redacted`, e.g. when read with `Config.redacted`.
 *
 * @since 0.1.0
 * @category models
 */
export type CipherKey = Uint8Array | ArrayBuffer | string

/**
 * What a caller gives to describe a cipher (TZ2, RSE1): a key and optionally the algorithm
 * (`aes`), the mode (`cbc`) and the key length, which must match the key.
 *
 * @since 0.1.0
 * @category models
 */
export interface CipherParamOptions {
  readonly key: CipherKey | Redacted.Redacted<CipherKey>
  readonly algorithm?: string | undefined
  readonly mode?: string | undefined
  readonly keyLength?: number | undefined
}

/**
 * Validated cipher parameters (TZ2). Build them with `getDefaultParams`.
 *
 * @since 0.1.0
 * @category models
 */
export interface CipherParams {
  readonly _tag: "CipherParams"
  readonly algorithm: "aes"
  readonly mode: "cbc"
  readonly keyLength: 128 | 256
  /** The raw key bytes; `Redacted` so that logs and errors never show them. */
  readonly key: Redacted.Redacted<Uint8Array>
}

/**
 * `true` for validated `CipherParams` (as opposed to `CipherParamOptions`).
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { Crypto } from "@effect-ably/core"
 * Crypto.isCipherParams({ key: "AAAAAAAAAAAAAAAAAAAAAA==" }) // false
 */
export const isCipherParams = (u: unknown): u is CipherParams => Predicate.isTagged(u, "CipherParams")

const invalidCipher = (message: string) => ablyError(40003, 400, message)

// base64url → base64 for every `-` and `_` (ably-js replaces only the first), padding restored.
const normaliseBase64 = (text: string): string => {
  const standard = text.trim().replace(/-/g, "+").replace(/_/g, "/")
  return standard.length % 4 === 0 ? standard : standard + "=".repeat(4 - (standard.length % 4))
}

const keyBytes = (key: CipherKey): Either.Either<Uint8Array, AblyError> => {
  if (Predicate.isString(key)) {
    return Either.fromNullable(
      Base64.decode(normaliseBase64(key)),
      () => invalidCipher("The cipher key is neither binary nor valid base64 / base64url text")
    )
  }
  // A copy: the caller may reuse or clear its buffer.
  return Either.right(key instanceof ArrayBuffer ? new Uint8Array(key.slice(0)) : new Uint8Array(key))
}

/**
 * Validates cipher options into `CipherParams` (RSE1): the key may be bytes, base64 or
 * base64url text; its length gives `keyLength`, which must be 128 or 256 and match any stated
 * `keyLength`. Only `aes` / `cbc` are supported. Failures are `AblyError` 40003 and never
 * mention the key.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Crypto } from "@effect-ably/core"
 * import { Either } from "effect"
 * const params = Crypto.getDefaultParams({ key: "WUP6u0K7MXI5Zeo0VppPwg==" })
 * Either.map(params, (p) => p.keyLength) // Either.right(128)
 */
export const getDefaultParams = (options: CipherParamOptions): Either.Either<CipherParams, AblyError> => {
  const algorithm = (options.algorithm ?? "aes").toLowerCase()
  const mode = (options.mode ?? "cbc").toLowerCase()
  if (algorithm !== "aes") {
    return Either.left(invalidCipher(`Unsupported cipher algorithm "${options.algorithm}": only aes`))
  }
  if (mode !== "cbc") return Either.left(invalidCipher(`Unsupported cipher mode "${options.mode}": only cbc`))
  const raw = Redacted.isRedacted(options.key) ? Redacted.value(options.key) : options.key
  return Either.flatMap(keyBytes(raw), (key) => {
    const keyLength = key.byteLength * 8
    if (keyLength !== 128 && keyLength !== 256) {
      return Either.left(invalidCipher(`The cipher key is ${keyLength} bits long: it must be 128 or 256 bits`))
    }
    if (options.keyLength !== undefined && options.keyLength !== keyLength) {
      return Either.left(
        invalidCipher(`A keyLength of ${options.keyLength} was given, but the key is ${keyLength} bits long`)
      )
    }
    return Either.right({ _tag: "CipherParams", algorithm: "aes", mode: "cbc", keyLength, key: Redacted.make(key) })
  })
}

/**
 * `CipherParams` as they are, or options validated with `getDefaultParams`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Crypto } from "@effect-ably/core"
 * const params = Crypto.resolve({ key: new Uint8Array(32) })
 */
export const resolve = (cipher: CipherParamOptions | CipherParams): Either.Either<CipherParams, AblyError> =>
  isCipherParams(cipher) ? Either.right(cipher) : getDefaultParams(cipher)

/**
 * A random key of `keyLength` bits (RSE2), 256 by default, from the `RandomBytes` reference.
 * Only 128 and 256 are usable with AES-CBC; anything else fails with 40003.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Crypto } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const program = Effect.gen(function*() {
 *   const key = yield* Crypto.generateRandomKey(128)
 *   return Crypto.getDefaultParams({ key })
 * })
 */
export const generateRandomKey = (keyLength: number = 256): Effect.Effect<Uint8Array, AblyError> =>
  keyLength === 128 || keyLength === 256
    ? Effect.flatMap(RandomBytes, (bytes) => bytes(keyLength / 8))
    : Effect.fail(invalidCipher(`Cannot generate a ${keyLength}-bit key: use 128 or 256`))
