/**
 * Fetching a token from an `authUrl` (RSA8c): GET with params in the query or POST with a form
 * body, `authHeaders` sent, the answer read by its Content-Type.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import { type AblyError, ablyError } from "../../Errors.js"
import type * as Engine from "../http/Engine.js"
import * as Span from "../Span.js"
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

const lowerCased = (headers: Readonly<Record<string, string>>): Record<string, string> => {
  const lower: Record<string, string> = {}
  for (const name of Object.keys(headers)) lower[name.toLowerCase()] = headers[name]!
  return lower
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
 * It goes through the client's `HttpEngine` (over an `HttpClient`, the platform's span, which
 * would record the full URL, is off): the request runs inside an `Auth.authUrl` span that
 * carries only the method,
 * the URL's origin and path, and the status. The authHeaders names are added to the redacted
 * names for the request too, for middleware that prints headers. `timeout` bounds the request
 * itself (callers also bound the whole token fetch).
 *
 * @since 0.1.0
 * @category requests
 * @example
 * import * as AuthUrl from "./AuthUrl.js"
 * import * as Engine from "../http/Engine.js"
 * import { Effect } from "effect"
 * const options = { authUrl: "https://example.com/token", authMethod: "GET", authHeaders: {}, authParams: {} } as const
 * const token = Effect.flatMap(Engine.HttpEngine, (engine) => AuthUrl.fetchToken(engine, options, { ttl: "60000" }, 10_000))
 */
export const fetchToken = (
  engine: Engine.Service,
  options: AuthUrlOptions,
  tokenParams: Readonly<Record<string, string>>,
  timeout: number
): Effect.Effect<TokenResult, AblyError> =>
  Effect.flatMap(
    Either.try({
      try: () => new URL(options.authUrl, base()),
      catch: (cause) => authFailure("authUrl is not a valid URL", cause)
    }),
    (url) =>
      fetchFrom(engine, url, options, tokenParams, timeout).pipe(
        Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, ...Object.keys(options.authHeaders)]),
        Span.withSpan("Auth.authUrl", {
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

const formContentType = "application/x-www-form-urlencoded"

const fetchFrom = (
  engine: Engine.Service,
  url: URL,
  options: AuthUrlOptions,
  tokenParams: Readonly<Record<string, string>>,
  timeout: number
): Effect.Effect<TokenResult, AblyError> =>
  Effect.gen(function*() {
    const query = new URLSearchParams(mergedParams(url, options.authParams, tokenParams) as Array<[string, string]>)
      .toString()
    const target = new URL(url)
    target.search = ""
    target.hash = ""
    const headers: Record<string, string> = {
      accept: "application/json, application/jwt, text/plain",
      ...lowerCased(unwrapped(options.authHeaders))
    }
    const post = options.authMethod === "POST"
    if (post) headers["content-type"] = formContentType
    const response = yield* Effect.mapError(
      engine.execute({
        method: options.authMethod,
        url: post || query.length === 0 ? target.href : `${target.href}?${query}`,
        headers,
        body: post ? Utf8.encode(query) : undefined,
        timeout,
        maxBytes: maxTokenSize
      }),
      // `authFailure` keeps a summary of the cause, never the request.
      (failure) =>
        failure.reason === "TooLarge"
          ? authFailure(`the authUrl answer is larger than ${maxTokenSize} bytes`)
          : failure.reason === "Read"
          ? authFailure("reading the authUrl answer failed", failure.cause)
          : authFailure(`authUrl request failed: ${failure.detail ?? `${failure.reason} error`}`, failure.cause)
    )
    yield* Effect.annotateCurrentSpan("http.response.status_code", response.status)
    if (response.status < 200 || response.status >= 300) {
      return yield* Effect.fail(authFailure(`authUrl answered HTTP ${response.status}`))
    }
    const bytes = response.body
    const mime = (response.headers["content-type"] ?? "").split(";", 1)[0]!.trim().toLowerCase()
    if (mime === "application/json") {
      const parsed = yield* Either.try({
        try: () => JSON.parse(Utf8.decode(bytes)) as unknown,
        // No cause: V8's JSON.parse message quotes the text, which may be a token.
        catch: () => authFailure("the authUrl answer is not valid JSON")
      })
      return yield* classify(parsed)
    }
    if (mime === "text/plain" || mime === "application/jwt") return yield* classify(Utf8.decode(bytes))
    return yield* Effect.fail(authFailure(`the authUrl answered with unsupported content type "${mime}"`))
  })
