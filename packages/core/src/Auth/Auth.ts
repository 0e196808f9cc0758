/**
 * The `Auth` service: which scheme to use and the `Authorization` header for the next attempt.
 *
 * This version knows Basic auth and a supplied token; the token lifecycle (requestToken,
 * authCallback, authUrl, renewal) plugs into `authorization` and `renew` without changing
 * the HTTP path.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Encoding from "effect/Encoding"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { type AblyError, ablyError } from "../Errors.js"
import { AblyOptions, type ResolvedOptions } from "../Options/AblyOptions.js"
import { isLoopback } from "../Options/Hosts.js"
import type { TokenDetails } from "./TokenDetails.js"

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
  readonly method: AuthMethod
  /** The identity of this client (RSA7, RSA12), if known. */
  readonly clientId: Option.Option<string>
  /** Headers that carry identity next to the credentials (`X-Ably-ClientId` with Basic auth). */
  readonly identityHeaders: Readonly<Record<string, string>>
  /** The `Authorization` header value for the next request. */
  readonly authorization: Effect.Effect<Redacted.Redacted<string>, AblyError>
  /**
   * Called once when the server rejected our token (401, 40140–40149): returns a new header
   * to retry with, or fails (40171 when the token cannot be renewed).
   */
  readonly renew: (rejected: AblyError) => Effect.Effect<Redacted.Redacted<string>, AblyError>
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * import { Auth } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const method = Effect.map(Auth.Auth, (auth) => auth.method)
 */
export class Auth extends Context.Tag("@effect-ably/core/Auth")<Auth, Service>() {}

/**
 * Chooses the scheme (RSA4): token auth when `useTokenAuth` or a token is given, else Basic
 * with a key, else 40106.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Auth } from "@effect-ably/core"
 * Auth.chooseMethod
 */
export const chooseMethod = (options: ResolvedOptions): Effect.Effect<AuthMethod, AblyError> => {
  const wantsToken = options.useTokenAuth === true || (options.useTokenAuth === undefined && Option.isSome(options.token))
  if (wantsToken) {
    return Option.isSome(options.token) || Option.isSome(options.key)
      ? Effect.succeed("token")
      : Effect.fail(ablyError(40106, 401, "useTokenAuth is set but there is no token and no means to get one"))
  }
  if (Option.isSome(options.key)) return Effect.succeed("basic")
  return Effect.fail(ablyError(40106, 401, "No means to authenticate: provide a key or a token"))
}

const basic = (options: ResolvedOptions, key: Redacted.Redacted<string>): Effect.Effect<Service, AblyError> => {
  // Basic auth sends the secret itself: only over TLS, or to a host on this machine.
  if (!options.tls && !isLoopback(options.hosts.primary)) {
    return Effect.fail(ablyError(40103, 401, "Basic authentication over a non-TLS connection is not allowed; use tls: true or token auth"))
  }
  const header = Redacted.make(`Basic ${Encoding.encodeBase64(Redacted.value(key))}`)
  const clientId = Option.fromNullable(options.clientId)
  return Effect.succeed({
    method: "basic",
    clientId,
    identityHeaders: Option.match(clientId, {
      onNone: () => ({}),
      onSome: (id) => ({ "x-ably-clientid": Encoding.encodeBase64(id) })
    }),
    authorization: Effect.succeed(header),
    renew: (rejected) => Effect.fail(rejected)
  })
}

const bearer = (details: TokenDetails): Redacted.Redacted<string> =>
  Redacted.make(`Bearer ${Encoding.encodeBase64(Redacted.value(details.token))}`)

const cannotRenew = (cause?: AblyError) =>
  ablyError(40171, 401, "The token has expired or was rejected and there is no means to renew it (no key, authCallback or authUrl)", { cause })

const suppliedToken = (options: ResolvedOptions, details: TokenDetails): Service => {
  const header = bearer(details)
  const clientId = Option.orElse(Option.fromNullable(options.clientId), () => Option.fromNullable(details.clientId))
  return {
    method: "token",
    clientId,
    identityHeaders: {},
    authorization: Effect.flatMap(Clock.currentTimeMillis, (now) =>
      details.expires !== undefined && details.expires <= now ? Effect.fail(cannotRenew()) : Effect.succeed(header)),
    renew: (rejected) => Effect.fail(cannotRenew(rejected))
  }
}

/**
 * Builds the `Auth` service from the resolved options.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Auth } from "@effect-ably/core"
 * const auth = Auth.make
 */
export const make: Effect.Effect<Service, AblyError, AblyOptions> = Effect.gen(function*() {
  const options = yield* AblyOptions
  const method = yield* chooseMethod(options)
  if (method === "basic" && Option.isSome(options.key)) return yield* basic(options, options.key.value.full)
  if (Option.isSome(options.token)) {
    const details = options.token.value
    if (options.clientId !== undefined && details.clientId !== undefined && details.clientId !== "*" && details.clientId !== options.clientId) {
      return yield* Effect.fail(ablyError(40102, 401, "The token's clientId is incompatible with the clientId option"))
    }
    return suppliedToken(options, details)
  }
  return yield* Effect.fail(ablyError(40106, 401, "Token auth from a key needs requestToken, which this version does not provide yet"))
})

/**
 * @since 0.1.0
 * @category layers
 * @example
 * import { Auth, AblyOptions } from "@effect-ably/core"
 * import { Layer } from "effect"
 * const AuthLive = Auth.layer.pipe(Layer.provide(AblyOptions.layer({ key: "app.key:secret" })))
 */
export const layer: Layer.Layer<Auth, AblyError, AblyOptions> = Layer.effect(Auth, make)
