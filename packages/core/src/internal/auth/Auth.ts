/**
 * The `Auth` service: the scheme (Basic or token), the credentials for the next request, and
 * the token lifecycle — single-flight token fetches, pre-emptive renewal of expired tokens,
 * one renewal after a token error, `authorize`, `requestToken`, `createTokenRequest`.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import { AblyOptions, parseKey, type ResolvedOptions } from "../../AblyOptions.js"
import type { AuthOptions } from "../../AuthCallback.js"
import { type AblyError, ablyError } from "../../Errors.js"
import type { TokenDetails } from "../../TokenDetails.js"
import type { TokenParams } from "../../TokenParams.js"
import type { TokenRequest } from "../../TokenRequest.js"
import { importSecret } from "../../TokenRequest.js"
import { HttpEngine, layerFromHttpClient } from "../http/Engine.js"
import { expectSuccess, Transport } from "../http/Transport.js"
import { isLoopback } from "../options/Hosts.js"
import type { ApiKey } from "../options/Key.js"
import * as Span from "../Span.js"
import { time } from "../Time.js"
import * as AuthUrl from "./AuthUrl.js"
import type { Credentials } from "./Credentials.js"
import * as ServerTime from "./ServerTime.js"
import * as TokenSource from "./TokenSource.js"
import * as TokenState from "./TokenState.js"

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

const withoutTimestamp = ({ timestamp: _timestamp, ...params }: TokenParams): TokenParams => params

/**
 * Builds the `Auth` service from the resolved options.
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
    authorization: Redacted.make(`Basic ${Encoding.encodeBase64(Redacted.value(key.full))}`),
    identity: options.clientId === undefined ? {} : { "x-ably-clientid": Encoding.encodeBase64(options.clientId) }
  }))
  const clientSigningKey = yield* Effect.cached(
    Option.match(clientKey, {
      onNone: () => Effect.dieMessage("no client key"),
      onSome: (key) => importSecret(key.secret)
    })
  )
  const context: TokenSource.Context = {
    transport,
    engine,
    serverTime: yield* ServerTime.make(time((request) => Effect.flatMap(transport.send(request, {}), expectSuccess))),
    timeout: options.httpRequestTimeout,
    signingKey: (key: ApiKey) =>
      Option.isSome(clientKey) && key.full === clientKey.value.full ? clientSigningKey : importSecret(key.secret)
  }
  const configuredSources: TokenSource.Sources = {
    key: clientKey,
    authCallback: options.authCallback,
    authUrl: Option.map(Option.fromNullable(options.authUrl), (authUrl) => ({
      authUrl,
      authMethod: options.authMethod,
      authHeaders: options.authHeaders,
      authParams: options.authParams
    })),
    queryTime: options.queryTime
  }
  if (method === "token" && Option.isSome(options.token) && !TokenSource.canRenew(configuredSources)) {
    yield* Effect.logInfo("Auth: the supplied token cannot be renewed (no key, authCallback or authUrl)").pipe(
      Effect.annotateLogs({ code: 40171 })
    )
  }
  const sourcesFor = (given: AuthOptions): Either.Either<TokenSource.Sources, AblyError> =>
    Either.gen(function*() {
      const key = given.key === undefined ? clientKey : Option.some(yield* parseKey(given.key))
      // authHeaders and authParams values are secrets: held as Redacted from here on.
      const authUrl = given.authUrl === undefined ? Option.none() : Option.some({
        authUrl: given.authUrl,
        authMethod: given.authMethod ?? "GET",
        authHeaders: yield* AuthUrl.secretValues("authHeaders", given.authHeaders),
        authParams: yield* AuthUrl.secretValues("authParams", given.authParams)
      })
      return {
        key,
        authCallback: Option.fromNullable(given.authCallback),
        authUrl,
        queryTime: given.queryTime ?? false
      }
    })
  // RSA7d: the clientId option is the identity every token is requested for.
  const withClientId = (params: TokenParams): TokenParams =>
    options.clientId === undefined || params.clientId !== undefined ? params : { ...params, clientId: options.clientId }

  const fetchToken = (sources: TokenSource.Sources, params: TokenParams) =>
    Effect.flatMap(TokenSource.requestToken(context, sources, withClientId(params)), checkClientId)

  const { join, state } = yield* TokenState.make({
    method,
    token: Option.match(options.token, { onNone: () => undefined, onSome: TokenState.current }),
    params: withoutTimestamp(options.defaultTokenParams ?? {}),
    sources: configuredSources,
    inFlight: undefined,
    lastRenewal: undefined
  }, context.serverTime.now)
  const pickCredentials = (token: TokenState.Current) => token.credentials
  const acquire = join(TokenState.acquire(basic, fetchToken), pickCredentials)

  // The common path (Basic, or a token that has not expired) reads the state and, for a token
  // with an expiry, the clock: no lock and no Deferred; only a missing or expired token joins.
  const credentials = Effect.flatMap(Ref.get(state), (current): Effect.Effect<Credentials, AblyError> => {
    if (current.method === "basic" && Option.isSome(basic)) return Effect.succeed(basic.value)
    const token = current.token
    if (token === undefined) return acquire
    if (token.details.expires === undefined) return Effect.succeed(token.credentials)
    const expires = token.details.expires
    return Effect.flatMap(context.serverTime.now, (now) => expires > now ? Effect.succeed(token.credentials) : acquire)
  })

  // After a token error (RSA4b): one renewal for all requests rejected with the same token.
  const renew = (used: Credentials, rejected: AblyError) =>
    join(TokenState.renewal(used, rejected, fetchToken), pickCredentials, used)

  const resolveCall = (params: TokenParams | undefined, given: AuthOptions | undefined) =>
    Effect.map(Ref.get(state), (current) => ({
      params: params ?? current.params,
      sources: given === undefined ? Either.right(current.sources) : sourcesFor(given)
    }))

  const requestToken = (params?: TokenParams, given?: AuthOptions) =>
    Effect.gen(function*() {
      const call = yield* resolveCall(params, given)
      return yield* fetchToken(yield* call.sources, call.params)
    }).pipe(Span.withSpan("Auth.requestToken", { captureStackTrace: false }))

  const createTokenRequest = (params?: TokenParams, given?: AuthOptions) =>
    Effect.gen(function*() {
      const call = yield* resolveCall(params, given)
      return yield* TokenSource.createTokenRequest(context, yield* call.sources, withClientId(call.params))
    }).pipe(Span.withSpan("Auth.createTokenRequest", { captureStackTrace: false }))

  // Always a new token (RSA10a). It becomes the wave in flight, so that callers needing a token
  // meanwhile get it, and a renewal it replaced cannot overwrite it when that one settles.
  const authorize = (params?: TokenParams, given?: AuthOptions) =>
    join<TokenDetails>((current, _now, wave) => {
      const sources = given === undefined ? Either.right(current.sources) : sourcesFor(given)
      if (Either.isLeft(sources)) return [{ _tag: "Fail", error: sources.left }, current]
      const key = sources.right.key
      if (Option.isSome(clientKey) && Option.isSome(key) && key.value.keyName !== clientKey.value.keyName) {
        return [
          { _tag: "Fail", error: ablyError(40102, 401, "authorize was given a different key than the client's") },
          current
        ]
      }
      // RSA10g: the given params and options become the defaults, but not timestamp or queryTime.
      const defaults = {
        params: params === undefined ? current.params : withoutTimestamp(params),
        sources: { ...sources.right, queryTime: options.queryTime }
      }
      const settled = (latest: TokenState.State, outcome: Exit.Exit<TokenState.Current, AblyError>): TokenState.State =>
        Exit.isSuccess(outcome)
          ? { ...latest, ...defaults, method: "token", token: outcome.value, inFlight: undefined }
          : { ...latest, inFlight: undefined }
      return [
        { _tag: "Start", wave, fetch: fetchToken(sources.right, params ?? current.params), settled },
        { ...current, inFlight: wave, lastRenewal: undefined }
      ]
    }, (token) => token.details).pipe(Span.withSpan("Auth.authorize", { captureStackTrace: false }))

  return Auth.of({
    method: Effect.map(Ref.get(state), (current) => current.method),
    clientId: Effect.map(Ref.get(state), (current) =>
      Option.orElse(
        Option.fromNullable(options.clientId),
        () => Option.fromNullable(current.token?.details.clientId)
      )),
    tokenDetails: Effect.map(
      Ref.get(state),
      (current) => current.method === "token" ? Option.fromNullable(current.token?.details) : Option.none()
    ),
    credentials,
    renew,
    basicCredentials: Effect.flatMap(Ref.get(state), (current) =>
      current.method === "basic" && Option.isSome(basic)
        ? Effect.succeed(basic.value)
        : Effect.fail(ablyError(40162, 401, "This operation needs Basic auth with an API key, not token auth"))),
    keyName: Option.map(clientKey, (key) => key.keyName),
    createTokenRequest,
    requestToken,
    authorize
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
