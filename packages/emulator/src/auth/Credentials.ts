/**
 * Who is calling: parsing the `Authorization` header and checking the credentials against
 * the app's keys (Basic) or the tokens the emulator issued and Ably JWTs (Bearer).
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import { Emulator } from "../Emulator.js"
import type { AppState, KeyState } from "../state/Model.js"
import { verifyBearer } from "./Bearer.js"
import type { Capability } from "./Capability.js"
import { equalStrings } from "./ConstantTime.js"

/**
 * Credentials as presented: an API key (Basic) or a token (Bearer).
 *
 * @since 0.1.0
 * @category models
 */
export type Credentials = Data.TaggedEnum<{
  Basic: { readonly keyName: string; readonly keySecret: string }
  Bearer: { readonly token: string }
}>

/**
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Credentials } from "@effect-ably/emulator"
 * const basic = Credentials.Credentials.Basic({ keyName: "appId.keyId", keySecret: "secret" })
 * const bearer = Credentials.Credentials.Bearer({ token: "appId.token" })
 */
export const Credentials = Data.taggedEnum<Credentials>()

/**
 * An authenticated caller: the app it belongs to, the key (its own or the one that issued its
 * token), what it may do, its clientId (the token's, or under Basic auth the
 * `X-Ably-ClientId` header's; `"*"` is a wildcard) and how it authenticated.
 *
 * @since 0.1.0
 * @category models
 */
export interface Principal {
  readonly app: AppState
  readonly key: KeyState
  readonly capability: Capability
  readonly clientId?: string | undefined
  readonly authMethod: "basic" | "token"
}

const unauthorized = (message: string) => Errors.ablyError(40101, 401, message)

/**
 * Parses an `Authorization` header. Missing → 401 / 40101; an unknown scheme or a Basic value
 * that is not `base64(keyName:secret)` → 401 / 40005.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { Credentials } from "@effect-ably/emulator"
 * Credentials.parseAuthorization(`Basic ${btoa("app.key:secret")}`) // Right(Basic { keyName: "app.key", … })
 */
export const parseAuthorization = (header: string | undefined): Either.Either<Credentials, Errors.AblyError> => {
  if (header === undefined || header.trim() === "") {
    return Either.left(unauthorized("No authentication information provided"))
  }
  const [scheme = "", value = ""] = header.trim().split(/\s+/, 2)
  // Built only on the failure paths: errors are not free and this runs on every request.
  const malformed = () => Errors.ablyError(40005, 401, "Invalid credentials: malformed Authorization header")
  switch (scheme.toLowerCase()) {
    case "basic":
      return Encoding.decodeBase64String(value).pipe(
        Either.mapLeft(malformed),
        Either.flatMap((decoded) => {
          const colon = decoded.indexOf(":")
          return colon <= 0
            ? Either.left(malformed())
            : Either.right(Credentials.Basic({ keyName: decoded.slice(0, colon), keySecret: decoded.slice(colon + 1) }))
        })
      )
    case "bearer":
      return value === "" ? Either.left(malformed()) : Either.right(Credentials.Bearer({ token: value }))
    default:
      return Either.left(malformed())
  }
}

/**
 * Finds a key by name (`appId.keyId`): an unknown app is 404 / 40400, an unknown key of a
 * known app 401 / 40101.
 *
 * @since 0.1.0
 * @category verification
 * @example
 * import { Credentials } from "@effect-ably/emulator"
 * const found = Credentials.lookupKey("app.key") // Effect<{ app, key }, AblyError, Emulator>
 */
export const lookupKey = (
  keyName: string
): Effect.Effect<{ readonly app: AppState; readonly key: KeyState }, Errors.AblyError, Emulator> =>
  Effect.gen(function*() {
    const emulator = yield* Emulator
    const appId = keyName.split(".", 1)[0] ?? ""
    const app = yield* emulator.app(appId)
    const key = app.keys.find((candidate) => candidate.keyName === keyName)
    if (key === undefined) return yield* Effect.fail(unauthorized(`Invalid key name ${keyName}`))
    return { app, key }
  })

const verifyKey = (keyName: string, keySecret: string) =>
  Effect.gen(function*() {
    const { app, key } = yield* lookupKey(keyName)
    if (!equalStrings(keySecret, key.keySecret)) {
      return yield* Effect.fail(unauthorized(`Invalid secret for key ${keyName}`))
    }
    return { app, key, capability: key.parsedCapability, authMethod: "basic" } satisfies Principal
  })

