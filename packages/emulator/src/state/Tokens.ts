/**
 * Ably tokens as plain data: what an issued token records, the rules for issuing one (ttl,
 * capability, clientId), used nonces, and token revocations.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Chunk from "effect/Chunk"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as HashMap from "effect/HashMap"
import * as Schema from "effect/Schema"
import * as Capability from "../auth/Capability.js"
import type { KeyState } from "./Model.js"

/**
 * The token lifetime when none is requested (1 hour) and the longest one that may be
 * requested (24 hours; a longer ttl is refused with 400 / 40003, as Ably does).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Tokens from "./Tokens.js"
 * Tokens.defaultTtlMillis // 3_600_000 (1 hour)
 */
export const defaultTtlMillis = 3_600_000

/**
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Tokens from "./Tokens.js"
 * Tokens.maxTtlMillis // 86_400_000 (24 hours)
 */
export const maxTtlMillis = 86_400_000

/**
 * What a token may be requested with: the TokenParams of a TokenRequest. `capability` is a
 * JSON string, as on the wire; absent fields take the key's defaults.
 *
 * @since 0.1.0
 * @category models
 */
export interface TokenParams {
  readonly ttl?: number | undefined
  readonly capability?: string | undefined
  readonly clientId?: string | undefined
}

/**
 * `TokenDetails` as `requestToken` answers it. `capability` is canonical JSON.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { TokenDetailsWire } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(TokenDetailsWire)({ token: "appId.abc", keyName: "appId.keyId", issued: 1700000000000, expires: 1700003600000, capability: '{"*":["*"]}' })
 */
