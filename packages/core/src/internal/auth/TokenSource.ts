/**
 * Where tokens come from (RSA8): an `authCallback`, an `authUrl`, or a TokenRequest signed with
 * the key (RSA9) and exchanged with Ably.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { ParseError } from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import type { AuthCallback } from "../../AuthCallback.js"
import { canonical } from "../../Capability.js"
import { type AblyError, ablyError, unexpectedResponse } from "../../Errors.js"
import { TokenDetails } from "../../TokenDetails.js"
import type { TokenParams } from "../../TokenParams.js"
import * as TokenRequest from "../../TokenRequest.js"
import type * as Engine from "../http/Engine.js"
import { expectSuccess, type Service as Transport } from "../http/Transport.js"
import type { ApiKey } from "../options/Key.js"
import { randomId } from "../Random.js"
import * as AuthUrl from "./AuthUrl.js"
import type { ServerTime } from "./ServerTime.js"
import { authFailure, classify, type TokenResult } from "./TokenResult.js"

/**
 * The means of getting tokens in effect for a call: the stored ones or those passed to it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Sources {
  readonly key: Option.Option<ApiKey>
  readonly authCallback: Option.Option<AuthCallback>
  readonly authUrl: Option.Option<AuthUrl.AuthUrlOptions>
  readonly queryTime: boolean
}

/**
 * What token sources need from the client.
 *
 * @since 0.1.0
 * @category models
 */
export interface Context {
  readonly transport: Transport
  readonly engine: Engine.Service
  readonly serverTime: ServerTime
  /** Limit for a callback or auth URL answer, in ms. */
  readonly timeout: number
  /** The HMAC key for a key's secret; cached for the client's own key. */
  readonly signingKey: (key: ApiKey) => Effect.Effect<CryptoKey, AblyError>
}

/**
 * `true` when the sources can produce a new token (RSA4a).
 *
 * @since 0.1.0
 * @category sources
 * @example
 * import * as TokenSource from "./TokenSource.js"
 * import { Option } from "effect"
 * TokenSource.canRenew({ key: Option.none(), authCallback: Option.none(), authUrl: Option.none(), queryTime: false }) // false
 */
export const canRenew = (sources: Sources): boolean =>
  Option.isSome(sources.key) || Option.isSome(sources.authCallback) || Option.isSome(sources.authUrl)

const noKey = () => ablyError(40101, 401, "No key specified: createTokenRequest needs an API key")

/**
 * Creates a signed TokenRequest (RSA9): ttl and capability only when given, canonical
 * capability, timestamp from the local clock or (with `queryTime`) the server's, a random
 * nonce of 22 characters.
 *
 * @since 0.1.0
 * @category token requests
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 * // The public entry point is rest.auth.createTokenRequest:
 * const request = Effect.flatMap(Rest.Rest, (rest) => rest.auth.createTokenRequest({ clientId: "alice", ttl: 3_600_000 }))
 */
export const createTokenRequest = (
  context: Context,
  sources: Sources,
  params: TokenParams
): Effect.Effect<TokenRequest.TokenRequest, AblyError> =>
  Effect.gen(function*() {
    const key = yield* Option.match(sources.key, { onNone: () => Effect.fail(noKey()), onSome: Effect.succeed })
    if (params.clientId === "") return yield* Effect.fail(ablyError(40012, 400, "clientId must not be an empty string"))
    const capability = params.capability === undefined ? undefined : yield* canonical(params.capability)
    const timestamp = params.timestamp ?? (yield* sources.queryTime ? context.serverTime.query : context.serverTime.now)
    const nonce = params.nonce ?? (yield* randomId(16))
    const signingKey = yield* context.signingKey(key)
    return yield* TokenRequest.sign(signingKey, {
      keyName: key.keyName,
      ...(params.ttl === undefined ? {} : { ttl: params.ttl }),
      ...(capability === undefined ? {} : { capability }),
      ...(params.clientId === undefined ? {} : { clientId: params.clientId }),
      timestamp,
      nonce
    })
  })

let decodeDetailsMemo: ((u: unknown) => Effect.Effect<TokenDetails, ParseError>) | undefined
const decodeDetails = (u: unknown) => (decodeDetailsMemo ??= Schema.decodeUnknown(TokenDetails))(u)

