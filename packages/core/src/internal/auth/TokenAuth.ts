/**
 * The token side of the `Auth` service, loaded on first use (see `Lazy`): the token state
 * and its single-flight fetches, the token sources (`authCallback`, `authUrl`, signed
 * TokenRequests), the server clock offset, `authorize`, `requestToken` and
 * `createTokenRequest`. A client with a key (Basic) or a token that never needs renewing does
 * not load it; `Auth` hands over to it the first time a token must be fetched or renewed or one
 * of the token calls is made.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import { parseKey, type ResolvedOptions } from "../../AblyOptions.js"
import type { AuthOptions } from "../../AuthCallback.js"
import { type AblyError, ablyError } from "../../Errors.js"
import type { TokenDetails } from "../../TokenDetails.js"
import { checkCall, type TokenParams } from "../../TokenParams.js"
import { importSecret } from "../../TokenRequest.js"
import type * as Engine from "../http/Engine.js"
import { expectSuccess, type Service as Transport } from "../http/Transport.js"
import type { ApiKey } from "../options/Key.js"
import * as Span from "../Span.js"
import { time } from "../Time.js"
import type { AuthMethod, Service } from "./Auth.js"
import * as AuthUrl from "./AuthUrl.js"
import type { Credentials } from "./Credentials.js"
import * as ServerTime from "./ServerTime.js"
import * as TokenSource from "./TokenSource.js"
import * as TokenState from "./TokenState.js"

/**
 * What `Auth` already knows when it hands over: the checked options and the credentials it
 * built from them.
 *
 * @since 0.1.0
 * @category models
 */
export interface Setup {
  readonly options: ResolvedOptions
  readonly transport: Transport
  readonly engine: Engine.Service
  readonly method: AuthMethod
  readonly basic: Option.Option<Credentials>
  /** The token of the options (its clientId already checked), when given. */
  readonly token: TokenState.Current | undefined
  /** RSA15: fails with 40102 when a token's clientId contradicts the clientId option. */
  readonly checkClientId: (details: TokenDetails) => Effect.Effect<TokenDetails, AblyError>
}

/**
 * The `Auth` service once tokens are in play (everything but `keyName` and `credentialsAtHand`,
 * which `Auth` keeps: with a machine built, nothing is at hand).
 *
 * @since 0.1.0
 * @category models
 */
export type Machine = Omit<Service, "keyName" | "credentialsAtHand">

const withoutTimestamp = ({ timestamp: _timestamp, ...params }: TokenParams): TokenParams => params

// The token calls check their arguments at runtime, whatever their static type said.
const checked = <A>(
  call: (params?: TokenParams, options?: AuthOptions) => Effect.Effect<A, AblyError>
) =>
(params?: TokenParams, options?: AuthOptions): Effect.Effect<A, AblyError> => {
  const result = checkCall(params, options)
  return Either.isLeft(result) ? Effect.fail(result.left) : call(result.right.params, result.right.options)
}

/**
 * Builds the token side from what `Auth` checked. Its token fetches are tracked in the
 * current `Scope` (the client's): closing it interrupts those in flight.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as TokenAuth from "./TokenAuth.js"
 * declare const setup: TokenAuth.Setup
 * const machine = TokenAuth.make(setup) // Effect<Machine, never, Scope>
 */
export const make = (setup: Setup): Effect.Effect<Machine, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { basic, checkClientId, engine, method, options, transport } = setup
    const clientKey = options.key
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
      options.clientId === undefined || params.clientId !== undefined
        ? params
        : { ...params, clientId: options.clientId }

    const fetchToken = (sources: TokenSource.Sources, params: TokenParams) =>
      Effect.flatMap(TokenSource.requestToken(context, sources, withClientId(params)), checkClientId)

    const { join, state } = yield* TokenState.make({
      method,
      token: setup.token,
      params: withoutTimestamp(options.defaultTokenParams ?? {}),
      sources: configuredSources,
      inFlight: undefined,
      lastRenewal: undefined
    }, context.serverTime.now)
    const pickCredentials = (token: TokenState.Current) => token.credentials
    const acquire = join(TokenState.acquire(basic, fetchToken), pickCredentials)

    // A Basic client, or a token that has not expired: the state and, for a token with an
    // expiry, the clock; only a missing or expired token joins.
    const credentials = Effect.flatMap(Ref.get(state), (current): Effect.Effect<Credentials, AblyError> => {
      if (current.method === "basic" && Option.isSome(basic)) return Effect.succeed(basic.value)
      const token = current.token
      if (token === undefined) return acquire
      if (token.details.expires === undefined) return Effect.succeed(token.credentials)
      const expires = token.details.expires
      return Effect.flatMap(
        context.serverTime.now,
        (now) => expires > now ? Effect.succeed(token.credentials) : acquire
      )
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
        const settled = (
          latest: TokenState.State,
          outcome: Exit.Exit<TokenState.Current, AblyError>
        ): TokenState.State =>
          Exit.isSuccess(outcome)
            ? { ...latest, ...defaults, method: "token", token: outcome.value, inFlight: undefined }
            : { ...latest, inFlight: undefined }
        return [
          { _tag: "Start", wave, fetch: fetchToken(sources.right, params ?? current.params), settled },
          { ...current, inFlight: wave, lastRenewal: undefined }
        ]
      }, (token) => token.details).pipe(Span.withSpan("Auth.authorize", { captureStackTrace: false }))

    return {
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
      createTokenRequest: checked(createTokenRequest),
      requestToken: checked(requestToken),
      authorize: checked(authorize)
    }
  })
