/**
 * The channel cipher (RSL5): AES-CBC with PKCS#7 padding over Web Crypto, with a random
 * 16-byte IV in front of each ciphertext. Works wherever `globalThis.crypto.subtle` does
 * (Node ≥ 20, browsers, workers).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { CipherParams } from "../../Crypto.js"
import { type AblyError, ablyError } from "../../Errors.js"
import { RandomBytes } from "../Random.js"

/**
 * The length of the IV and of an AES block, in bytes.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Cipher from "./Cipher.js"
 * Cipher.blockLength // 16
 */
export const blockLength = 16

/**
 * An encrypt/decrypt pair for one set of `CipherParams`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Cipher {
  /** The algorithm as it appears in an `encoding` step: `aes-128-cbc` or `aes-256-cbc`. */
  readonly algorithm: string
  /** IV ‖ AES-CBC(plaintext); the IV comes from the `RandomBytes` reference. */
  readonly encrypt: (plaintext: Uint8Array) => Effect.Effect<Uint8Array, AblyError>
  /** The inverse of `encrypt`; a wrong key, a short input or bad padding is a 40013 failure. */
  readonly decrypt: (ciphertext: Uint8Array) => Effect.Effect<Uint8Array, AblyError>
}

/**
 * The `encoding` step name of a cipher, e.g. `cipher+aes-256-cbc`.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Cipher from "./Cipher.js"
 * Cipher.encodingStep("aes-128-cbc") // "cipher+aes-128-cbc"
 */
export const encodingStep = (algorithm: string): string => `cipher+${algorithm}`

// Web Crypto wants ArrayBuffer-backed views; this copy also detaches us from the caller's buffer.
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes)

/**
 * The cipher for validated params. The Web Crypto key is imported once, on first use.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Crypto } from "@effect-ably/core"
 * import * as Cipher from "./Cipher.js"
 * import { Effect, Either } from "effect"
 * const program = Effect.gen(function*() {
 *   const cipher = Cipher.make(yield* Crypto.getDefaultParams({ key: new Uint8Array(16) }))
 *   const secret = yield* cipher.encrypt(new TextEncoder().encode("hi"))
 *   return yield* cipher.decrypt(secret) // the bytes of "hi"
 * })
 */
export const make = (params: CipherParams): Cipher => {
  const algorithm = `${params.algorithm}-${params.keyLength}-${params.mode}`
  let imported: Promise<CryptoKey> | undefined
  const cryptoKey = () => (imported ??= globalThis.crypto.subtle.importKey(
    "raw",
    own(Redacted.value(params.key)),
    { name: "AES-CBC" },
    false,
    [
      "encrypt",
      "decrypt"
    ]
  ))

  const encrypt = (plaintext: Uint8Array) =>
    Effect.gen(function*() {
      const iv = own(yield* Effect.flatMap(RandomBytes, (bytes) => bytes(blockLength)))
      const encrypted = yield* Effect.tryPromise({
        try: async () =>
          new Uint8Array(
            await globalThis.crypto.subtle.encrypt({ name: "AES-CBC", iv }, await cryptoKey(), own(plaintext))
          ),
        catch: (cause) => ablyError(50000, 500, `Unable to encrypt message data with ${algorithm}`, { cause })
      })
      const result = new Uint8Array(blockLength + encrypted.byteLength)
      result.set(iv.subarray(0, blockLength))
      result.set(encrypted, blockLength)
      return result
    })

  const decrypt = (ciphertext: Uint8Array) =>
    ciphertext.byteLength < 2 * blockLength || ciphertext.byteLength % blockLength !== 0
      ? Effect.fail(ablyError(
        40013,
        400,
        `Unable to decrypt message data with ${algorithm}: ${ciphertext.byteLength} bytes is not an IV and whole blocks`
      ))
      : Effect.tryPromise({
        try: async () =>
          new Uint8Array(
            await globalThis.crypto.subtle.decrypt(
              { name: "AES-CBC", iv: own(ciphertext.subarray(0, blockLength)) },
              await cryptoKey(),
              own(ciphertext.subarray(blockLength))
            )
          ),
        catch: (cause) =>
          ablyError(40013, 400, `Unable to decrypt message data with ${algorithm}: wrong key or corrupt data`, {
            cause
          })
      })

  return { algorithm, encrypt, decrypt }
}
