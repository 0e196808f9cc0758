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
import { Auth, type Credentials, headersOf } from "../auth/Auth.js"
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

const noCredentials: Readonly<Record<string, string>> = {}

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

  // Credential headers built once per credentials in use (the Basic header never changes;
  // a token's until it is renewed), not per request; `Transport` caches its headers by them.
  let lastCredentials: Credentials | undefined
  let lastHeaders: Readonly<Record<string, string>> = noCredentials
  const headersFor = (credentials: Credentials): Readonly<Record<string, string>> => {
    if (credentials !== lastCredentials) {
      lastHeaders = headersOf(credentials)
      lastCredentials = credentials
    }
    return lastHeaders
  }

  // A 401 with a token error: exactly one renewal and one retry; a second token error is the
  // caller's (RSA4b).
  const renewed = (request: AblyRequest, credentials: Credentials, response: AblyResponse) => {
    const error = errorFromResponse(response)
    if (!isTokenError(error)) return Effect.succeed(response)
    return Effect.flatMap(auth.renew(credentials, error), (fresh) => transport.send(request, headersFor(fresh)))
  }

  // No generator: plain continuations, `expectSuccess` folded into the one that reads the answer.
  const sendWith = (request: AblyRequest, check: boolean): Effect.Effect<AblyResponse, AblyError> => {
    if (request.auth === "none") {
      // `Transport.send` encodes the body when called: with a body, only when this is run.
      const sent = request.body === undefined
        ? transport.send(request, noCredentials)
        : Effect.suspend(() => transport.send(request, noCredentials))
      return check ? Effect.flatMap(sent, expectSuccess) : sent
    }
    if (request.auth === "basic") {
      const sent = Effect.flatMap(auth.basicCredentials, (basic) => transport.send(request, headersFor(basic)))
      return check ? Effect.flatMap(sent, expectSuccess) : sent
    }
    const sendWithCredentials = (credentials: Credentials) =>
      Effect.flatMap(transport.send(request, headersFor(credentials)), (response) => {
        if (response.status === 401) {
          const retried = renewed(request, credentials, response)
          return check ? Effect.flatMap(retried, expectSuccess) : retried
        }
        return check ? expectSuccess(response) : Effect.succeed(response)
      })
    // Credentials at hand (Basic, a token without expiry) are read in this one step; others
    // come from `auth.credentials` (read when the request is run, as `authorize` may change them).
    return Effect.suspend(() => {
      const atHand = auth.credentialsAtHand()
      return atHand === undefined ? Effect.flatMap(auth.credentials, sendWithCredentials) : sendWithCredentials(atHand)
    })
  }

  return AblyHttp.of({
    protocol: transport.protocol,
    origins: transport.origins,
    send: (request) => sendWith(request, true),
    sendRaw: (request) => sendWith(request, false)
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
