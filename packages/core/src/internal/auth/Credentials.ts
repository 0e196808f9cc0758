/**
 * Credentials: the headers that prove who a request comes from.
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"
import type { TokenDetails } from "../../TokenDetails.js"
import * as Base64 from "../Base64.js"

/**
 * What a request carries to prove who it is.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly authorization: Redacted.Redacted<string>
  /** `X-Ably-ClientId` with Basic auth and a clientId (RSA7e2). */
  readonly identity: Readonly<Record<string, string>>
}

/**
 * The headers for a request with these credentials.
 *
 * @since 0.1.0
 * @category models
 * @example
 * import * as Credentials from "./Credentials.js"
 * import { Redacted } from "effect"
 * Credentials.headersOf({ authorization: Redacted.make("Bearer x"), identity: {} }) // { authorization: "Bearer x" }
 */
export const headersOf = (credentials: Credentials): Record<string, string> => ({
  ...credentials.identity,
  authorization: Redacted.value(credentials.authorization)
})

/**
 * Bearer credentials for a token: `Bearer base64(token)` (RSA3b).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Credentials from "./Credentials.js"
 * import { Redacted } from "effect"
 * Credentials.bearer({ token: Redacted.make("abc") })
 */
export const bearer = (details: TokenDetails): Credentials => ({
  authorization: Redacted.make(`Bearer ${Base64.encode(Redacted.value(details.token))}`),
  identity: {}
})
