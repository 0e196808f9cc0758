/**
 * The transport: turns an `AblyRequest` into attempts on the primary and fallback hosts, with
 * Ably's headers, the client's protocol, request ids and timeouts (RSC13: `httpOpenTimeout`
 * for the connection where the engine sees it, `httpRequestTimeout` per attempt, both 50003
 * with `detail.timeout` `"connect"` / `"request"`). The call's deadline (`Deadline`) is read
 * once per request and cuts each attempt's timeout to the time left; on a client with
 * fallback hosts, `FallbackLoop` steps the fallback policy (`FallbackPolicy`, RSC15) after a
 * failed attempt only. It knows no auth rules:
 * the caller passes the credential headers (none for `/time` and signed token requests), so
 * both `Auth` and `AblyHttp` build on it. The only module that talks to the `HttpEngine` for Ably.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { AblyOptions } from "../../AblyOptions.js"
import { type AblyError, ablyError } from "../../Errors.js"
import * as FallbackPolicy from "../../FallbackPolicy.js"
import * as Limits from "../../Limits.js"
import { agentHeader, protocolVersion } from "../../Version.js"
import { baseUrl, origin } from "../options/Hosts.js"
import { randomId } from "../Random.js"
import * as Span from "../Span.js"
import type { AblyRequest, AblyResponse } from "./AblyRequest.js"
import * as AttemptError from "./AttemptError.js"
import * as CallDeadline from "./CallDeadline.js"
import * as Codec from "./Codec.js"
import { type EngineFailure, failure, HttpEngine, layerFromHttpClient } from "./Engine.js"
import * as FallbackLoop from "./FallbackLoop.js"
import * as HostSelection from "./HostSelection.js"
import { decodeResponse, errorFromResponse } from "./ResponseDecoding.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly protocol: Codec.Protocol
  /** The configured hosts' origins (`https://host[:port]`), the only ones links may name. */
  readonly origins: ReadonlyArray<string>
  /**
   * Sends a request with the given credential headers; any HTTP answer is a value. Fails
   * only when no host answered (transport errors, timeouts) or the body is unreadable.
   */
  readonly send: (
    request: AblyRequest,
    credentials: Readonly<Record<string, string>>
  ) => Effect.Effect<AblyResponse, AblyError>
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * import * as Transport from "./Transport.js"
 * import { Effect } from "effect"
 * const time = Effect.flatMap(Transport.Transport, (t) => t.send({ method: "GET", path: "/time" }, {}))
 */
export class Transport extends Context.Tag("@effect-ably/core/Transport")<Transport, Service>() {}

/**
 * `true` for answers whose status sends the request on to a fallback host (RSC15l3, RSC15l4).
 * The transport decides with `FallbackPolicy.qualifies`, which adds the 50320 / 50330 codes.
 *
 * @since 0.1.0
 * @category fallback
 * @example
 * import * as Transport from "./Transport.js"
 * import { Headers } from "@effect/platform"
 * const request = { method: "GET", path: "/time" } as const
 * Transport.isFallbackStatus({ request, status: 503, headers: Headers.empty, body: undefined }) // true
 * Transport.isFallbackStatus({ request, status: 404, headers: Headers.empty, body: undefined }) // false
 */
export const isFallbackStatus = (response: AblyResponse): boolean =>
  (response.status >= 500 && response.status <= 504) ||
  (response.status >= 400 && (response.headers["server"] ?? "").toLowerCase().includes("cloudfront"))

/**
 * `true` for 2xx answers.
 *
 * @since 0.1.0
 * @category responses
 * @example
 * import * as Transport from "./Transport.js"
 * Transport.isSuccess(204) // true
 */
export const isSuccess = (status: number): boolean => status >= 200 && status < 300

/**
 * Fails with the decoded `AblyError` unless the answer is 2xx.
 *
 * @since 0.1.0
 * @category responses
 * @example
 * import * as Transport from "./Transport.js"
 * import { Effect } from "effect"
 * const time = Effect.flatMap(Transport.Transport, (transport) =>
 *   Effect.flatMap(transport.send({ method: "GET", path: "/time", auth: "none" }, {}), Transport.expectSuccess))
 */
export const expectSuccess = (response: AblyResponse): Effect.Effect<AblyResponse, AblyError> =>
  isSuccess(response.status) ? Effect.succeed(response) : Effect.fail(errorFromResponse(response))

