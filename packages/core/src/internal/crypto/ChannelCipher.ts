/**
 * A channel's `cipher` option into its cipher (RSL5, TB2b): the option checked whatever its
 * static type, validated like `Crypto.getDefaultParams`, and the Web Crypto cipher built. A
 * module of its own so that channels without a cipher never load the cipher code (see
 * `Codecs`).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Crypto from "../../Crypto.js"
import { type AblyError, ablyError } from "../../Errors.js"
import * as Input from "../Input.js"
import * as Cipher from "./Cipher.js"

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

/**
 * The cipher for a channel's `cipher` option (not `undefined`), whatever its static type: anything that is not cipher
 * options or `CipherParams` from `Crypto.getDefaultParams`, or options that do not validate,
 * is an `AblyError` 40003 that never mentions the key. A getter that throws is the caller's
 * `unreadable channel options`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as ChannelCipher from "./ChannelCipher.js"
 * const cipher = ChannelCipher.fromOption({ key: new Uint8Array(32) }) // Either.right({ algorithm: "aes-256-cbc", ... })
 */
export const fromOption = (
  cipher: Crypto.CipherParamOptions | Crypto.CipherParams
): Either.Either<Cipher.Cipher, AblyError> =>
  Input.guard(() => {
    const problem = cipherOptionsProblem(cipher)
    if (problem !== undefined) return Either.left(ablyError(40003, 400, `Invalid channel option cipher: ${problem}`))
    return Either.map(Crypto.resolve(cipher), Cipher.make)
  }, () => Input.unreadable("channel options"))
