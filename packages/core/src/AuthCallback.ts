/**
 * The `authCallback` option (RSA8d) and per-call `AuthOptions` (AO2).
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import type { TokenParams } from "./TokenParams.js"

/**
 * Returns a token string (Ably token or JWT), TokenDetails, a TokenRequest, or a JSON object of
 * either shape, as a value, a Promise or an Effect. It is called with the token params for
 * each new token; a failure or an invalid result becomes 40170.
 *
 * @since 0.1.0
 * @category models
 * @example
 * import type { AuthCallback } from "@effect-ably/core"
 * const callback: AuthCallback.AuthCallback = (params) =>
 *   fetch("/api/ably-token", { method: "POST", body: JSON.stringify(params) }).then((r) => r.json())
 */
export type AuthCallback = (
  params: TokenParams
) => Effect.Effect<unknown, unknown> | PromiseLike<unknown> | string | object

/**
 * Options for one `requestToken` / `authorize` / `createTokenRequest` call. Given options
 * replace the stored ones (RSA8e); the client's key is used when no key is given.
 *
 * @since 0.1.0
 * @category models
 */
export interface AuthOptions {
  readonly key?: string | Redacted.Redacted<string> | undefined
  readonly authCallback?: AuthCallback | undefined
  readonly authUrl?: string | undefined
  readonly authMethod?: "GET" | "POST" | undefined
  /** Secrets, like the key: held as `Redacted` from here on. */
  readonly authHeaders?: Readonly<Record<string, string | Redacted.Redacted<string>>> | undefined
  /** Secrets, like the key: held as `Redacted` from here on. */
  readonly authParams?: Readonly<Record<string, string | Redacted.Redacted<string>>> | undefined
  readonly queryTime?: boolean | undefined
}