/**
 * Checks credentials. Basic: the key must belong to an existing app (else 404 / 40400) and
 * the secret must match (else 401 / 40101). Bearer: an issued token or an Ably JWT, see
 * `verifyBearer` (token errors are 401 / 40141–40144; a JWT whose `kid` names no known app or
 * key is 404 / 40400).
 *
 * @since 0.1.0
 * @category verification
 * @example
 * import { Credentials } from "@effect-ably/emulator"
 * const principal = Credentials.verify(Credentials.Credentials.Basic({ keyName: "app.key", keySecret: "s" }))
 */
export const verify = (credentials: Credentials): Effect.Effect<Principal, Errors.AblyError, Emulator> =>
  Credentials.$match(credentials, {
    Basic: ({ keyName, keySecret }) => verifyKey(keyName, keySecret),
    Bearer: ({ token }) => verifyBearer(token)
  })

const invalidClientIdHeader = (problem: string) =>
  Errors.ablyError(40012, 400, `Invalid X-Ably-ClientId header: ${problem}`)

/**
 * The identity a Basic-auth caller claims with `X-Ably-ClientId: base64(utf8(clientId))`
 * (RSA7e2); the principal publishes as that clientId, exactly as under a token with one.
 * Tokens carry their own identity, so the header is ignored under token auth (ably-js sends
 * it whenever `clientId` is set). A value that is not base64, empty or `"*"` → 400 / 40012.
 *
 * @since 0.1.0
 * @category verification
 * @example
 * import { Credentials } from "@effect-ably/emulator"
 * declare const principal: Credentials.Principal
 * Credentials.withClientIdHeader(principal, btoa("alice")) // Right({ ...principal, clientId: "alice" }) under Basic auth
 */
export const withClientIdHeader = (
  principal: Principal,
  header: string | undefined
): Either.Either<Principal, Errors.AblyError> => {
  if (header === undefined || principal.authMethod !== "basic") return Either.right(principal)
  return Encoding.decodeBase64String(header.trim()).pipe(
    Either.mapLeft(() => invalidClientIdHeader("not base64")),
    Either.flatMap((clientId) =>
      clientId === "" || clientId === "*"
        ? Either.left(invalidClientIdHeader(clientId === "" ? "empty clientId" : "the wildcard '*' is not an identity"))
        : Either.right({ ...principal, clientId })
    )
  )
}

/**
 * Authenticates the current request from its `Authorization` header, with the
 * `X-Ably-ClientId` identity under Basic auth (see `withClientIdHeader`), and spends one of
 * the app's `apiRequests` per second when it sets that limit (429 / 42910 past it).
 *
 * @since 0.1.0
 * @category verification
 * @example
 * import { Credentials } from "@effect-ably/emulator"
 * const principal = Credentials.authenticate // Effect<Principal, AblyError, Emulator | HttpServerRequest>
 */
export const authenticate: Effect.Effect<Principal, Errors.AblyError, Emulator | HttpServerRequest.HttpServerRequest> =
  Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
    Effect.flatMap(
      Effect.flatMap(parseAuthorization(request.headers["authorization"]), verify),
      (principal) =>
        principal.app.rateLimits?.apiRequests === undefined
          ? withClientIdHeader(principal, request.headers["x-ably-clientid"])
          : Effect.zipRight(
            Effect.flatMap(Emulator, (emulator) => emulator.rateLimits.request(principal.app)),
            withClientIdHeader(principal, request.headers["x-ably-clientid"])
          )
    ))

/**
 * Authenticates a request that must come with Basic auth of exactly `keyName` (unsigned token
 * requests, token revocation): a Bearer principal is 401 / 40162, another key 401 / 40102.
 *
 * @since 0.1.0
 * @category verification
 * @example
 * import { Credentials } from "@effect-ably/emulator"
 * const principal = Credentials.authenticateKey("app.key", "revoke tokens of")
 */
export const authenticateKey = (
  keyName: string,
  action: string
): Effect.Effect<Principal, Errors.AblyError, Emulator | HttpServerRequest.HttpServerRequest> =>
  Effect.flatMap(authenticate, (principal) =>
    principal.authMethod !== "basic"
      ? Effect.fail(Errors.ablyError(40162, 401, `Basic auth with key ${keyName} is needed to ${action} it`))
      : principal.key.keyName !== keyName
      ? Effect.fail(
        Errors.ablyError(40102, 401, `Credentials of key ${principal.key.keyName} cannot ${action} ${keyName}`)
      )
      : Effect.succeed(principal))
