/**
 * Bearer authentication: the `Authorization: Bearer <x>` value resolved to an Ably token the
 * emulator issued or to an Ably JWT, then checked for expiry and revocation.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Option from "effect/Option"
import { Emulator } from "../Emulator.js"
import type { AppState, KeyState } from "../state/Model.js"
import type { IssuedToken } from "../state/Tokens.js"
import * as Capability from "./Capability.js"
import type { Principal } from "./Credentials.js"
import * as Jwt from "./Jwt.js"

const unrecognised = () => Errors.ablyError(40143, 401, "Token not recognised")
const expired = () => Errors.ablyError(40142, 401, "Token expired")
const revoked = () => Errors.ablyError(40141, 401, "Token revoked")

// Tokens never say who they are, so a lookup that fails for any reason is "not recognised".
const ownerOf = (appId: string, keyName: string) =>
  Effect.flatMap(Emulator, (emulator) => emulator.app(appId)).pipe(
    Effect.flatMap((app) =>
      Option.match(Option.fromNullable(app.keys.find((key) => key.keyName === keyName)), {
        onNone: () => Effect.fail(unrecognised()),
        onSome: (key): Effect.Effect<{ app: AppState; key: KeyState }> => Effect.succeed({ app, key })
      })
    ),
    Effect.catchTag("AblyError", () => Effect.fail(unrecognised()))
  )

const fromToken = (token: IssuedToken) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator
    const { app, key } = yield* ownerOf(token.appId, token.keyName)
    if ((yield* Clock.currentTimeMillis) >= token.expires) return yield* Effect.fail(expired())
    const subject = {
      keyName: token.keyName,
      issued: token.issued,
      clientId: token.clientId,
      capability: token.parsedCapability
    }
    if (yield* emulator.isRevoked(subject)) return yield* Effect.fail(revoked())
    return {
      app,
      key,
      capability: token.parsedCapability,
      clientId: token.clientId,
      authMethod: "token"
    } satisfies Principal
  })

// Not a token error (4014x): a client must not renew into the same unknown key.
const unknownKey = (keyName: string) => Errors.ablyError(40400, 404, `No application or key ${keyName}`)

// A JWT embedding an Ably token stands for that token; its own `exp` may not outlive it.
const fromEmbedded = (token: string, exp: number | undefined) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator
    const found = yield* emulator.findToken(token)
    if (Option.isNone(found)) return yield* Effect.fail(unrecognised())
    if (exp !== undefined && exp * 1000 > found.value.expires) {
      return yield* Effect.fail(Jwt.invalidJwt("exp is later than the embedded token's expiry"))
    }
    return yield* fromToken(found.value)
  })

const fromJwt = (jwt: string) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator
    const parsed = yield* Jwt.parse(jwt)
    const embedded = Jwt.embeddedToken(parsed)
    if (embedded !== undefined) return yield* fromEmbedded(embedded, parsed.claims.exp)
    const { exp, iat, keyName } = yield* Jwt.ablyJwtFields(parsed)
    const { app, key } = yield* ownerOf(keyName.split(".", 1)[0] ?? "", keyName).pipe(
      Effect.mapError(() => unknownKey(keyName))
    )
    if (!(yield* Jwt.verifySignature(parsed, key.keySecret))) return yield* Effect.fail(Jwt.invalidJwt("bad signature"))
    const { claims } = parsed
    if ((yield* Clock.currentTimeMillis) >= exp * 1000) return yield* Effect.fail(expired())
    const requested = claims["x-ably-capability"]
    const capability = requested === undefined
      ? key.parsedCapability
      : Capability.intersect(
        yield* Capability.parseEither(requested).pipe(
          Either.mapLeft(() => Jwt.invalidJwt("malformed x-ably-capability"))
        ),
        key.parsedCapability
      )
    const clientId = claims["x-ably-clientId"]
    const subject = {
      keyName,
      issued: iat * 1000,
      clientId,
      revocationKey: claims["x-ably-revocation-key"],
      capability
    }
    if (yield* emulator.isRevoked(subject)) return yield* Effect.fail(revoked())
    return { app, key, capability, clientId, authMethod: "token" } satisfies Principal
  })

/**
 * Authenticates a Bearer value. It may be the token itself or its base64 (RSA3b): when `x`
 * decodes from base64 to a known token or to a JWT, that is used, otherwise `x` as is. Then:
 * an Ably JWT is verified (bad signature, alg or claims → 401 / 40144; a `kid` naming no
 * known app or key → 404 / 40400, as Ably answers, which is no token error to renew on); a
 * JWT embedding an Ably token (`x-ably-token`) is that token (its `exp` later than the
 * token's → 401 / 40144); an unknown token → 401 / 40143; an expired one → 401 / 40142; a
 * revoked one → 401 / 40141. The principal has the token's capability and clientId.
 *
 * @since 0.1.0
 * @category verification
 * @example
 * import { verifyBearer } from "./Bearer.js"
 * const principal = verifyBearer("app.c2VjcmV0") // Effect<Principal, AblyError, Emulator>
 */
export const verifyBearer = (value: string): Effect.Effect<Principal, Errors.AblyError, Emulator> =>
  Effect.gen(function*() {
    const emulator = yield* Emulator
    const decoded = Either.getRight(Encoding.decodeBase64String(value))
    if (Option.isSome(decoded)) {
      if (Jwt.looksLikeJwt(decoded.value)) return yield* fromJwt(decoded.value)
      const token = yield* emulator.findToken(decoded.value)
      if (Option.isSome(token)) return yield* fromToken(token.value)
    }
    if (Jwt.looksLikeJwt(value)) return yield* fromJwt(value)
    const token = yield* emulator.findToken(value)
    return yield* Option.match(token, { onNone: () => Effect.fail(unrecognised()), onSome: fromToken })
  })
