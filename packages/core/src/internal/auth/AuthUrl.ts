/**
 * Fetching a token from an `authUrl` (RSA8c): GET with params in the query or POST with a form
 * body, `authHeaders` sent, the answer read by its Content-Type.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import { type AblyError, ablyError } from "../../Errors.js"
import { readBody } from "../http/ResponseDecoding.js"
import * as Utf8 from "../Utf8.js"
import { authFailure, classify, maxTokenSize, type TokenResult } from "./TokenResult.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface AuthUrlOptions {
  readonly authUrl: string
  readonly authMethod: "GET" | "POST"
  /** Secrets: only unwrapped into the request itself. */
  readonly authHeaders: Readonly<Record<string, Redacted.Redacted<string>>>
  /** Secrets: only unwrapped into the request itself. */
  readonly authParams: Readonly<Record<string, Redacted.Redacted<string>>>
}

/**
 * Per-call `authHeaders` / `authParams` (strings or `Redacted`) as `Redacted` values; `undefined`
 * is none. Anything but an object of such values fails with 40000, naming the option only.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as AuthUrl from "./AuthUrl.js"
 * AuthUrl.secretValues("authHeaders", { cookie: "session=abc" }) // Either.right({ cookie: <redacted> })
 */
export const secretValues = (
  option: "authHeaders" | "authParams",
  values: unknown
): Either.Either<Record<string, Redacted.Redacted<string>>, AblyError> => {
  if (values === undefined) return Either.right({})
  const invalid = Either.left(ablyError(40000, 400, `Invalid ${option}: expected an object of strings`))
  if (!Predicate.isRecord(values)) return invalid
  const secrets: Record<string, Redacted.Redacted<string>> = {}
  for (const [name, value] of Object.entries(values)) {
    const text = Redacted.isRedacted(value) ? Redacted.value(value) : value
    if (!Predicate.isString(text)) return invalid
    secrets[name] = Redacted.make(text)
  }
  return Either.right(secrets)
}

const base = (): string | undefined => {
  const location: unknown = Reflect.get(globalThis, "location")
  const href = location === undefined || location === null ? undefined : Reflect.get(location, "href")
  return typeof href === "string" ? href : undefined
}

/**
 * The merged params: those already in the URL, then `authParams`, then the token params,
 * later ones winning (RSA8c1c, RSA8c2). The result holds the secrets in clear: it goes into
 * the request only.
 *
 * @since 0.1.0
 * @category requests
 * @example
 * import * as AuthUrl from "./AuthUrl.js"
 * import { Redacted } from "effect"
 * AuthUrl.mergedParams(new URL("https://x.test/auth?a=1&ttl=5"), { b: Redacted.make("2") }, { ttl: "60000" })
 * // [["a", "1"], ["ttl", "60000"], ["b", "2"]]
 */
export const mergedParams = (
  url: URL,
  authParams: Readonly<Record<string, Redacted.Redacted<string>>>,
  tokenParams: Readonly<Record<string, string>>
): ReadonlyArray<readonly [string, string]> => {
  const merged = new URLSearchParams(url.search)
  for (const [name, value] of Object.entries(authParams)) merged.set(name, Redacted.value(value))
  for (const [name, value] of Object.entries(tokenParams)) merged.set(name, value)
  return Array.from(merged.entries())
}

const unwrapped = (values: Readonly<Record<string, Redacted.Redacted<string>>>): Record<string, string> => {
  const clear: Record<string, string> = {}
  for (const [name, value] of Object.entries(values)) clear[name] = Redacted.value(value)
  return clear
}

/**
 * Requests a token from the auth URL. Any failure (network, status, content type, size,
 * timeout) is a 40170 error with a summary of the cause.
 *
 * The platform's HttpClient span would record the full URL (query = authParams and token
 * params) and every request header not in `Headers.currentRedactedNames`: the request runs
 * with the platform tracer off, inside an `Auth.authUrl` span that carries only the method,
 * the URL's origin and path, and the status. The authHeaders names are added to the redacted
 * names for the request too, for middleware that prints headers.
 *
 * @since 0.1.0
 * @category requests
 * @example
 * import * as AuthUrl from "./AuthUrl.js"
 * import { HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 * const options = { authUrl: "https://example.com/token", authMethod: "GET", authHeaders: {}, authParams: {} } as const
 * const token = Effect.flatMap(HttpClient.HttpClient, (client) => AuthUrl.fetchToken(client, options, { ttl: "60000" }))
 */
export const fetchToken = (
  client: HttpClient.HttpClient,
  options: AuthUrlOptions,
  tokenParams: Readonly<Record<string, string>>
): Effect.Effect<TokenResult, AblyError> =>
  Effect.flatMap(
    Either.try({
      try: () => new URL(options.authUrl, base()),
      catch: (cause) => authFailure("authUrl is not a valid URL", cause)
    }),
    (url) =>
      fetchFrom(client, url, options, tokenParams).pipe(
        Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, ...Object.keys(options.authHeaders)]),
        Effect.withSpan("Auth.authUrl", {
          kind: "client",
          captureStackTrace: false,
          attributes: {
            "http.request.method": options.authMethod,
            "server.address": url.origin,
            "url.path": url.pathname
          }
        })
      )
  )

const fetchFrom = (
  client: HttpClient.HttpClient,
  url: URL,
  options: AuthUrlOptions,
  tokenParams: Readonly<Record<string, string>>
): Effect.Effect<TokenResult, AblyError> =>
  Effect.gen(function*() {
    const params = mergedParams(url, options.authParams, tokenParams)
    const target = new URL(url)
    target.search = ""
    const headers = { accept: "application/json, application/jwt, text/plain", ...unwrapped(options.authHeaders) }
    const request = options.authMethod === "POST"
      ? HttpClientRequest.post(target, { headers }).pipe(HttpClientRequest.bodyUrlParams(params))
      : HttpClientRequest.get(target, { headers, urlParams: params })
    const untraced = HttpClient.withTracerDisabledWhen(client, () => true)
    const response = yield* Effect.mapError(untraced.execute(request), (cause) =>
      // `authFailure` keeps a summary of the platform error, never the request.
      authFailure(`authUrl request failed: ${cause.reason} error`, cause))
    yield* Effect.annotateCurrentSpan("http.response.status_code", response.status)
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
        try: () =>
          JSON.parse(Utf8.decode(bytes)) as unknown,
        // No cause: V8's JSON.parse message quotes the text, which may be a token.
        catch: () =>
          authFailure("the authUrl answer is not valid JSON")
      })
      return yield* classify(parsed)
    }
    if (mime === "text/plain" || mime === "application/jwt") return yield* classify(Utf8.decode(bytes))
    return yield* Effect.fail(authFailure(`the authUrl answered with unsupported content type "${mime}"`))
  })
