/**
 * What an `authCallback` or `authUrl` hands back (RSA8c, RSA8d), validated: a token string
 * (Ably token or JWT), TokenDetails, or a TokenRequest still to be exchanged.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { ParseError } from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError } from "../../Errors.js"
import { TokenDetails } from "../../TokenDetails.js"
import { TokenRequest } from "../../TokenRequest.js"
import * as Base64Url from "../Base64Url.js"
import * as Utf8 from "../Utf8.js"

/**
 * The largest token or JSON answer accepted from an auth callback or URL (RSA4f): 128 KiB.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as TokenResult from "./TokenResult.js"
 * TokenResult.maxTokenSize // 131072
 */
export const maxTokenSize = 128 * 1024

/**
 * @since 0.1.0
 * @category models
 */
export type TokenResult =
  | { readonly _tag: "Details"; readonly details: TokenDetails }
  | { readonly _tag: "Request"; readonly request: TokenRequest }

/**
 * The 40170 error for an auth callback or URL that failed or gave something unusable.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import * as TokenResult from "./TokenResult.js"
 * TokenResult.authFailure("authCallback returned nothing").code // 40170
 */
export const authFailure = (message: string, cause?: unknown): AblyError =>
  ablyError(40170, 401, `Error obtaining a token: ${message}`, { cause })

// Decoders built on first use, not when this module loads.
let decodeDetailsMemo: ((u: unknown) => Either.Either<TokenDetails, ParseError>) | undefined
const decodeDetails = (u: unknown) => (decodeDetailsMemo ??= Schema.decodeUnknownEither(TokenDetails))(u)
let decodeRequestMemo: ((u: unknown) => Either.Either<TokenRequest, ParseError>) | undefined
const decodeRequest = (u: unknown) => (decodeRequestMemo ??= Schema.decodeUnknownEither(TokenRequest))(u)
// A JWT's claims as JSON: an object (or array) whose `exp`, when present, is a number (what
// `Schema.parseJson(Schema.Struct({ exp: Schema.optional(Schema.Number) }))` accepted), read by
// hand: `Schema.parseJson` would be carried by every app (see `Capability.canonical`).
const decodeClaims = (text: string): Option.Option<{ readonly exp?: number | undefined }> => {
  let claims: unknown
  try {
    claims = JSON.parse(text)
  } catch {
    return Option.none()
  }
  if (typeof claims !== "object" || claims === null) return Option.none()
  const exp: unknown = Reflect.get(claims, "exp")
  return exp === undefined ? Option.some({}) : typeof exp === "number" ? Option.some({ exp }) : Option.none()
}

/**
 * The expiry (ms) of a JWT, read from its `exp` claim without verifying it: only used to
 * renew before the server rejects it.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import * as TokenResult from "./TokenResult.js"
 * TokenResult.jwtExpiry("not-a-jwt") // Option.none()
 */
export const jwtExpiry = (token: string): Option.Option<number> => {
  const parts = token.split(".")
  if (parts.length !== 3) return Option.none()
  return Option.flatMap(
    Option.fromNullable(Base64Url.decodeUrl(parts[1]!)),
    (bytes) =>
      Option.flatMap(
        decodeClaims(Utf8.decode(bytes)),
        (claims) => claims.exp === undefined ? Option.none() : Option.some(claims.exp * 1000)
      )
  )
}

const fromTokenString = (token: string): Either.Either<TokenResult, AblyError> => {
  const trimmed = token.trim()
  if (trimmed.length === 0 || trimmed === "null" || trimmed === "undefined") {
    return Either.left(authFailure("the token string is empty or a null placeholder"))
  }
  if (Utf8.encode(trimmed).byteLength > maxTokenSize) {
    return Either.left(authFailure(`the token is larger than ${maxTokenSize} bytes`))
  }
  if (trimmed.startsWith("{") || trimmed.startsWith("\"")) {
    return Either.left(authFailure("the token string looks like JSON text; return the object itself"))
  }
  const expires = Option.getOrUndefined(jwtExpiry(trimmed))
  return Either.right({
    _tag: "Details",
    details: { token: Redacted.make(trimmed), ...(expires === undefined ? {} : { expires }) }
  })
}

/**
 * Classifies and validates a callback or URL answer. Objects with `token` are TokenDetails,
 * objects with `keyName` and `mac` are TokenRequests; anything else fails with 40170, as does
 * an object that throws while it is read (a getter, a Proxy).
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import * as TokenResult from "./TokenResult.js"
 * TokenResult.classify("eyJhbGciOi...") // a token string
 * TokenResult.classify({ token: "abc", expires: 1 }) // TokenDetails
 */
export const classify = (result: unknown): Either.Either<TokenResult, AblyError> => {
  // A caller's object may throw from a getter or a Proxy trap while it is read: that is an
  // unusable answer, never a defect.
  try {
    return classifyValue(result)
  } catch (cause) {
    return Either.left(authFailure("the answer could not be read", cause instanceof Error ? cause.message : undefined))
  }
}

// A lone surrogate cannot be percent-encoded into the requestToken path.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const classifyValue = (result: unknown): Either.Either<TokenResult, AblyError> => {
  if (Predicate.isString(result)) return fromTokenString(result)
  if (!Predicate.isRecord(result)) {
    return Either.left(
      authFailure(
        `expected a token string, TokenDetails or a TokenRequest, got ${result === null ? "null" : typeof result}`
      )
    )
  }
  if ("token" in result) {
    return Either.mapBoth(decodeDetails(result), {
      onLeft: () =>
        authFailure("the TokenDetails are invalid (token must be a non-empty string; expires/issued numbers)"),
      onRight: (details): TokenResult => ({ _tag: "Details", details })
    })
  }
  if ("keyName" in result && "mac" in result) {
    return Either.flatMap(
      Either.mapLeft(decodeRequest(result), (cause) => authFailure("the TokenRequest is invalid", cause)),
      (request) =>
        loneSurrogate.test(request.keyName)
          ? Either.left(authFailure("the TokenRequest keyName is not valid text"))
          : Either.right<TokenResult>({ _tag: "Request", request })
    )
  }
  return Either.left(authFailure("the object is neither TokenDetails (token) nor a TokenRequest (keyName, mac)"))
}
