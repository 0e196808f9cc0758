/**
 * The `Auth` service: the scheme (Basic or token), the credentials for the next request, and
 * the token lifecycle — single-flight token fetches, pre-emptive renewal of expired tokens,
 * one renewal after a token error, `authorize`, `requestToken`, `createTokenRequest`.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as SynchronizedRef from "effect/SynchronizedRef"
import { type AblyError, ablyError } from "../Errors.js"
import { expectSuccess, Transport } from "../Http/Transport.js"
import { AblyOptions, parseKey, type ResolvedOptions } from "../Options/AblyOptions.js"
import { isLoopback } from "../Options/Hosts.js"
import type { ApiKey } from "../Options/Key.js"
import { time } from "../Time.js"
import type { AuthOptions } from "./AuthCallback.js"
import * as AuthUrl from "./AuthUrl.js"
import { bearer, type Credentials } from "./Credentials.js"
import * as ServerTime from "./ServerTime.js"
import type { TokenDetails } from "./TokenDetails.js"
import type { TokenParams } from "./TokenParams.js"
import type { TokenRequest } from "./TokenRequest.js"
import { importSecret } from "./TokenRequest.js"
import * as TokenSource from "./TokenSource.js"

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
  /** Credentials for the next request, fetching a token first if needed. */
  readonly credentials: Effect.Effect<Credentials, AblyError>
  /**
   * After a token error on a request sent with `used`: a new token (once for all callers that
   * used the same one), or 40171 when the token cannot be renewed.
   */
  readonly renew: (used: Credentials, rejected: AblyError) => Effect.Effect<Credentials, AblyError>
  /** Basic credentials for operations that require them (40162 under token auth). */
  readonly basicCredentials: Effect.Effect<Credentials, AblyError>
  readonly keyName: Option.Option<string>
  readonly createTokenRequest: (params?: TokenParams, options?: AuthOptions) => Effect.Effect<TokenRequest, AblyError>
  readonly requestToken: (params?: TokenParams, options?: AuthOptions) => Effect.Effect<TokenDetails, AblyError>
  readonly authorize: (params?: TokenParams, options?: AuthOptions) => Effect.Effect<TokenDetails, AblyError>
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * import { Auth } from "@effect-ably/core"
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
 * import { Auth, AblyOptions } from "@effect-ably/core"
 * import { Either } from "effect"
 * const method = Auth.chooseMethod(Either.getOrThrow(AblyOptions.resolve({ key: "a.b:c" })))
 */
export const chooseMethod = (options: ResolvedOptions): Effect.Effect<AuthMethod, AblyError> => {
  const tokenMeans = Option.isSome(options.token) || Option.isSome(options.authCallback) || options.authUrl !== undefined
  if (options.useTokenAuth === true || (options.useTokenAuth === undefined && tokenMeans)) {
    return tokenMeans || Option.isSome(options.key)
      ? Effect.succeed("token")
      : Effect.fail(ablyError(40106, 401, "useTokenAuth is set but there is no token and no means to get one"))
  }
  if (Option.isSome(options.key)) return Effect.succeed("basic")
  return Effect.fail(ablyError(40106, 401, "No means to authenticate: provide a key, a token, an authCallback or an authUrl"))
}

interface State {
  readonly method: AuthMethod
  readonly token: Option.Option<TokenDetails>
  readonly params: TokenParams
  readonly sources: TokenSource.Sources
}

const withoutTimestamp = ({ timestamp: _timestamp, ...params }: TokenParams): TokenParams => params

const cannotRenew = (cause?: AblyError) =>
  ablyError(40171, 401, "The token has expired or was rejected and there is no means to renew it (no key, authCallback or authUrl)", { cause })

/**
 * Builds the `Auth` service from the resolved options.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Auth } from "@effect-ably/core"
 * // Usually built by Rest.layer; Auth.make needs AblyOptions, Transport and HttpClient.
 * const auth = Auth.make
 */
