/**
 * The `Auth` service: the scheme (Basic or token), the credentials for the next request, and
 * the token lifecycle — single-flight token fetches, pre-emptive renewal of expired tokens,
 * one renewal after a token error, `authorize`, `requestToken`, `createTokenRequest`. Basic
 * credentials and a given token are served here; everything that fetches or renews tokens is
 * `TokenAuth`, loaded on first use.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Scope from "effect/Scope"
import { AblyOptions, type ResolvedOptions } from "../../AblyOptions.js"
import type { AuthOptions } from "../../AuthCallback.js"
import { type AblyError, ablyError } from "../../Errors.js"
import type { TokenDetails } from "../../TokenDetails.js"
import type { TokenParams } from "../../TokenParams.js"
import type { TokenRequest } from "../../TokenRequest.js"
import * as Base64 from "../Base64.js"
import { HttpEngine, layerFromHttpClient } from "../http/Engine.js"
import { Transport } from "../http/Transport.js"
import * as Lazy from "../Lazy.js"
import { isLoopback } from "../options/Hosts.js"
import { bearer, type Credentials } from "./Credentials.js"
import type * as TokenAuth from "./TokenAuth.js"

export { type Credentials, headersOf } from "./Credentials.js"

/**
 * @since 0.1.0
 * @category models
 */
export type AuthMethod = "basic" | "token"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly method: Effect.Effect<AuthMethod>
  /** This client's identity (RSA7, RSA12): the clientId option, else the token's. */
  readonly clientId: Effect.Effect<Option.Option<string>>
  /** The current token (RSA16); none with Basic auth. */
  readonly tokenDetails: Effect.Effect<Option.Option<TokenDetails>>
  /**
   * Credentials for the next request, fetching a token first if needed. Callers that need a
   * token while a fetch runs share it: its token or its error (40170 from the source, 40171 when
   * there is none); the next caller after it settled starts a new fetch.
   */
  readonly credentials: Effect.Effect<Credentials, AblyError>
  /**
   * The credentials `credentials` would give when they are at hand with nothing to run (Basic
   * auth, or a given token without expiry, before the token machinery was built), else
   * `undefined` and `credentials` is the way. Read it when the request goes out, not before:
   * `authorize` can change the answer.
   */
  readonly credentialsAtHand: () => Credentials | undefined
  /**
   * After a token error on a request sent with `used`: a new token, fetched once for all callers
   * that used the same one (its failure is shared too), the current token when `used` is an
   * older one, or 40171 when the token cannot be renewed.
   */
  readonly renew: (used: Credentials, rejected: AblyError) => Effect.Effect<Credentials, AblyError>
  /** Basic credentials for operations that require them (40162 under token auth). */
  readonly basicCredentials: Effect.Effect<Credentials, AblyError>
  readonly keyName: Option.Option<string>
  readonly createTokenRequest: (params?: TokenParams, options?: AuthOptions) => Effect.Effect<TokenRequest, AblyError>
  readonly requestToken: (params?: TokenParams, options?: AuthOptions) => Effect.Effect<TokenDetails, AblyError>
  /**
   * Always fetches a new token and makes it the client's (RSA10). Callers that need a token
   * meanwhile get this one. Interrupting the caller does not cancel the fetch: others may be
   * waiting for it, and its token is installed when it arrives.
   */
  readonly authorize: (params?: TokenParams, options?: AuthOptions) => Effect.Effect<TokenDetails, AblyError>
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * import * as Auth from "./Auth.js"
 * import { Effect } from "effect"
 * const method = Effect.flatMap(Auth.Auth, (auth) => auth.method)
 */
export class Auth extends Context.Tag("@effect-ably/core/Auth")<Auth, Service>() {}

/**
 * Chooses the scheme (RSA4): token auth when `useTokenAuth` is set or a token, authCallback or
 * authUrl is given; else Basic with a key; else 40106.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * import * as Auth from "./Auth.js"
 * import { Either } from "effect"
 * const method = Auth.chooseMethod(Either.getOrThrow(AblyOptions.resolve({ key: "a.b:c" })))
 */
