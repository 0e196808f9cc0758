/**
 * API keys: `appId.keyId:keySecret`, split into a public key name and a `Redacted` secret.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { type AblyError, ablyError } from "../../Errors.js"

/**
 * A parsed API key. Only `keyName` is safe to print.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiKey {
  readonly keyName: string
  readonly secret: Redacted.Redacted<string>
  /** The whole key, for the Basic `Authorization` header. */
  readonly full: Redacted.Redacted<string>
}

const keyPattern = /^([^:\s]+):([^:.\s]+)$/

/**
 * Parses a key. A malformed key fails with 40101 and a message that never repeats the key.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import * as Key from "./Key.js"
 * import { Redacted } from "effect"
 * const key = Key.parse(Redacted.make("app.key:secret")) // Either.right({ keyName: "app.key", ... })
 */
export const parse = (key: Redacted.Redacted<string>): Either.Either<ApiKey, AblyError> => {
  const match = keyPattern.exec(Redacted.value(key))
  if (match === null) {
    return Either.left(
      ablyError(40101, 401, "Invalid key: expected the form appId.keyId:keySecret (the key itself is not shown)")
    )
  }
  return Either.right({ keyName: match[1]!, secret: Redacted.make(match[2]!), full: key })
}
