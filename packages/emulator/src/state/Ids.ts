/**
 * Random identifiers (app ids, key ids, secrets, message id bases) from Web Crypto.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/**
 * A random alphanumeric string of the given length.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { randomId } from "./Ids.js"
 * const appId = randomId(6) // Effect<string>
 */
export const randomId = (length: number): Effect.Effect<string> =>
  Effect.sync(() => {
    // 256 is not a multiple of 62; the slight bias is harmless for test identifiers.
    let id = ""
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(length))) {
      id += alphabet.charAt(byte % alphabet.length)
    }
    return id
  })