export const chooseMethod = (options: ResolvedOptions): Effect.Effect<AuthMethod, AblyError> => {
  const tokenMeans = Option.isSome(options.token) || Option.isSome(options.authCallback) ||
    options.authUrl !== undefined
  if (options.useTokenAuth === true || (options.useTokenAuth === undefined && tokenMeans)) {
    return tokenMeans || Option.isSome(options.key)
      ? Effect.succeed("token")
      : Effect.fail(ablyError(40106, 401, "useTokenAuth is set but there is no token and no means to get one"))
  }
  if (Option.isSome(options.key)) return Effect.succeed("basic")
  return Effect.fail(
    ablyError(40106, 401, "No means to authenticate: provide a key, a token, an authCallback or an authUrl")
  )
}

const tokenAuth = Lazy.module("token auth", () => import("./TokenAuth.js"))

const needsBasic = () => ablyError(40162, 401, "This operation needs Basic auth with an API key, not token auth")

/**
 * Builds the `Auth` service from the resolved options. Basic credentials and a given token
 * are ready at once; the token machinery (`TokenAuth`: fetches, renewal, `authorize`,
 * `requestToken`, `createTokenRequest`) is loaded and built the first time it is needed, and
 * answers every call after that.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Auth from "./Auth.js"
 * // Usually built by Rest.layer; Auth.make needs AblyOptions, Transport, HttpEngine and a Scope
 * // (closing it interrupts a token fetch in flight).
 * const auth = Auth.make
 */
