/**
 * Fetching a token from an `authUrl` (RSA8c): GET with params in the query or POST with a form
 * body, `authHeaders` sent, the answer read by its Content-Type.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { AblyError } from "../Errors.js"
import * as Codec from "../Http/Codec.js"
import { readBody } from "../Http/ResponseDecoding.js"
import { authFailure, classify, maxTokenSize, type TokenResult } from "./TokenResult.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface AuthUrlOptions {
  readonly authUrl: string
  readonly authMethod: "GET" | "POST"
  readonly authHeaders: Readonly<Record<string, string>>
  readonly authParams: Readonly<Record<string, string>>
}

const base = (): string | undefined => {
  const location: unknown = Reflect.get(globalThis, "location")
  const href = location === undefined || location === null ? undefined : Reflect.get(location, "href")
  return typeof href === "string" ? href : undefined
}

/**
 * The merged params: those already in the URL, then `authParams`, then the token params,
 * later ones winning (RSA8c1c, RSA8c2).
 *
 * @since 0.1.0
 * @category requests
 * @example
 * import { AuthUrl } from "@effect-ably/core"
 * AuthUrl.mergedParams(new URL("https://x.test/auth?a=1&ttl=5"), { b: "2" }, { ttl: "60000" })
 * // [["a", "1"], ["ttl", "60000"], ["b", "2"]]
 */
export const mergedParams = (
  url: URL,
  authParams: Readonly<Record<string, string>>,
  tokenParams: Readonly<Record<string, string>>
): ReadonlyArray<readonly [string, string]> => {
  const merged = new URLSearchParams(url.search)
  for (const [name, value] of [...Object.entries(authParams), ...Object.entries(tokenParams)]) merged.set(name, value)
  return Array.from(merged.entries())
}

/**
 * Requests a token from the auth URL. Any failure (network, status, content type, size,
 * timeout) is a 40170 error with the cause.
 *
 * @since 0.1.0
 * @category requests
 * @example
 * import { AuthUrl } from "@effect-ably/core"
 * // AuthUrl.fetchToken(httpClient, { authUrl: "https://example.com/token", authMethod: "GET", authHeaders: {}, authParams: {} }, { ttl: "60000" })
 */
export const fetchToken = (
  client: HttpClient.HttpClient,
  options: AuthUrlOptions,
  tokenParams: Readonly<Record<string, string>>
): Effect.Effect<TokenResult, AblyError> =>
  Effect.gen(function*() {
    const url = yield* Either.try({
      try: () => new URL(options.authUrl, base()),
      catch: (cause) => authFailure("authUrl is not a valid URL", cause)
    })
    const params = mergedParams(url, options.authParams, tokenParams)
    url.search = ""
    const headers = { accept: "application/json, application/jwt, text/plain", ...options.authHeaders }
    const request = options.authMethod === "POST"
      ? HttpClientRequest.post(url, { headers }).pipe(HttpClientRequest.bodyUrlParams(params))
      : HttpClientRequest.get(url, { headers, urlParams: params })
    const response = yield* Effect.mapError(client.execute(request), (cause) =>
      authFailure(`authUrl request failed: ${cause.message}`, cause.cause ?? cause.reason))
    if (response.status < 200 || response.status >= 300) {
      return yield* Effect.fail(authFailure(`authUrl answered HTTP ${response.status}`))
    }
    // Bounded like any answer (a declared length first, a chunked body counted as it is read).
    const bytes = yield* Effect.mapError(readBody(response, response.headers, undefined, maxTokenSize), (error) =>
      error.code === 50000
        ? authFailure(`the authUrl answer is larger than ${maxTokenSize} bytes`)
        : authFailure("reading the authUrl answer failed", error.cause))
    const mime = (response.headers["content-type"] ?? "").split(";", 1)[0]!.trim().toLowerCase()
    if (mime === "application/json") {
      const parsed = yield* Either.try({
        try: () => JSON.parse(Codec.utf8Decode(bytes)) as unknown,
        catch: (cause) => authFailure("the authUrl answer is not valid JSON", cause)
      })
      return yield* classify(parsed)
    }
    if (mime === "text/plain" || mime === "application/jwt") return yield* classify(Codec.utf8Decode(bytes))
    return yield* Effect.fail(authFailure(`the authUrl answered with unsupported content type "${mime}"`))
  })
