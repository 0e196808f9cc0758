/**
 * `POST /keys/:keyName/requestToken` (RSA8): exchanges a signed TokenRequest, or unsigned
 * TokenParams with Basic auth, for an Ably token.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { authenticateKey, lookupKey } from "../auth/Credentials.js"
import { verifyMac } from "../auth/TokenRequestMac.js"
import { Emulator } from "../Emulator.js"
import { readBody } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import { timestampWindowMillis } from "../state/TokenStore.js"

// `null` is treated as absent: some clients serialise missing fields that way.
const optional = <A, I>(schema: Schema.Schema<A, I>) => Schema.optionalWith(schema, { nullable: true })

/**
 * The body: a signed TokenRequest (with `mac`, `timestamp` and `nonce`) or, with Basic auth,
 * plain TokenParams. `ttl` and `timestamp` are milliseconds; `capability` is a JSON string.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { TokenRequestBody } from "./requestToken.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(TokenRequestBody)({ keyName: "a.b", timestamp: 1, nonce: "n", mac: "m" })
 */
export const TokenRequestBody = Schema.Struct({
  keyName: optional(Schema.String),
  ttl: optional(Schema.Number),
  capability: optional(Schema.String),
  clientId: optional(Schema.String),
  timestamp: optional(Schema.Number),
  nonce: optional(Schema.String),
  mac: optional(Schema.String)
})

type TokenRequestBody = typeof TokenRequestBody.Type

const badRequest = (message: string) => Errors.ablyError(40000, 400, message)

const checkKeyName = (body: TokenRequestBody, keyName: string) =>
  body.keyName === undefined || body.keyName === keyName
    ? Effect.void
    : Effect.fail(badRequest(`keyName ${body.keyName} in the body does not match ${keyName} in the path`))

// Signed: the MAC is the credential; then the timestamp window and the nonce.
const redeemSigned = (body: TokenRequestBody, keyName: string, mac: string) =>
  Effect.gen(function*() {
    if (body.keyName === undefined) return yield* Effect.fail(badRequest("A signed TokenRequest needs keyName"))
    yield* checkKeyName(body, keyName)
    const { timestamp, nonce } = body
    if (timestamp === undefined || nonce === undefined) {
      return yield* Effect.fail(badRequest("A signed TokenRequest needs timestamp and nonce"))
    }
    const { app, key } = yield* lookupKey(keyName)
    const fields = { keyName, ttl: body.ttl, capability: body.capability, clientId: body.clientId, timestamp, nonce }
    if (!(yield* verifyMac(fields, mac, key.keySecret))) {
      return yield* Effect.fail(Errors.ablyError(40101, 401, "Invalid mac"))
    }
    const now = yield* Clock.currentTimeMillis
    if (Math.abs(now - timestamp) > timestampWindowMillis) {
      return yield* Effect.fail(Errors.ablyError(40104, 401, "Timestamp not current"))
    }
    const emulator = yield* Emulator
    yield* emulator.redeemNonce(keyName, nonce, timestamp)
    return app.appId
  })

// Unsigned: the caller must hold this very key (Basic auth).
const redeemUnsigned = (body: TokenRequestBody, keyName: string) =>
  Effect.gen(function*() {
    yield* checkKeyName(body, keyName)
    const principal = yield* authenticateKey(keyName, "request unsigned tokens for")
    return principal.app.appId
  })

/**
 * Issues a token for the key in the path and answers 200 `TokenDetails` in the negotiated
 * protocol. Signed requests: bad MAC → 401 / 40101, timestamp more than 2 minutes off →
 * 401 / 40104, nonce reused by the key → 401 / 40105, unknown app → 404 / 40400, unknown key →
 * 401 / 40101. Unsigned requests need Basic auth with that key (another key → 401 / 40102, a
 * token → 401 / 40162). Either way: body keyName ≠ path → 400 / 40000, ttl ≤ 0 or above 24 h
 * → 400 / 40003, a capability Ably refuses (not a JSON object, an unknown operation, `"*"` with
 * another operation, an empty operation list) → 400 / 40000, nothing left of the capability
 * → 401 / 40160. The answer's capability is canonical (resources and operations sorted).
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { requestToken } from "./requestToken.js"
 * const handler = requestToken
 */
export const requestToken = Effect.gen(function*() {
  const { keyName = "" } = yield* HttpRouter.params
  const body = yield* Effect.flatMap(readBody, Schema.decodeUnknown(TokenRequestBody)).pipe(
    Effect.mapError((cause) =>
      Errors.isAblyError(cause)
        ? cause
        : Errors.ablyError(40001, 400, `Invalid token request: ${Errors.describeParseError(cause)}`, { cause })
    )
  )
  const appId = yield* body.mac === undefined ? redeemUnsigned(body, keyName) : redeemSigned(body, keyName, body.mac)
  const emulator = yield* Emulator
  const details = yield* emulator.requestToken(appId, keyName, {
    ttl: body.ttl,
    capability: body.capability,
    clientId: body.clientId
  })
  return yield* respond(200, details)
})