export const make = Effect.gen(function*() {
  const options = yield* AblyOptions
  const transport = yield* Transport
  const engine = yield* HttpEngine
  const scope = yield* Effect.scope
  const method = yield* chooseMethod(options)
  const clientKey = options.key
  if (method === "basic" && !options.tls && !isLoopback(options.hosts.primary)) {
    return yield* Effect.fail(
      ablyError(
        40103,
        401,
        "Basic authentication over a non-TLS connection is not allowed; use tls: true or token auth"
      )
    )
  }
  const checkClientId = (details: TokenDetails): Effect.Effect<TokenDetails, AblyError> =>
    options.clientId !== undefined && details.clientId !== undefined && details.clientId !== "*" &&
      details.clientId !== options.clientId
      ? Effect.fail(
        ablyError(
          40102,
          401,
          `The token's clientId "${details.clientId}" is incompatible with the clientId option "${options.clientId}"`
        )
      )
      : Effect.succeed(details)
  if (Option.isSome(options.token)) yield* checkClientId(options.token.value)

  const basic = Option.map(clientKey, (key): Credentials => ({
    authorization: Redacted.make(`Basic ${Base64.encode(Redacted.value(key.full))}`),
    identity: options.clientId === undefined ? {} : { "x-ably-clientid": Base64.encode(options.clientId) }
  }))
  const token = Option.isSome(options.token)
    ? { details: options.token.value, credentials: bearer(options.token.value) }
    : undefined
  // RSA4a: a key, an authCallback or an authUrl can renew a token.
  const canRenew = Option.isSome(clientKey) || Option.isSome(options.authCallback) || options.authUrl !== undefined
  if (method === "token" && token !== undefined && !canRenew) {
    yield* Effect.logInfo("Auth: the supplied token cannot be renewed (no key, authCallback or authUrl)").pipe(
      Effect.annotateLogs({ code: 40171 })
    )
  }

  // Built once, by the first caller that needs it; a failed load is retried by the next one.
  let machine: TokenAuth.Machine | undefined
  const building = yield* Effect.makeSemaphore(1)
  const setup: TokenAuth.Setup = { options, transport, engine, method, basic, token, checkClientId }
  const build = Effect.suspend(() =>
    machine !== undefined ? Effect.succeed(machine) : Effect.flatMap(
      tokenAuth,
      (module) => Effect.map(Scope.extend(module.make(setup), scope), (built) => (machine = built))
    )
  )
  const loaded: Effect.Effect<TokenAuth.Machine, AblyError> = Effect.suspend(() =>
    machine !== undefined ? Effect.succeed(machine) : building.withPermits(1)(build)
  )
  const viaMachine = Effect.flatMap(loaded, (built) => built.credentials)

  // The common path (Basic, or a token that has not expired) needs no token machinery: a
  // check and, for a token with an expiry, the clock (no server time offset is known before
  // the machinery queried one).
  const credentialsAtHand = (): Credentials | undefined => {
    if (machine !== undefined) return undefined
    if (method === "basic" && Option.isSome(basic)) return basic.value
    return token !== undefined && token.details.expires === undefined ? token.credentials : undefined
  }
  const credentials = Effect.suspend((): Effect.Effect<Credentials, AblyError> => {
    if (machine !== undefined) return machine.credentials
    const atHand = credentialsAtHand()
    if (atHand !== undefined) return Effect.succeed(atHand)
    const expires = token?.details.expires
    if (token === undefined || expires === undefined) return viaMachine
    return Effect.flatMap(
      Clock.currentTimeMillis,
      (now) => expires > now ? Effect.succeed(token.credentials) : viaMachine
    )
  })

  return Auth.of({
    method: Effect.suspend(() => machine === undefined ? Effect.succeed(method) : machine.method),
    clientId: Effect.suspend(() =>
      machine === undefined
        ? Effect.succeed(Option.fromNullable(options.clientId ?? token?.details.clientId))
        : machine.clientId
    ),
    tokenDetails: Effect.suspend(() =>
      machine === undefined
        ? Effect.succeed(method === "token" ? Option.fromNullable(token?.details) : Option.none())
        : machine.tokenDetails
    ),
    credentials,
    credentialsAtHand,
    // A Basic client fails with the server's error (only `authorize` switches to tokens).
    renew: (used, rejected) =>
      Effect.suspend(() =>
        machine !== undefined
          ? machine.renew(used, rejected)
          : method === "basic"
          ? Effect.fail(rejected)
          : Effect.flatMap(loaded, (built) => built.renew(used, rejected))
      ),
    basicCredentials: Effect.suspend(() =>
      machine !== undefined
        ? machine.basicCredentials
        : method === "basic" && Option.isSome(basic)
        ? Effect.succeed(basic.value)
        : Effect.fail(needsBasic())
    ),
    keyName: Option.map(clientKey, (key) => key.keyName),
    createTokenRequest: (params, given) => Lazy.call(loaded, (built) => built.createTokenRequest(params, given)),
    requestToken: (params, given) => Lazy.call(loaded, (built) => built.requestToken(params, given)),
    authorize: (params, given) => Lazy.call(loaded, (built) => built.authorize(params, given))
  })
})

/**
 * @since 0.1.0
 * @category layers
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * import * as Auth from "./Auth.js"
 * import * as Transport from "../http/Transport.js"
 * import { Layer } from "effect"
 * const AuthLive = Auth.layerEngine.pipe(Layer.provide(Transport.layerEngine), Layer.provide(AblyOptions.layer({ key: "app.key:secret" })))
 */
export const layerEngine: Layer.Layer<Auth, AblyError, AblyOptions | Transport | HttpEngine> = Layer.scoped(
  Auth,
  make
)

/**
 * `layerEngine` over the `HttpClient` in context (see `Engine.fromHttpClient`).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * import * as Auth from "./Auth.js"
 * import * as Transport from "../http/Transport.js"
 * import { Layer } from "effect"
 * const AuthLive = Auth.layer.pipe(Layer.provide(Transport.layer), Layer.provide(AblyOptions.layer({ key: "app.key:secret" })))
 */
export const layer: Layer.Layer<Auth, AblyError, AblyOptions | Transport | HttpClient.HttpClient> = layerEngine.pipe(
  Layer.provide(layerFromHttpClient)
)