// Paths of these characters go out as they are; any other goes through `new URL` (which
// percent-encodes what needs it), as the platform's client did.
const plainPath = /^\/[\w\-.~!$&'()*+,;=:@%/]*$/

type Query = ReadonlyArray<readonly [string, string]> | undefined

const urlOf = (base: string, path: string, query: Query): Either.Either<string, EngineFailure> => {
  if (plainPath.test(path)) {
    return Either.right(
      query === undefined || query.length === 0
        ? base + path
        : `${base}${path}?${new URLSearchParams(query as Array<[string, string]>)}`
    )
  }
  try {
    const url = new URL(base + path)
    if (query !== undefined) { for (const [name, value] of query) url.searchParams.append(name, value) }
    return Either.right(url.href)
  } catch (cause) {
    return Either.left(failure("Transport", "InvalidUrl error", cause))
  }
}

// Header names are case-insensitive: callers' own (`request()`) are lower-cased, so they
// replace ours rather than going out twice.
const lowerCased = (headers: Readonly<Record<string, string>>): Record<string, string> => {
  const lower: Record<string, string> = {}
  for (const name of Object.keys(headers)) lower[name.toLowerCase()] = headers[name]!
  return lower
}

/**
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Transport from "./Transport.js"
 * // Built by Rest.layer; needs AblyOptions and an HttpEngine.
 * const transport = Transport.make
 */
export const make = Effect.gen(function*() {
  const options = yield* AblyOptions
  const engine = yield* HttpEngine
  const selection = yield* HostSelection.make(options.hosts, { fallbackRetryTimeout: options.fallbackRetryTimeout })
  const { protocol } = options
  if (protocol === "msgpack") yield* Codec.loadMsgpack
  const { fallbacks, primary } = options.hosts
  // Everything that does not change per request is computed once.
  const baseUrls = new Map(
    [primary, ...fallbacks].map((host) => [host, baseUrl(host, options)] as const)
  )
  const staticHeaders: Record<string, string> = {
    "x-ably-version": protocolVersion,
    "ably-agent": agentHeader(options.agents),
    accept: Codec.contentTypes[protocol]
  }
  const contentType = Codec.contentTypes[protocol]
  const timeout = options.httpRequestTimeout
  const openTimeout = options.httpOpenTimeout
  const requestBounds: FallbackLoop.Bounds = { timeout, kind: "request" }
  const maxBytes = Limits.maxResponseBytes
  const origins = Array.from(baseUrls.values(), origin)

  const toError = AttemptError.make({ openTimeout, maxRetryDuration: options.httpMaxRetryDuration, maxBytes })

  // No generator of its own: the caller's is the only one per request. No span either: see
  // `attempt`, and `sendWith`, which checks the tracer itself.
  const attemptUntraced = (
    host: string,
    request: AblyRequest,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    requestId: string | undefined,
    bounds: FallbackLoop.Bounds
  ): Effect.Effect<AblyResponse, AblyError> => {
    const query = requestId === undefined
      ? request.query
      : [...(request.query ?? []), ["request_id", requestId] as const]
    const url = urlOf(baseUrls.get(host) ?? baseUrl(host, options), request.path, query)
    if (Either.isLeft(url)) return Effect.fail(toError(url.left, host, requestId, bounds))
    // One continuation for both outcomes (defects and interruption pass through it untouched).
    return Effect.matchEffect(
      engine.execute({
        method: request.method,
        url: url.right,
        headers,
        body,
        timeout: bounds.timeout,
        openTimeout,
        maxBytes
      }),
      {
        onFailure: (reason) => Effect.fail(toError(reason, host, requestId, bounds)),
        onSuccess: (raw) =>
          decodeResponse(request, raw.status, Headers.unsafeFromRecord(raw.headers), raw.body, requestId)
      }
    )
  }

  // One attempt in its `Ably.http` span when the tracer records spans.
  const attempt = (
    host: string,
    request: AblyRequest,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    requestId: string | undefined,
    attemptNumber: number,
    bounds: FallbackLoop.Bounds
  ): Effect.Effect<AblyResponse, AblyError> =>
    attemptUntraced(host, request, headers, body, requestId, bounds).pipe(Span.withAttemptSpan(() => ({
      "http.request.method": request.method,
      "server.address": host,
      "url.path": request.path,
      "ably.attempt": attemptNumber,
      ...(requestId === undefined ? undefined : { "ably.request_id": requestId })
    })))

  // The headers of the common request (no headers or version of its own), per credential
  // record (a constant one per credentials in use, see `AblyHttp`) and body presence: built
  // once, not per request. The engines only read them.
  const common = new WeakMap<
    object,
    { readonly withBody: Record<string, string>; readonly without: Record<string, string> }
  >()
  const headersFor = (
    request: AblyRequest,
    credentials: Readonly<Record<string, string>>,
    hasBody: boolean
  ): Record<string, string> => {
    if (request.headers === undefined && request.version === undefined) {
      let cached = common.get(credentials)
      if (cached === undefined) {
        const without = { ...staticHeaders, ...credentials }
        cached = { without, withBody: { ...without, "content-type": contentType } }
        common.set(credentials, cached)
      }
      return hasBody ? cached.withBody : cached.without
    }
    const headers = { ...staticHeaders }
    if (request.headers !== undefined) Object.assign(headers, lowerCased(request.headers))
    if (request.version !== undefined) headers["x-ably-version"] = request.version
    Object.assign(headers, credentials)
    if (hasBody) headers["content-type"] = contentType
    return headers
  }

  const schedule = options.fallbackSchedule ?? FallbackPolicy.standard(options.httpMaxRetryCount)
  // The preferred (or primary) host first, then fallbacks as the policy says (RSC15).
  const withFallbacks = (
    request: AblyRequest,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    requestId: string | undefined,
    deadline: CallDeadline.CallDeadline | undefined
  ) =>
    FallbackLoop.run(
      {
        selection,
        requestTimeout: timeout,
        maxRetryDuration: options.httpMaxRetryDuration,
        schedule,
        attempt: (host, attemptNumber, bounds) =>
          attempt(host, request, headers, body, requestId, attemptNumber, bounds),
        event: Span.attemptEvent
      },
      deadline,
      requestId
    )

  // The only attempt of a client without fallback hosts (RSC15m), within the call's deadline.
  const single = (
    request: AblyRequest,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    requestId: string | undefined,
    deadline: CallDeadline.CallDeadline
  ) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      deadline.at <= now
        ? Effect.fail(CallDeadline.exceeded(deadline, `before trying ${primary}`, requestId))
        : attempt(primary, request, headers, body, requestId, 1, FallbackLoop.bounds(timeout, deadline, now, Infinity)))

  // No generator when there are no fallbacks: one attempt, no host plan, no clock (unless
  // the call has a deadline, read once here).
  const sendWith = (
    request: AblyRequest,
    credentials: Readonly<Record<string, string>>,
    requestId: string | undefined
  ): Effect.Effect<AblyResponse, AblyError> => {
    let body: Uint8Array | undefined
    if (request.body !== undefined) {
      // A body that cannot be encoded fails with 40013 before anything is sent.
      const encoded = Codec.encode(protocol, request.body)
      if (Either.isLeft(encoded)) return Effect.fail(encoded.left)
      body = encoded.right
    }
    const headers = headersFor(request, credentials, body !== undefined)
    return Effect.withFiberRuntime((fiber) => {
      const deadline = fiber.getFiberRef(CallDeadline.current)
      if (fallbacks.length > 0) return withFallbacks(request, headers, body, requestId, deadline)
      if (deadline !== undefined) return single(request, headers, body, requestId, deadline)
      // The fiber is at hand: the tracer is read here, not by a step of the span's own.
      return Span.isRecording(fiber.currentTracer)
        ? attempt(primary, request, headers, body, requestId, 1, requestBounds)
        : attemptUntraced(primary, request, headers, body, requestId, requestBounds)
    })
  }

  const newRequestId = randomId(9)
  const send = (
    request: AblyRequest,
    credentials: Readonly<Record<string, string>>
  ): Effect.Effect<AblyResponse, AblyError> => {
    // Glued to `https://host:port`, a path not starting with "/" would change the authority.
    if (!request.path.startsWith("/")) {
      return Effect.fail(ablyError(40000, 400, "Invalid request path: it must start with '/'"))
    }
    return options.addRequestIds
      ? Effect.flatMap(newRequestId, (requestId) => sendWith(request, credentials, requestId))
      : sendWith(request, credentials, undefined)
  }

  return Transport.of({ protocol, origins, send })
})

/**
 * @since 0.1.0
 * @category layers
 * @example
 * import * as Transport from "./Transport.js"
 * const TransportLive = Transport.layerEngine
 */
export const layerEngine: Layer.Layer<Transport, never, AblyOptions | HttpEngine> = Layer.effect(Transport, make)

/**
 * `layerEngine` over the `HttpClient` in context (see `Engine.fromHttpClient`).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import * as Transport from "./Transport.js"
 * const TransportLive = Transport.layer
 */
export const layer: Layer.Layer<Transport, never, AblyOptions | HttpClient.HttpClient> = layerEngine.pipe(
  Layer.provide(layerFromHttpClient)
)
