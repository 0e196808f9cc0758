/**
 * The transport: turns an `AblyRequest` into attempts on the primary and fallback hosts, with
 * Ably's headers, the client's protocol, request ids and timeouts. It knows no auth rules:
 * the caller passes the credential headers (none for `/time` and signed token requests), so
 * both `Auth` and `AblyHttp` build on it. The only module that talks to `HttpClient` for Ably.
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { constTrue } from "effect/Function"
import * as Layer from "effect/Layer"
import { AblyOptions } from "../../AblyOptions.js"
import { type AblyError, ablyError, isRetryable } from "../../Errors.js"
import { agentHeader, protocolVersion } from "../../Version.js"
import { baseUrl, origin } from "../options/Hosts.js"
import { randomId } from "../Random.js"
import type { AblyRequest, AblyResponse } from "./AblyRequest.js"
import * as Codec from "./Codec.js"
import * as HostSelection from "./HostSelection.js"
import * as Redirects from "./Redirects.js"
import { errorFromResponse, readResponse } from "./ResponseDecoding.js"

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
 * `true` for answers that send the request on to a fallback host (RSC15l3, RSC15l4).
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

/**
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Transport from "./Transport.js"
 * // Built by Rest.layer; needs AblyOptions and an HttpClient.
 * const transport = Transport.make
 */
export const make = Effect.gen(function*() {
  const options = yield* AblyOptions
  // No redirects (they could carry credentials elsewhere) and no platform span: it would record
  // the request and its headers, and add `b3`/`traceparent` headers to every request to Ably.
  const client = HttpClient.withTracerDisabledWhen(
    yield* Redirects.notFollowed(yield* HttpClient.HttpClient),
    constTrue
  )
  const selection = yield* HostSelection.make(options.hosts, {
    maxRetryCount: options.httpMaxRetryCount,
    fallbackRetryTimeout: options.fallbackRetryTimeout
  })
  const { protocol } = options
  // Everything that does not change per request is computed once.
  const baseUrls = new Map(
    [options.hosts.primary, ...options.hosts.fallbacks].map((host) => [host, baseUrl(host, options)] as const)
  )
  const staticHeaders: Record<string, string> = {
    "x-ably-version": protocolVersion,
    "ably-agent": agentHeader(options.agents),
    accept: Codec.contentTypes[protocol]
  }
  const timeout = Duration.millis(options.httpRequestTimeout)
  const origins = Array.from(baseUrls.values(), origin)

  const attempt = (
    host: string,
    request: AblyRequest,
    headers: Record<string, string>,
    body: HttpBody.HttpBody,
    requestId: string | undefined
  ): Effect.Effect<AblyResponse, AblyError> => {
    const url = (baseUrls.get(host) ?? baseUrl(host, options)) + request.path
    const query = requestId === undefined
      ? request.query ?? []
      : [...(request.query ?? []), ["request_id", requestId] as const]
    return client.execute(HttpClientRequest.make(request.method)(url, { headers, urlParams: query, body })).pipe(
      Effect.mapError((cause) =>
        // The platform error holds the request and its headers: `ablyError` keeps only a
        // summary (tag, reason, the cause's name and message), never the request.
        ablyError(80000, 500, `Request to ${host} failed: ${cause.reason} error`, { cause, requestId })
      ),
      Effect.flatMap((response) => readResponse(request, response, requestId)),
      Effect.timeoutFail({
        duration: timeout,
        onTimeout: () =>
          ablyError(50003, 500, `Timeout: no response from ${host} within ${options.httpRequestTimeout}ms`, {
            requestId
          })
      })
    )
  }

  // The preferred (or primary) host first, then fallbacks while the answer qualifies (RSC15).
  const send = (request: AblyRequest, credentials: Readonly<Record<string, string>>) =>
    Effect.gen(function*() {
      // Glued to `https://host:port`, a path not starting with "/" would change the authority.
      if (!request.path.startsWith("/")) {
        return yield* Effect.fail(ablyError(40000, 400, "Invalid request path: it must start with '/'"))
      }
      const requestId = options.addRequestIds ? yield* randomId(9) : undefined
      const body = request.body === undefined
        ? HttpBody.empty
        // A body that cannot be encoded fails with 40013 before anything is sent.
        : HttpBody.uint8Array(yield* Codec.encode(protocol, request.body), Codec.contentTypes[protocol])
      const headers = {
        ...staticHeaders,
        ...request.headers,
        ...(request.version === undefined ? {} : { "x-ably-version": request.version }),
        ...credentials
      }
      const hosts = yield* selection.plan
      const started = yield* Clock.currentTimeMillis
      // `plan` always holds at least the primary host, so the loop runs at least once.
      let outcome: Either.Either<AblyResponse, AblyError> | undefined
      for (let index = 0; index < hosts.length; index++) {
        const host = hosts[index]!
        if (index > 0 && (yield* Clock.currentTimeMillis) - started >= options.httpMaxRetryDuration) break
        outcome = yield* Effect.either(attempt(host, request, headers, body, requestId))
        const retry = Either.match(outcome, { onLeft: isRetryable, onRight: isFallbackStatus })
        if (!retry) {
          if (index > 0) yield* selection.succeeded(host)
          break
        }
        yield* selection.failed(host)
      }
      return yield* (outcome ?? Either.left(ablyError(80000, 500, "No host to send to", { requestId })))
    })

  return Transport.of({ protocol, origins, send })
})

/**
 * @since 0.1.0
 * @category layers
 * @example
 * import * as Transport from "./Transport.js"
 * const TransportLive = Transport.layer
 */
export const layer: Layer.Layer<Transport, never, AblyOptions | HttpClient.HttpClient> = Layer.effect(Transport, make)
