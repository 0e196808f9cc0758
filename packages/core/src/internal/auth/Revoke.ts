/**
 * Token revocation (RSA17): `POST /keys/{keyName}/revokeTokens`, with Basic auth only.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { type BatchResult, fromResults, toAblyError, WireBatchResult, WireErrorInfo } from "../../BatchResult.js"
import { type AblyError, ablyError, unexpectedResponse } from "../../Errors.js"
import type { Service as Http } from "../http/AblyHttp.js"
import * as Input from "../Input.js"
import * as Span from "../Span.js"

/**
 * Whose tokens to revoke: `{ type: "clientId", value: "alice" }` or `"clientId:alice"`.
 *
 * @since 0.1.0
 * @category models
 */
export type RevocationTarget =
  | { readonly type: "clientId" | "revocationKey" | "channel"; readonly value: string }
  | string

/**
 * @since 0.1.0
 * @category models
 */
export interface RevokeOptions {
  /** Revoke tokens issued before this time (ms); the server's now by default. */
  readonly issuedBefore?: number
  /** Let clients re-authenticate for about 30 s before the revocation applies. */
  readonly allowReauthMargin?: boolean
}

/**
 * One target's outcome (TRS2 / TRF2).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import * as Revoke from "./Revoke.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Revoke.RevocationResult)({ target: "clientId:alice", issuedBefore: 1, appliesAt: 2 })
 */
export const RevocationResult = Schema.Union(
  Schema.Struct({ target: Schema.String, issuedBefore: Schema.Number, appliesAt: Schema.Number }),
  Schema.Struct({ target: Schema.String, error: WireErrorInfo })
)

// The server answers with the BatchResult envelope (protocol >= 3) or, older, a bare array.
const decodeBody = Schema.decodeUnknown(Schema.Union(WireBatchResult(RevocationResult), Schema.Array(RevocationResult)))

/**
 * The outcome per target: revoked (with when it applies) or failed (with Ably's error).
 *
 * @since 0.1.0
 * @category models
 */
export type TargetResult =
  | { readonly _tag: "Success"; readonly target: string; readonly issuedBefore: number; readonly appliesAt: number }
  | { readonly _tag: "Failure"; readonly target: string; readonly error: AblyError }

/**
 * @since 0.1.0
 * @category models
 */
export type RevocationResults = BatchResult<TargetResult>

const isEnvelope = <A extends { readonly results: unknown }>(body: A | ReadonlyArray<unknown>): body is A =>
  !Array.isArray(body)

const targetTypes: ReadonlySet<unknown> = new Set(["clientId", "revocationKey", "channel"])

const targetText = (target: unknown, index: number): Either.Either<string, AblyError> => {
  if (Predicate.isString(target)) {
    return target.length > 0
      ? Either.right(target)
      : Either.left(ablyError(40003, 400, `Invalid revocation target ${index}: empty`))
  }
  if (!Input.isRecord(target)) {
    return Either.left(Input.invalid(`revocation target ${index}`, "\"type:value\" or { type, value }", target))
  }
  const { type, value } = target
  if (!targetTypes.has(type)) {
    return Either.left(
      ablyError(40003, 400, `Invalid revocation target ${index}: type must be "clientId", "revocationKey" or "channel"`)
    )
  }
  if (!Predicate.isString(value)) {
    return Either.left(Input.invalid(`revocation target ${index}: value`, "a string", value))
  }
  return Either.right(`${String(type)}:${value}`)
}

// The request body from the caller's values, checked whatever their static type.
const checkArguments = (targets: unknown, options: unknown) =>
  Input.guard((): Either.Either<Record<string, unknown>, AblyError> => {
    if (!Array.isArray(targets)) return Either.left(Input.invalid("revocation targets", "an array", targets))
    if (targets.length === 0) return Either.left(ablyError(40003, 400, "revokeTokens needs at least one target"))
    const texts: Array<string> = []
    for (let index = 0; index < targets.length; index++) {
      const text = targetText(targets[index], index)
      if (Either.isLeft(text)) return Either.left(text.left)
      texts.push(text.right)
    }
    if (options === undefined || options === null) return Either.right({ targets: texts })
    if (!Input.isRecord(options)) return Either.left(Input.invalid("revokeTokens options", "an object", options))
    const { allowReauthMargin, issuedBefore } = options
    if (
      issuedBefore !== undefined &&
      !(typeof issuedBefore === "number" && Number.isFinite(issuedBefore) && issuedBefore >= 0)
    ) {
      return Either.left(Input.invalid("revokeTokens option issuedBefore", "a time in ms", issuedBefore))
    }
    if (allowReauthMargin !== undefined && typeof allowReauthMargin !== "boolean") {
      return Either.left(Input.invalid("revokeTokens option allowReauthMargin", "a boolean", allowReauthMargin))
    }
    return Either.right({
      targets: texts,
      ...(issuedBefore === undefined ? {} : { issuedBefore }),
      ...(allowReauthMargin === undefined ? {} : { allowReauthMargin })
    })
  }, () => Input.unreadable("revokeTokens arguments"))

/**
 * Revokes the tokens of the given targets. Under token auth this fails with 40162 before any
 * request is sent (RSA17d). Targets that are not an array of `"type:value"` strings or
 * `{ type, value }` objects, and options of the wrong type, fail with 40003.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const revoked = Effect.flatMap(Rest.Rest, (rest) => rest.auth.revokeTokens([{ type: "clientId", value: "alice" }]))
 */
export const revokeTokens = (
  http: Http,
  keyName: Option.Option<string>,
  targets: ReadonlyArray<RevocationTarget>,
  options: RevokeOptions = {}
): Effect.Effect<RevocationResults, AblyError> =>
  Effect.gen(function*() {
    const name = yield* Effect.mapError(keyName, () =>
      ablyError(40162, 401, "revokeTokens needs Basic auth with an API key"))
    const request = yield* checkArguments(targets, options)
    const response = yield* http.send({
      method: "POST",
      path: `/keys/${encodeURIComponent(name)}/revokeTokens`,
      body: request,
      auth: "basic"
    })
    const body = yield* Effect.mapError(decodeBody(response.body), (cause) =>
      unexpectedResponse("revocation result", cause, response.requestId))
    return fromResults((isEnvelope(body) ? body.results : body).map((result): TargetResult =>
      "error" in result
        ? { _tag: "Failure", target: result.target, error: toAblyError(result.error) }
        : { _tag: "Success", ...result }
    ))
  }).pipe(Span.withSpan("Auth.revokeTokens", { captureStackTrace: false }))
