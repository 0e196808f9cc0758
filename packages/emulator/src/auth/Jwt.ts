/**
 * Ably JWTs: HS256 tokens signed with an API key's secret, whose header names the key
 * (`kid`) and whose claims carry the expiry and the optional Ably capability and clientId.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import { Utf8 } from "@effect-ably/core/wire"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Schema from "effect/Schema"
import * as Hmac from "./Hmac.js"

const segment = "[A-Za-z0-9_-]+"
const shape = new RegExp(`^${segment}\\.${segment}\\.[A-Za-z0-9_-]*$`)

/**
 * Whether a string has the three-part base64url shape of a JWT. Ably tokens never do.
 *
 * @since 0.1.0
 * @category predicates
 * @example
 * import { Jwt } from "@effect-ably/emulator"
 * Jwt.looksLikeJwt("eyJ.eyJ.sig") // true
 * Jwt.looksLikeJwt("app.token") // false
 */
export const looksLikeJwt = (text: string): boolean => shape.test(text)

/**
 * The JOSE header: an Ably JWT is HS256 with `kid` naming the key (`appId.keyId`); a JWT
 * that embeds an Ably token may carry it here as `x-ably-token` (and then needs no `kid`).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Jwt } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Jwt.JwtHeader)({ typ: "JWT", alg: "HS256", kid: "appId.keyId" })
 */
export const JwtHeader = Schema.Struct({
  typ: Schema.optional(Schema.String),
  alg: Schema.String,
  kid: Schema.optional(Schema.String),
  "x-ably-token": Schema.optional(Schema.String)
})

/**
 * The claims: `iat` and `exp` in seconds (both required in an Ably JWT), Ably's optional
 * claims, and `x-ably-token` for a JWT that embeds an Ably token.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Jwt } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Jwt.JwtClaims)({ iat: 1700000000, exp: 1700003600, "x-ably-capability": '{"*":["*"]}' })
 */
export const JwtClaims = Schema.Struct({
  iat: Schema.optional(Schema.Number),
  exp: Schema.optional(Schema.Number),
  "x-ably-capability": Schema.optional(Schema.String),
  "x-ably-clientId": Schema.optional(Schema.String),
  "x-ably-revocation-key": Schema.optional(Schema.String),
  "x-ably-token": Schema.optional(Schema.String)
})

/**
 * A JWT split and decoded, signature not yet checked.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParsedJwt {
  readonly header: typeof JwtHeader.Type
  readonly claims: typeof JwtClaims.Type
  readonly signingInput: string
  readonly signature: Uint8Array
}

/**
 * 401 / 40144, the answer for any JWT the emulator cannot accept.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { Jwt } from "@effect-ably/emulator"
 * Jwt.invalidJwt("bad signature").code // 40144
 */
export const invalidJwt = (reason: string): Errors.AblyError => Errors.ablyError(40144, 401, `Invalid JWT: ${reason}`)

const decodePart = <A, I>(
  schema: Schema.Schema<A, I>,
  part: string,
  name: string
): Either.Either<A, Errors.AblyError> =>
  Encoding.decodeBase64UrlString(part).pipe(
    Either.mapLeft(() => invalidJwt(`${name} is not base64url`)),
    Either.flatMap((json) =>
      Schema.decodeUnknownEither(Schema.parseJson(schema))(json).pipe(
        Either.mapLeft(() => invalidJwt(`malformed ${name}`))
      )
    )
  )

/**
 * Splits a JWT and decodes header and claims. Anything malformed fails with 401 / 40144.
 * Whether it is an acceptable Ably JWT is `ablyJwtFields`'s question.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { Jwt } from "@effect-ably/emulator"
 * Jwt.parse("not.a.jwt") // Left(AblyError 40144)
 */
