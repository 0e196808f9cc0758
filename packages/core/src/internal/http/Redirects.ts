/**
 * Redirects are never followed. A redirect is a server naming another URL, and the request
 * carries credentials (the key or token to Ably, `authHeaders` to an `authUrl`): following it
 * could send them off the configured hosts. Ably does not redirect REST requests, so a 3xx
 * answer is an error like any other non-2xx one.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/**
 * The client, set not to follow redirects: `fetch`-based clients get `redirect: "manual"` on
 * top of any `FetchHttpClient.RequestInit` the application provides (the answer is then the
 * 3xx itself, or an opaque status-0 answer in browsers). Clients over undici and the
 * emulator do not follow redirects to begin with.
 *
 * @since 0.1.0
 * @category clients
 * @example
 * import * as Redirects from "./Redirects.js"
 * import { HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 * const client = Effect.flatMap(HttpClient.HttpClient, Redirects.notFollowed)
 */
export const notFollowed = (client: HttpClient.HttpClient): Effect.Effect<HttpClient.HttpClient> =>
  Effect.map(Effect.serviceOption(FetchHttpClient.RequestInit), (init) => {
    const options: RequestInit = { ...Option.getOrElse(init, () => ({})), redirect: "manual" }
    return HttpClient.transformResponse(client, Effect.provideService(FetchHttpClient.RequestInit, options))
  })
