/**
 * The HTTP path: turns an `AblyRequest` into attempts on the primary and fallback hosts,
 * with Ably's headers, the client's protocol, request timeouts, error decoding and the one
 * token renewal retry. The only module that talks to `HttpClient`.
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
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Auth } from "../Auth/Auth.js"
import { type AblyError, ablyError, isTokenError } from "../Errors.js"
import { AblyOptions } from "../Options/AblyOptions.js"
import { baseUrl } from "../Options/Hosts.js"
import { randomId } from "../Random.js"
import { agentHeader, protocolVersion } from "../Version.js"
import type { AblyRequest, AblyResponse } from "./AblyRequest.js"
import * as Codec from "./Codec.js"
import * as HostSelection from "./HostSelection.js"
import { errorFromResponse, readResponse } from "./ResponseDecoding.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly protocol: Codec.Protocol
  /** Sends a request; a non-2xx answer fails with the decoded `AblyError`. */
  readonly send: (request: AblyRequest) => Effect.Effect<AblyResponse, AblyError>
  /** Sends a request; any HTTP answer is a value. Fails only when no host answered. */
  readonly sendRaw: (request: AblyRequest) => Effect.Effect<AblyResponse, AblyError>
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * import { AblyHttp } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const time = Effect.flatMap(AblyHttp.AblyHttp, (http) => http.send({ method: "GET", path: "/time", authenticated: false }))
 */
export class AblyHttp extends Context.Tag("@effect-ably/core/AblyHttp")<AblyHttp, Service>() {}

/**
 * `true` for answers that send the request on to a fallback host (RSC15l3, RSC15l4).
 *
 * @since 0.1.0
 * @category fallback
 */
export const isFallbackStatus = (response: AblyResponse): boolean =>
  (response.status >= 500 && response.status <= 504) ||
  (response.status >= 400 && (response.headers["server"] ?? "").toLowerCase().includes("cloudfront"))

const isSuccess = (status: number) => status >= 200 && status < 300

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.gen(function*() {
  const options = yield* AblyOptions
  const auth = yield* Auth
  const client = yield* HttpClient.HttpClient
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
    accept: Codec.contentTypes[protocol],
    ...auth.identityHeaders
  }
  const timeout = Duration.millis(options.httpRequestTimeout)

  const attempt = (
    host: string,
    request: AblyRequest,
    headers: Record<string, string>,
    body: HttpBody.HttpBody,
    requestId: string | undefined
  ): Effect.Effect<AblyResponse, AblyError> => {
    const url = (baseUrls.get(host) ?? baseUrl(host, options)) + request.path
    const query = requestId === undefined ? request.query ?? [] : [...(request.query ?? []), ["request_id", requestId] as const]
    return client.execute(HttpClientRequest.make(request.method)(url, { headers, urlParams: query, body })).pipe(
      Effect.mapError((cause) =>
        // The platform error holds the request (and its headers): keep only what went wrong.
        ablyError(80000, 500, `Request to ${host} failed: ${cause.message}`, { cause: cause.cause ?? cause.reason, requestId })),
      Effect.flatMap((response) => readResponse(request, response, requestId)),
      Effect.timeoutFail({
        duration: timeout,
        onTimeout: () => ablyError(50003, 500, `Timeout: no response from ${host} within ${options.httpRequestTimeout}ms`, { requestId })
      })
    )
  }

  // Primary (or preferred) host first, then fallbacks while the answer qualifies (RSC15).
  const acrossHosts = (
    request: AblyRequest,
    headers: Record<string, string>,
    body: HttpBody.HttpBody,
    requestId: string | undefined
  ) =>
    Effect.gen(function*() {
      const hosts = yield* selection.plan
      const started = yield* Clock.currentTimeMillis
      let outcome: Either.Either<AblyResponse, AblyError> = Either.left(ablyError(80000, 500, "No host to send to"))
      for (let index = 0; index < hosts.length; index++) {
        const host = hosts[index]!
        if (index > 0 && (yield* Clock.currentTimeMillis) - started >= options.httpMaxRetryDuration) break
        outcome = yield* Effect.either(attempt(host, request, headers, body, requestId))
        const retry = Either.match(outcome, { onLeft: () => true, onRight: isFallbackStatus })
        if (!retry) {
          if (index > 0) yield* selection.succeeded(host)
          break
        }
        yield* selection.failed(host)
      }
      return yield* outcome
    })

  const sendRaw = (request: AblyRequest): Effect.Effect<AblyResponse, AblyError> =>
    Effect.gen(function*() {
      const requestId = options.addRequestIds ? yield* randomId(9) : undefined
      const body = request.body === undefined
        ? HttpBody.empty
        : HttpBody.uint8Array(Codec.encode(protocol, request.body), Codec.contentTypes[protocol])
      const headers = {
        ...staticHeaders,
        ...request.headers,
        ...(request.version === undefined ? {} : { "x-ably-version": request.version })
      }
      if (request.authenticated === false) return yield* acrossHosts(request, headers, body, requestId)
      const authorization = yield* auth.authorization
      const response = yield* acrossHosts(request, withAuth(headers, authorization), body, requestId)
      if (response.status !== 401) return response
      const error = errorFromResponse(response)
      if (!isTokenError(error)) return response
      // Exactly one renewal and one retry (RSA4b): a second token error is the caller's.
      const renewed = yield* auth.renew(error)
      return yield* acrossHosts(request, withAuth(headers, renewed), body, requestId)
    })

  const send = (request: AblyRequest): Effect.Effect<AblyResponse, AblyError> =>
    Effect.flatMap(sendRaw(request), (response) =>
      isSuccess(response.status) ? Effect.succeed(response) : Effect.fail(errorFromResponse(response)))

  return AblyHttp.of({ protocol, send, sendRaw })
})

const withAuth = (headers: Record<string, string>, authorization: Redacted.Redacted<string>) => ({
  ...headers,
  authorization: Redacted.value(authorization)
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<AblyHttp, never, AblyOptions | Auth | HttpClient.HttpClient> = Layer.effect(AblyHttp, make)
