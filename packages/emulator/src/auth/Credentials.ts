/**
 * Who is calling: parsing the `Authorization` header and checking the credentials against
 * the app's keys. Basic auth (API key) works today; Bearer tokens have their own branch so
 * token auth slots in without touching the routes.
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
import type { Capability } from "./Capability.js"

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
 */
export const Credentials = Data.taggedEnum<Credentials>()

/**
 * An authenticated caller: the app it belongs to, and what it may do.
 *
 * @since 0.1.0
 * @category models
 */
export interface Principal {
  readonly app: AppState
  readonly key: KeyState
  readonly capability: Capability
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
  if (header === undefined || header.trim() === "") return Either.left(unauthorized("No authentication information provided"))
  const [scheme = "", value = ""] = header.trim().split(/\s+/, 2)
  const malformed = Errors.ablyError(40005, 401, "Invalid credentials: malformed Authorization header")
  switch (scheme.toLowerCase()) {
    case "basic":
      return Encoding.decodeBase64String(value).pipe(
        Either.mapLeft(() => malformed),
        Either.flatMap((decoded) => {
          const colon = decoded.indexOf(":")
          return colon <= 0
            ? Either.left(malformed)
            : Either.right(Credentials.Basic({ keyName: decoded.slice(0, colon), keySecret: decoded.slice(colon + 1) }))
        })
      )
    case "bearer":
      return value === "" ? Either.left(malformed) : Either.right(Credentials.Bearer({ token: value }))
    default:
      return Either.left(malformed)
  }
}

const verifyKey = (keyName: string, keySecret: string) =>
  Effect.gen(function* () {
    const emulator = yield* Emulator
    const appId = keyName.split(".", 1)[0] ?? ""
    const app = yield* emulator.app(appId)
    const key = app.keys.find((candidate) => candidate.keyName === keyName)
    if (key === undefined) return yield* Effect.fail(unauthorized(`Invalid key name ${keyName}`))
    if (key.keySecret !== keySecret) return yield* Effect.fail(unauthorized(`Invalid secret for key ${keyName}`))
    return { app, key, capability: key.parsedCapability } satisfies Principal
  })

/**
 * Checks credentials. Basic: the key must belong to an existing app (else 404 / 40400) and
 * the secret must match (else 401 / 40101). Bearer: tokens are not issued yet, so every token
 * is unrecognised (401 / 40143).
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
    Bearer: () => Effect.fail(Errors.ablyError(40143, 401, "Token not recognised"))
  })

/**
 * Authenticates the current request from its `Authorization` header.
 *
 * @since 0.1.0
 * @category verification
 * @example
 * import { Credentials } from "@effect-ably/emulator"
 * const principal = Credentials.authenticate // Effect<Principal, AblyError, Emulator | HttpServerRequest>
 */
export const authenticate: Effect.Effect<Principal, Errors.AblyError, Emulator | HttpServerRequest.HttpServerRequest> =
  Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
    Effect.flatMap(parseAuthorization(request.headers["authorization"]), verify)
  )
