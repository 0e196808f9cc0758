/**
 * The MAC of a signed TokenRequest (RSA9): the six signed fields, each followed by a newline,
 * HMAC-SHA256'd with the key secret and sent as standard base64.
 *
 * @since 0.1.0
 */
import { type Errors, TokenRequest } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Hmac from "./Hmac.js"

/**
 * The fields a TokenRequest MAC covers (the SDK's own definition, so both sides sign alike).
 * Absent optional fields sign as empty strings.
 *
 * @since 0.1.0
 * @category models
 */
export type SignedFields = TokenRequest.Unsigned

/**
 * Whether `mac` (standard base64) signs the fields under the key secret. A MAC that is not
 * base64 is simply wrong; the comparison is timing-safe.
 *
 * @since 0.1.0
 * @category verification
 * @example
 * import { verifyMac } from "./TokenRequestMac.js"
 * const ok = verifyMac({ keyName: "a.b", timestamp: 1, nonce: "n" }, "bm9wZQ==", "secret")
 */
export const verifyMac = (
  fields: SignedFields,
  mac: string,
  keySecret: string
): Effect.Effect<boolean, Errors.AblyError> =>
  Either.match(Encoding.decodeBase64(mac), {
    onLeft: () => Effect.succeed(false),
    onRight: (signature) => Hmac.verify(keySecret, TokenRequest.signingText(fields), signature)
  })