export const make = Effect.gen(function*() {
  const options = yield* AblyOptions
  const transport = yield* Transport
  const client = yield* HttpClient.HttpClient
  const method = yield* chooseMethod(options)
  const clientKey = options.key
  if (method === "basic" && !options.tls && !isLoopback(options.hosts.primary)) {
    return yield* Effect.fail(ablyError(40103, 401, "Basic authentication over a non-TLS connection is not allowed; use tls: true or token auth"))
  }
  const checkClientId = (details: TokenDetails): Effect.Effect<TokenDetails, AblyError> =>
    options.clientId !== undefined && details.clientId !== undefined && details.clientId !== "*" &&
      details.clientId !== options.clientId
      ? Effect.fail(ablyError(40102, 401, `The token's clientId "${details.clientId}" is incompatible with the clientId option "${options.clientId}"`))
      : Effect.succeed(details)
  if (Option.isSome(options.token)) yield* checkClientId(options.token.value)

  const basic = Option.map(clientKey, (key): Credentials => ({
    authorization: Redacted.make(`Basic ${Encoding.encodeBase64(Redacted.value(key.full))}`),
    identity: options.clientId === undefined ? {} : { "x-ably-clientid": Encoding.encodeBase64(options.clientId) }
  }))
  const clientSigningKey = yield* Effect.cached(
    Option.match(clientKey, { onNone: () => Effect.dieMessage("no client key"), onSome: (key) => importSecret(key.secret) })
  )
  const context: TokenSource.Context = {
    transport,
    client,
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
  const state = yield* SynchronizedRef.make<State>({
    method,
    token: options.token,
    params: withoutTimestamp(options.defaultTokenParams ?? {}),
    sources: configuredSources
  })

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
      return { key, authCallback: Option.fromNullable(given.authCallback), authUrl, queryTime: given.queryTime ?? false }
    })
  // RSA7d: the clientId option is the identity every token is requested for.
  const withClientId = (params: TokenParams): TokenParams =>
    options.clientId === undefined || params.clientId !== undefined ? params : { ...params, clientId: options.clientId }

  const fetchToken = (sources: TokenSource.Sources, params: TokenParams) =>
    Effect.flatMap(TokenSource.requestToken(context, sources, withClientId(params)), checkClientId)

  const isValid = (details: TokenDetails) =>
    Effect.map(context.serverTime.now, (now) => details.expires === undefined || details.expires > now)

  // A new token replaces the old; a failed fetch drops it so that nothing sends it again.
  const refresh = (current: State, rejected?: AblyError) =>
    TokenSource.canRenew(current.sources)
      ? Effect.either(fetchToken(current.sources, current.params)).pipe(
        Effect.map((result) =>
          [
            result,
            { ...current, token: Either.isRight(result) ? Option.some(result.right) : Option.none() }
          ] as const
        )
      )
      : Effect.succeed([Either.left(cannotRenew(rejected)), current] as const)

  // Credentials that need no fetch: Basic, or a token that has not expired.
  const ready = (current: State): Effect.Effect<Option.Option<Credentials>> =>
    current.method === "basic" && Option.isSome(basic)
      ? Effect.succeed(basic)
      : Option.match(current.token, {
        onNone: () => Effect.succeedNone,
        onSome: (details) => Effect.map(isValid(details), (valid) => valid ? Option.some(bearer(details)) : Option.none())
      })

  // The common case reads the state without the lock; only a fetch takes it, and callers that
  // queued behind that fetch find its token when they get the lock (single flight).
  const credentials = Effect.flatMap(
    Effect.flatMap(SynchronizedRef.get(state), ready),
    Option.match({
      onSome: Effect.succeed,
      onNone: () =>
        SynchronizedRef.modifyEffect(state, (current) =>
          Effect.flatMap(ready(current), (found) =>
            Option.isSome(found)
              ? Effect.succeed([Either.right(found.value), current] as const)
              : Effect.map(refresh(current), ([result, next]) => [Either.map(result, bearer), next] as const))).pipe(
            Effect.flatten
          )
    })
  )

  const renew = (used: Credentials, rejected: AblyError) =>
    SynchronizedRef.modifyEffect(state, (current) =>
      Effect.gen(function*() {
        if (current.method === "basic") return [Either.left(rejected), current] as const
        const inUse = Option.map(current.token, bearer)
        // Another request already renewed the token that was rejected: use the new one.
        if (Option.isSome(inUse) && Redacted.value(inUse.value.authorization) !== Redacted.value(used.authorization)) {
          return [Either.right(inUse.value), current] as const
        }
        const [result, next] = yield* refresh(current, rejected)
        return [Either.map(result, bearer), next] as const
      })).pipe(Effect.flatten)

  const resolveCall = (params: TokenParams | undefined, given: AuthOptions | undefined) =>
    Effect.map(SynchronizedRef.get(state), (current) => ({
      params: params ?? current.params,
      sources: given === undefined ? Either.right(current.sources) : sourcesFor(given)
    }))

  const requestToken = (params?: TokenParams, given?: AuthOptions) =>
    Effect.gen(function*() {
      const call = yield* resolveCall(params, given)
      return yield* fetchToken(yield* call.sources, call.params)
    }).pipe(Effect.withSpan("Auth.requestToken", { captureStackTrace: false }))

  const createTokenRequest = (params?: TokenParams, given?: AuthOptions) =>
    Effect.gen(function*() {
      const call = yield* resolveCall(params, given)
      return yield* TokenSource.createTokenRequest(context, yield* call.sources, withClientId(call.params))
    }).pipe(Effect.withSpan("Auth.createTokenRequest", { captureStackTrace: false }))

  const authorize = (params?: TokenParams, given?: AuthOptions) =>
    SynchronizedRef.modifyEffect(state, (current) =>
      Effect.gen(function*() {
        const sources = given === undefined ? current.sources : yield* sourcesFor(given)
        if (Option.isSome(clientKey) && Option.isSome(sources.key) && sources.key.value.keyName !== clientKey.value.keyName) {
          return yield* Effect.fail(ablyError(40102, 401, "authorize was given a different key than the client's"))
        }
        const details = yield* fetchToken(sources, params ?? current.params)
        // RSA10g: the given params and options become the defaults, but not timestamp or queryTime.
        const next: State = {
          method: "token",
          token: Option.some(details),
          params: params === undefined ? current.params : withoutTimestamp(params),
          sources: { ...sources, queryTime: options.queryTime }
        }
        return [details, next] as const
      })).pipe(Effect.withSpan("Auth.authorize", { captureStackTrace: false }))

  return Auth.of({
    method: Effect.map(SynchronizedRef.get(state), (current) => current.method),
    clientId: Effect.map(SynchronizedRef.get(state), (current) =>
      Option.orElse(
        Option.fromNullable(options.clientId),
        () => Option.flatMap(current.token, (details) => Option.fromNullable(details.clientId))
      )),
    tokenDetails: Effect.map(SynchronizedRef.get(state), (current) =>
      current.method === "token" ? current.token : Option.none()),
    credentials,
    renew,
    basicCredentials: Effect.flatMap(SynchronizedRef.get(state), (current) =>
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
 * import { Auth, AblyOptions, Transport } from "@effect-ably/core"
 * import { Layer } from "effect"
 * const AuthLive = Auth.layer.pipe(Layer.provide(Transport.layer), Layer.provide(AblyOptions.layer({ key: "app.key:secret" })))
 */
export const layer: Layer.Layer<Auth, AblyError, AblyOptions | Transport | HttpClient.HttpClient> = Layer.effect(Auth, make)