export const TokenDetailsWire = Schema.Struct({
  token: Schema.String,
  keyName: Schema.String,
  issued: Schema.Number,
  expires: Schema.Number,
  capability: Schema.String,
  clientId: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type TokenDetailsWire = typeof TokenDetailsWire.Type

/**
 * An Ably token the emulator issued. `via` tells an HTTP `requestToken` from the in-process
 * `issueToken`, so tests can count token fetches.
 *
 * @since 0.1.0
 * @category models
 */
export interface IssuedToken extends TokenDetailsWire {
  readonly appId: string
  readonly parsedCapability: Capability.Capability
  readonly via: "requestToken" | "handle"
}

/**
 * What a revocation target names: tokens of a clientId, JWTs carrying a revocation key, or
 * tokens whose capability reaches a channel.
 *
 * @since 0.1.0
 * @category models
 */
export type TargetType = "clientId" | "revocationKey" | "channel"

/**
 * One accepted revocation target of one key. Tokens issued before `issuedBefore` are revoked
 * from `appliesAt` on.
 *
 * @since 0.1.0
 * @category models
 */
export interface Revocation {
  readonly keyName: string
  readonly type: TargetType
  readonly value: string
  readonly issuedBefore: number
  readonly appliesAt: number
}

/**
 * What revocation looks at in a token (an Ably token or a JWT).
 *
 * @since 0.1.0
 * @category models
 */
export interface TokenSubject {
  readonly keyName: string
  readonly issued: number
  readonly clientId?: string | undefined
  readonly revocationKey?: string | undefined
  readonly capability: Capability.Capability
}

/**
 * All token state: issued tokens by token string (and their strings in issue order), used
 * nonces by `keyName\nnonce` (with the request timestamp), and revocations in the order they
 * were made.
 *
 * @since 0.1.0
 * @category models
 */
export interface TokenState {
  readonly tokens: HashMap.HashMap<string, IssuedToken>
  readonly issueOrder: Chunk.Chunk<string>
  readonly nonces: HashMap.HashMap<string, number>
  readonly revocations: Chunk.Chunk<Revocation>
}

/**
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Tokens from "./Tokens.js"
 * import { HashMap } from "effect"
 * HashMap.isEmpty(Tokens.emptyTokenState.tokens) // true: no tokens, nonces or revocations
 */
export const emptyTokenState: TokenState = {
  tokens: HashMap.empty(),
  issueOrder: Chunk.empty(),
  nonces: HashMap.empty(),
  revocations: Chunk.empty()
}

/**
 * A fresh opaque token: the app id, a dot, and 24 random bytes in base64url. It never has
 * the two dots of a JWT.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { formatToken } from "./Tokens.js"
 * formatToken("app", new Uint8Array(24)) // "app.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
 */
export const formatToken = (appId: string, random: Uint8Array): string => `${appId}.${Encoding.encodeBase64Url(random)}`

const resolveTtl = (ttl: number | undefined): Either.Either<number, Errors.AblyError> => {
  if (ttl === undefined) return Either.right(defaultTtlMillis)
  if (!Number.isFinite(ttl) || ttl <= 0) {
    return Either.left(Errors.ablyError(40003, 400, `Invalid ttl ${ttl}: must be positive`))
  }
  if (ttl > maxTtlMillis) {
    return Either.left(Errors.ablyError(40003, 400, `Invalid ttl ${ttl}: the maximum is ${maxTtlMillis} ms (24 hours)`))
  }
  return Either.right(Math.floor(ttl))
}

/**
 * Decides a token for a key: ttl (default 1 h; ≤ 0 or above 24 h → 400 / 40003), the
 * requested capability intersected with the key's (absent → the key's; nothing left →
 * 401 / 40160; invalid JSON, not an object, an unknown operation, `"*"` with another
 * operation or an empty operation list → 400 / 40000) and the clientId (`""` → 400 / 40012).
 *
 * @since 0.1.0
 * @category issuing
 * @example
 * import { decideToken } from "./Tokens.js"
 * import type { KeyState } from "./Model.js"
 * declare const key: KeyState
 * const issued = decideToken(key, { ttl: 60_000, clientId: "me" }, { now: Date.now(), token: "app.token", appId: "app", via: "handle" })
 */
export const decideToken = (
  key: KeyState,
  params: TokenParams,
  context: { readonly now: number; readonly token: string; readonly appId: string; readonly via: IssuedToken["via"] }
): Either.Either<IssuedToken, Errors.AblyError> =>
  Either.gen(function*() {
    const ttl = yield* resolveTtl(params.ttl)
    if (params.clientId === "") {
      return yield* Either.left(Errors.ablyError(40012, 400, "Invalid clientId: empty string"))
    }
    const requested = params.capability === undefined
      ? key.parsedCapability
      : yield* Capability.parseEither(params.capability)
    const capability = Capability.intersect(requested, key.parsedCapability)
    if (Capability.isEmpty(capability)) {
      return yield* Either.left(Errors.ablyError(40160, 401, "Requested capability is not permitted by the key"))
    }
    return {
      token: context.token,
      keyName: key.keyName,
      issued: context.now,
      expires: context.now + ttl,
      capability: Capability.canonical(capability),
      ...(params.clientId === undefined ? {} : { clientId: params.clientId }),
      appId: context.appId,
      parsedCapability: capability,
      via: context.via
    }
  })

/**
 * The wire `TokenDetails` of an issued token.
 *
 * @since 0.1.0
 * @category conversions
 * @example
 * import { tokenDetails, type IssuedToken } from "./Tokens.js"
 * declare const issued: IssuedToken
 * const details = tokenDetails(issued) // { token, keyName, issued, expires, capability, clientId? }
 */
export const tokenDetails = (token: IssuedToken): TokenDetailsWire => ({
  token: token.token,
  keyName: token.keyName,
  issued: token.issued,
  expires: token.expires,
  capability: token.capability,
  ...(token.clientId === undefined ? {} : { clientId: token.clientId })
})

const targets = (revocation: Revocation, subject: TokenSubject): boolean => {
  switch (revocation.type) {
    case "clientId":
      return subject.clientId === revocation.value
    case "revocationKey":
      return subject.revocationKey === revocation.value
    case "channel":
      return Object.entries(subject.capability).some(
        ([resource, operations]) => operations.length > 0 && Capability.resourceMatches(resource, revocation.value)
      )
  }
}

/**
 * Whether a revocation in force at `now` covers the token.
 *
 * @since 0.1.0
 * @category revocation
 * @example
 * import { isRevoked } from "./Tokens.js"
 * import { Chunk } from "effect"
 * isRevoked(Chunk.empty(), { keyName: "a.b", issued: 0, capability: {} }, 1) // false
 */
export const isRevoked = (revocations: Chunk.Chunk<Revocation>, subject: TokenSubject, now: number): boolean =>
  Chunk.some(
    revocations,
    (revocation) =>
      revocation.keyName === subject.keyName &&
      revocation.appliesAt <= now &&
      subject.issued < revocation.issuedBefore &&
      targets(revocation, subject)
  )
