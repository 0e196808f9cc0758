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

const fromJwt = (jwt: string) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator
    const parsed = yield* Jwt.parse(jwt)
    const keyName = parsed.header.kid
    const { app, key } = yield* ownerOf(keyName.split(".", 1)[0] ?? "", keyName).pipe(
      Effect.mapError(() => Jwt.invalidJwt(`unknown key ${keyName}`))
    )
    if (!(yield* Jwt.verifySignature(parsed, key.keySecret))) return yield* Effect.fail(Jwt.invalidJwt("bad signature"))
    const { claims } = parsed
    if ((yield* Clock.currentTimeMillis) >= claims.exp * 1000) return yield* Effect.fail(expired())
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
      issued: claims.iat * 1000,
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
 * a JWT is verified (bad → 401 / 40144); an unknown token → 401 / 40143; an expired one →
 * 401 / 40142; a revoked one → 401 / 40141. The principal has the token's capability and
 * clientId.
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