export const parse = (jwt: string): Either.Either<ParsedJwt, Errors.AblyError> => {
  const [headerPart = "", claimsPart = "", signaturePart = ""] = jwt.split(".")
  if (!looksLikeJwt(jwt)) return Either.left(invalidJwt("not three base64url parts"))
  return Either.gen(function*() {
    const header = yield* decodePart(JwtHeader, headerPart, "header")
    const claims = yield* decodePart(JwtClaims, claimsPart, "claims")
    const signature = yield* Encoding.decodeBase64Url(signaturePart).pipe(
      Either.mapLeft(() => invalidJwt("signature is not base64url"))
    )
    return { header, claims, signingInput: `${headerPart}.${claimsPart}`, signature }
  })
}

/**
 * The Ably token a JWT embeds (`x-ably-token` in the header or, with JWS, in the claims).
 * Such a JWT is the customer's own, signed with a secret Ably does not know: what counts is
 * the embedded token.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { Jwt } from "@effect-ably/emulator"
 * declare const jwt: Jwt.ParsedJwt
 * Jwt.embeddedToken(jwt) // "appId.token…" or undefined for a plain Ably JWT
 */
export const embeddedToken = (jwt: ParsedJwt): string | undefined =>
  jwt.header["x-ably-token"] ?? jwt.claims["x-ably-token"]

/**
 * What an Ably JWT must have: HS256, a `kid` naming the key, `iat` and `exp`. Otherwise
 * 401 / 40144.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { Jwt } from "@effect-ably/emulator"
 * declare const jwt: Jwt.ParsedJwt
 * Jwt.ablyJwtFields(jwt) // Right({ keyName, iat, exp }) or Left(AblyError 40144)
 */
export const ablyJwtFields = (
  jwt: ParsedJwt
): Either.Either<{ readonly keyName: string; readonly iat: number; readonly exp: number }, Errors.AblyError> => {
  const { header: { alg, kid }, claims: { exp, iat } } = jwt
  if (alg !== "HS256") return Either.left(invalidJwt(`unsupported alg ${alg}`))
  if (kid === undefined) return Either.left(invalidJwt("no kid in the header"))
  if (iat === undefined || exp === undefined) {
    return Either.left(invalidJwt("malformed claims: iat and exp are required"))
  }
  return Either.right({ keyName: kid, iat, exp })
}

/**
 * Whether the JWT's signature is the HS256 of its first two parts under the key secret
 * (a timing-safe comparison).
 *
 * @since 0.1.0
 * @category verification
 * @example
 * import { Jwt } from "@effect-ably/emulator"
 * import { Effect, Either } from "effect"
 * const ok = Effect.flatMap(Jwt.parse("a.b.c"), (jwt) => Jwt.verifySignature(jwt, "secret"))
 */
export const verifySignature = (jwt: ParsedJwt, keySecret: string): Effect.Effect<boolean, Errors.AblyError> =>
  Hmac.verify(keySecret, jwt.signingInput, jwt.signature)

/**
 * What to put in a JWT made by `sign`. Times are milliseconds, as everywhere else.
 *
 * @since 0.1.0
 * @category models
 */
export interface SignOptions {
  readonly keyName: string
  readonly keySecret: string
  readonly issued: number
  readonly expires: number
  readonly capability?: string | undefined
  readonly clientId?: string | undefined
  readonly revocationKey?: string | undefined
}

const part = (value: unknown): string => Encoding.encodeBase64Url(Utf8.encode(JSON.stringify(value)))

/**
 * Makes an Ably JWT signed with a key secret, for tests whose auth server hands out JWTs.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Jwt } from "@effect-ably/emulator"
 * const jwt = Jwt.sign({ keyName: "app.key", keySecret: "secret", issued: 0, expires: 3_600_000, clientId: "me" })
 */
export const sign = (options: SignOptions): Effect.Effect<string, Errors.AblyError> => {
  const header = part({ typ: "JWT", alg: "HS256", kid: options.keyName })
  const claims = part({
    iat: Math.floor(options.issued / 1000),
    exp: Math.floor(options.expires / 1000),
    "x-ably-capability": options.capability,
    "x-ably-clientId": options.clientId,
    "x-ably-revocation-key": options.revocationKey
  })
  const signingInput = `${header}.${claims}`
  return Effect.map(
    Hmac.sign(options.keySecret, signingInput),
    (mac) => `${signingInput}.${Encoding.encodeBase64Url(mac)}`
  )
}
