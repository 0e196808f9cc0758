/**
 * The token part of the `Emulator` handle: issued tokens, used nonces and revocations behind
 * their own `Ref`, with time from `Clock` so `TestClock` drives expiry and revocation.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import { equalStrings } from "../auth/ConstantTime.js"
import type { AppState, KeyState } from "./Model.js"
import { planRevocation, type RevocationBatch, type RevokeTokensRequest } from "./Revocations.js"
import * as Tokens from "./Tokens.js"

/**
 * Token operations of the `Emulator` service. The first four are for tests; the rest are
 * what the routes use.
 *
 * @since 0.1.0
 * @category models
 */
export interface TokenHandle {
  /** Issues an Ably token for `keyName` of `appId` without HTTP (not counted as a request). */
  readonly issueToken: (
    appId: string,
    keyName: string,
    params?: Tokens.TokenParams
  ) => Effect.Effect<Tokens.TokenDetailsWire, Errors.AblyError>
  /** Revokes tokens of a key, with the same rules and answer as `POST /keys/:keyName/revokeTokens`. */
  readonly revokeTokens: (
    appId: string,
    keyName: string,
    request: RevokeTokensRequest
  ) => Effect.Effect<RevocationBatch, Errors.AblyError>
  /** How many tokens `POST /keys/:keyName/requestToken` has issued for an app. */
  readonly tokenRequestsServed: (appId: string) => Effect.Effect<number>
  /** Every Ably token issued for an app (HTTP or in-process), oldest first. */
  readonly tokens: (appId: string) => Effect.Effect<ReadonlyArray<Tokens.IssuedToken>>
  /** For the `requestToken` route: issues a token and counts it as served. */
  readonly requestToken: (
    appId: string,
    keyName: string,
    params: Tokens.TokenParams
  ) => Effect.Effect<Tokens.TokenDetailsWire, Errors.AblyError>
  /** For the `requestToken` route: records a TokenRequest nonce; 401 / 40105 if the key used it already. */
  readonly redeemNonce: (keyName: string, nonce: string, timestamp: number) => Effect.Effect<void, Errors.AblyError>
  /**
   * For Bearer auth: the issued token with this exact string, when issued. The map compares
   * strings only on a hash match, and the match is confirmed in constant time.
   */
  readonly findToken: (token: string) => Effect.Effect<Option.Option<Tokens.IssuedToken>>
  /** For Bearer auth: whether a revocation in force now covers the token. */
  readonly isRevoked: (subject: Tokens.TokenSubject) => Effect.Effect<boolean>
}

/**
 * A TokenRequest timestamp must be this close to the server's time (±2 minutes); a nonce
 * is remembered for as long as its request could still be accepted.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as TokenStore from "./TokenStore.js"
 * TokenStore.timestampWindowMillis // 120_000 (±2 minutes)
 */
export const timestampWindowMillis = 120_000

const keyOf = (app: AppState, keyName: string): Either.Either<KeyState, Errors.AblyError> =>
  Either.fromNullable(
    app.keys.find((key) => key.keyName === keyName),
    () => Errors.ablyError(40400, 404, `No key ${keyName} in application ${app.appId}`)
  )

const randomToken = (appId: string): Effect.Effect<string> =>
  Effect.sync(() => Tokens.formatToken(appId, globalThis.crypto.getRandomValues(new Uint8Array(24))))

/**
 * Builds the token handle over a fresh state; `app` looks apps up in the emulator's state.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { make } from "./TokenStore.js"
 * import { Emulator } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 * const tokens = Effect.flatMap(Emulator, (emulator) => make((appId) => emulator.app(appId)))
 */
export const make = (
  app: (appId: string) => Effect.Effect<AppState, Errors.AblyError>
): Effect.Effect<TokenHandle> =>
  Effect.gen(function*() {
    const state = yield* Ref.make(Tokens.emptyTokenState)

    const issue = (via: Tokens.IssuedToken["via"]) =>
      Effect.fn(via === "handle" ? "Emulator.issueToken" : "Emulator.requestToken")(
        function*(appId: string, keyName: string, params: Tokens.TokenParams = {}) {
          const key = yield* Effect.flatMap(app(appId), (found) => keyOf(found, keyName))
          const now = yield* Clock.currentTimeMillis
          const token = yield* randomToken(appId)
          const issued = yield* Tokens.decideToken(key, params, { now, token, appId, via })
          yield* Ref.update(state, (current) => ({
            ...current,
            tokens: HashMap.set(current.tokens, token, issued),
            issueOrder: Chunk.append(current.issueOrder, token)
          }))
          return Tokens.tokenDetails(issued)
        }
      )

    const revokeTokens = Effect.fn("Emulator.revokeTokens")(function*(
      appId: string,
      keyName: string,
      request: RevokeTokensRequest
    ) {
      const key = yield* Effect.flatMap(app(appId), (found) => keyOf(found, keyName))
      if (!key.revocableTokens) {
        return yield* Effect.fail(Errors.ablyError(40121, 400, `Token revocation is not enabled for key ${keyName}`))
      }
      const now = yield* Clock.currentTimeMillis
      const { batch, revocations } = yield* planRevocation(keyName, request, now)
      yield* Ref.update(state, (current) => ({
        ...current,
        revocations: Chunk.appendAll(current.revocations, Chunk.fromIterable(revocations))
      }))
      return batch
    })

    const redeemNonce = Effect.fn("Emulator.redeemNonce")(function*(keyName: string, nonce: string, timestamp: number) {
      const now = yield* Clock.currentTimeMillis
      const id = `${keyName}\n${nonce}`
      const fresh = yield* Ref.modify(state, (current): readonly [boolean, Tokens.TokenState] => {
        const live = HashMap.filter(current.nonces, (used) => used >= now - timestampWindowMillis)
        return HashMap.has(live, id)
          ? [false, { ...current, nonces: live }]
          : [true, { ...current, nonces: HashMap.set(live, id, timestamp) }]
      })
      if (!fresh) return yield* Effect.fail(Errors.ablyError(40105, 401, "Nonce value replayed"))
    })

    const appTokens = (appId: string) =>
      Effect.map(Ref.get(state), (current) =>
        Chunk.toReadonlyArray(current.issueOrder).flatMap((token) =>
          Option.toArray(HashMap.get(current.tokens, token)).filter((issued) =>
            issued.appId === appId
          )
        ))

    return {
      issueToken: issue("handle"),
      requestToken: issue("requestToken"),
      revokeTokens,
      tokenRequestsServed: (appId) =>
        Effect.map(appTokens(appId), (tokens) => tokens.filter((token) => token.via === "requestToken").length),
      tokens: appTokens,
      redeemNonce,
      findToken: (token) =>
        Effect.map(Ref.get(state), (current) =>
          Option.filter(HashMap.get(current.tokens, token), (issued) =>
            equalStrings(token, issued.token))),
      isRevoked: (subject) =>
        Effect.zipWith(Ref.get(state), Clock.currentTimeMillis, (current, now) =>
          Tokens.isRevoked(current.revocations, subject, now))
    }
  })
