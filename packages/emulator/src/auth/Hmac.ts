/**
 * HMAC-SHA256 with a key secret (Web Crypto): signing and constant-time verification, as used
 * by TokenRequest MACs and HS256 JWTs.
 *
 * @since 0.1.0
 */
import { Errors, TokenRequest } from "@effect-ably/core"
import { Utf8 } from "@effect-ably/core/wire"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { equalBytes } from "./ConstantTime.js"

const algorithm = { name: "HMAC", hash: "SHA-256" } as const

const cryptoFailure = (cause: unknown) => Errors.ablyError(50000, 500, "Web Crypto failed", { cause })

// The client's own key import (HMAC-SHA256 over the UTF-8 secret); a failure here is the server's.
const importKey = (secret: string): Effect.Effect<CryptoKey, Errors.AblyError> =>
  Effect.mapError(TokenRequest.importSecret(Redacted.make(secret)), cryptoFailure)

/**
 * `HMAC-SHA256(key = utf8(secret), message = utf8(text))`.
 *
 * @since 0.1.0
 * @category signing
 * @example
 * import { sign } from "./Hmac.js"
 * const mac = sign("secret", "text") // Effect<Uint8Array, AblyError>
 */
export const sign = (secret: string, text: string): Effect.Effect<Uint8Array, Errors.AblyError> =>
  Effect.flatMap(importKey(secret), (key) =>
    Effect.tryPromise({
      try: () => globalThis.crypto.subtle.sign(algorithm, key, Utf8.encode(text)),
      catch: cryptoFailure
    })).pipe(Effect.map((buffer) => new Uint8Array(buffer)))

/**
 * Whether `signature` is the HMAC-SHA256 of `text` under `secret`: the expected MAC is
 * computed and compared with `ConstantTime.equalBytes`, the one comparison every secret goes
 * through.
 *
 * @since 0.1.0
 * @category verification
 * @example
 * import { verify } from "./Hmac.js"
 * const ok = verify("secret", "text", new Uint8Array(32)) // Effect<boolean, AblyError>
 */
export const verify = (secret: string, text: string, signature: Uint8Array): Effect.Effect<boolean, Errors.AblyError> =>
  Effect.map(sign(secret, text), (expected) => equalBytes(signature, expected))
