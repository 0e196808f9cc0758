/**
 * `TokenRequest` (TE): a signed request for a token, and its HMAC-SHA256 signature (RSA9).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError } from "./Errors.js"
import * as Base64 from "./internal/Base64.js"
import * as Utf8 from "./internal/Utf8.js"

/**
 * The wire form: `ttl`/`timestamp` in ms, `capability` as canonical JSON text.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { TokenRequest } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(TokenRequest.TokenRequest)({ keyName: "app.key", timestamp: 1, nonce: "n".repeat(16), mac: "..." })
 */
export const TokenRequest = Schema.Struct({
  keyName: Schema.NonEmptyString,
  ttl: Schema.optional(Schema.Number),
  capability: Schema.optional(Schema.String),
  clientId: Schema.optional(Schema.String),
  timestamp: Schema.Number,
  nonce: Schema.String,
  mac: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type TokenRequest = typeof TokenRequest.Type

/**
 * The unsigned fields of a TokenRequest.
 *
 * @since 0.1.0
 * @category models
 */
export type Unsigned = Omit<TokenRequest, "mac">

/**
 * The string that is signed: six fields in order, each followed by a newline, absent ones
 * empty.
 *
 * @since 0.1.0
 * @category signing
 * @example
 * import { TokenRequest } from "@effect-ably/core"
 * TokenRequest.signingText({ keyName: "app.key", timestamp: 1, nonce: "abc" })
 * // "app.key\n\n\n\n1\nabc\n"
 */
export const signingText = (request: Unsigned): string =>
  [
    request.keyName,
    request.ttl ?? "",
    request.capability ?? "",
    request.clientId ?? "",
    request.timestamp,
    request.nonce
  ]
    .map((field) => `${field}\n`)
    .join("")

/**
 * Imports a key secret for HMAC-SHA256 with Web Crypto (works in Node and browsers).
 *
 * @since 0.1.0
 * @category signing
 * @example
 * import { TokenRequest } from "@effect-ably/core"
 * import { Redacted } from "effect"
 * const key = TokenRequest.importSecret(Redacted.make("secret"))
 */
export const importSecret = (secret: Redacted.Redacted<string>): Effect.Effect<CryptoKey, AblyError> =>
  Effect.tryPromise({
    try: () =>
      globalThis.crypto.subtle.importKey(
        "raw",
        Utf8.encode(Redacted.value(secret)),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign"]
      ),
    catch: (cause) => ablyError(40101, 401, "Could not use the key secret for signing", { cause })
  })

/**
 * Signs a request: `mac = base64(HMAC-SHA256(secret, signingText))`.
 *
 * @since 0.1.0
 * @category signing
 * @example
 * import { TokenRequest } from "@effect-ably/core"
 * import { Effect, Redacted } from "effect"
 * const signed = Effect.flatMap(TokenRequest.importSecret(Redacted.make("secret")), (key) =>
 *   TokenRequest.sign(key, { keyName: "app.key", timestamp: Date.now(), nonce: "0123456789abcdef" }))
 */
export const sign = (key: CryptoKey, request: Unsigned): Effect.Effect<TokenRequest, AblyError> =>
  Effect.map(
    Effect.tryPromise({
      try: () => globalThis.crypto.subtle.sign("HMAC", key, Utf8.encode(signingText(request))),
      catch: (cause) => ablyError(40101, 401, "Signing the token request failed", { cause })
    }),
    (signature) => ({ ...request, mac: Base64.encode(new Uint8Array(signature)) })
  )
