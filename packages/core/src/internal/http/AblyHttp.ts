/**
 * The authenticated HTTP path: credentials from `Auth` per the request's auth mode, and the
 * one token renewal and retry on a token error (RSA4b, RSC10). Nothing else sends requests
 * to Ably with credentials.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { type AblyError, isTokenError } from "../../Errors.js"
import { Auth, headersOf } from "../auth/Auth.js"
import type { AblyRequest, AblyResponse } from "./AblyRequest.js"
import type * as Codec from "./Codec.js"
import { errorFromResponse } from "./ResponseDecoding.js"
import { expectSuccess, Transport } from "./Transport.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly protocol: Codec.Protocol
  /** The configured hosts' origins (`https://host[:port]`): pagination links may name only these. */
  readonly origins: ReadonlyArray<string>
  /** Sends a request; a non-2xx answer fails with the decoded `AblyError`. */
  readonly send: (request: AblyRequest) => Effect.Effect<AblyResponse, AblyError>
  /** Sends a request; every HTTP answer is a value. Fails only when no host answered. */
  readonly sendRaw: (request: AblyRequest) => Effect.Effect<AblyResponse, AblyError>
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * import * as AblyHttp from "./AblyHttp.js"
 * import { Effect } from "effect"
 * const channels = Effect.flatMap(AblyHttp.AblyHttp, (http) => http.send({ method: "GET", path: "/channels" }))
 */
export class AblyHttp extends Context.Tag("@effect-ably/core/AblyHttp")<AblyHttp, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as AblyHttp from "./AblyHttp.js"
 * // Built by Rest.layer; needs Transport and Auth.
 * const http = AblyHttp.make
 */
export const make = Effect.gen(function*() {
  const transport = yield* Transport
  const auth = yield* Auth

  const sendRaw = (request: AblyRequest): Effect.Effect<AblyResponse, AblyError> =>
    Effect.gen(function*() {
      if (request.auth === "none") return yield* transport.send(request, {})
      if (request.auth === "basic") return yield* transport.send(request, headersOf(yield* auth.basicCredentials))
      const credentials = yield* auth.credentials
      const response = yield* transport.send(request, headersOf(credentials))
      if (response.status !== 401) return response
      const error = errorFromResponse(response)
      if (!isTokenError(error)) return response
      // Exactly one renewal and one retry: a second token error is the caller's (RSA4b).
      const renewed = yield* auth.renew(credentials, error)
      return yield* transport.send(request, headersOf(renewed))
    })

  return AblyHttp.of({
    protocol: transport.protocol,
    origins: transport.origins,
    send: (request) => Effect.flatMap(sendRaw(request), expectSuccess),
    sendRaw
  })
})

/**
 * @since 0.1.0
 * @category layers
 * @example
 * import * as AblyHttp from "./AblyHttp.js"
 * const HttpLive = AblyHttp.layer
 */
export const layer: Layer.Layer<AblyHttp, never, Transport | Auth> = Layer.effect(AblyHttp, make)