/**
 * Exchanges a TokenRequest for a token: `POST /keys/{keyName}/requestToken`, without
 * credentials (the request is signed).
 *
 * @since 0.1.0
 * @category token requests
 * @example
 * import * as TokenSource from "./TokenSource.js"
 * import type { TokenRequest } from "@effect-ably/core"
 * declare const context: TokenSource.Context
 * declare const signed: TokenRequest.TokenRequest
 * const details = TokenSource.exchange(context, signed) // Effect<TokenDetails, AblyError>
 */
export const exchange = (
  context: Context,
  request: TokenRequest.TokenRequest
): Effect.Effect<TokenDetails, AblyError> =>
  context.transport.send({
    method: "POST",
    path: `/keys/${encodeURIComponent(request.keyName)}/requestToken`,
    body: request,
    auth: "none"
  }, {}).pipe(
    Effect.flatMap(expectSuccess),
    Effect.flatMap((response) =>
      Effect.mapError(decodeDetails(response.body), (cause) =>
        unexpectedResponse("token details", cause, response.requestId))
    )
  )

// TokenParams as strings, for an auth URL's query or form.
const paramsAsStrings = (params: TokenParams): Effect.Effect<Record<string, string>, AblyError> =>
  Effect.map(
    params.capability === undefined ? Effect.succeed(undefined) : canonical(params.capability),
    (capability) => {
      const entries = Object.entries({ ...params, capability }).filter(([, value]) => value !== undefined)
      return Object.fromEntries(entries.map(([name, value]) => [name, String(value)]))
    }
  )

const callCallback = (callback: AuthCallback, params: TokenParams): Effect.Effect<unknown, AblyError> =>
  Effect.suspend(() => {
    const result = callback(params)
    // The AuthCallback type only admits Effects without requirements.
    if (Effect.isEffect(result)) return result as Effect.Effect<unknown, unknown>
    if (Predicate.hasProperty(result, "then") && Predicate.isFunction(result.then)) {
      const promise = result as PromiseLike<unknown>
      return Effect.tryPromise({ try: () => Promise.resolve(promise), catch: (error) => error })
    }
    return Effect.succeed(result)
  }).pipe(
    // Failures and defects of the user's callback alike: it must never crash the client.
    Effect.sandbox,
    Effect.mapError((cause) => authFailure("authCallback failed", Cause.squash(cause)))
  )

const resolveResult = (context: Context, result: TokenResult): Effect.Effect<TokenDetails, AblyError> =>
  result._tag === "Details" ? Effect.succeed(result.details) : exchange(context, result.request)

/**
 * Gets a new token from the first available source: authCallback, then authUrl, then the key
 * (RSA8). Callback and URL failures, invalid answers and timeouts are 40170.
 *
 * @since 0.1.0
 * @category tokens
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 * // The public entry point is rest.auth.requestToken:
 * const token = Effect.flatMap(Rest.Rest, (rest) => rest.auth.requestToken({ ttl: 60_000 }))
 */
export const requestToken = (
  context: Context,
  sources: Sources,
  params: TokenParams
): Effect.Effect<TokenDetails, AblyError> => {
  // Disconnected, so that a callback that cannot be interrupted (an uninterruptible Effect)
  // still costs one timeout and is left to finish on its own, instead of holding every waiter.
  const timeout = <A>(effect: Effect.Effect<A, AblyError>) =>
    Effect.timeoutFail(Effect.disconnect(effect), {
      duration: Duration.millis(context.timeout),
      onTimeout: () => authFailure(`no token within ${context.timeout}ms`)
    })
  if (Option.isSome(sources.authCallback)) {
    const callback = sources.authCallback.value
    return Effect.flatMap(
      timeout(Effect.flatMap(callCallback(callback, params), classify)),
      (result) => resolveResult(context, result)
    )
  }
  if (Option.isSome(sources.authUrl)) {
    const url = sources.authUrl.value
    return Effect.flatMap(
      timeout(
        // The engine's own limit only frees the socket: the limit above decides.
        Effect.flatMap(
          paramsAsStrings(params),
          (asStrings) => AuthUrl.fetchToken(context.engine, url, asStrings, context.timeout + 1_000)
        )
      ),
      (result) => resolveResult(context, result)
    )
  }
  if (Option.isSome(sources.key)) {
    return Effect.flatMap(createTokenRequest(context, sources, params), (request) => exchange(context, request))
  }
  return Effect.fail(ablyError(40171, 401, "No means to get a token: provide a key, an authCallback or an authUrl"))
}
