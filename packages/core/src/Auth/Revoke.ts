/**
 * Token revocation (RSA17): `POST /keys/{keyName}/revokeTokens`, with Basic auth only.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError, unexpectedResponse } from "../Errors.js"
import { expectSuccess, type Service as Transport } from "../Http/Transport.js"
import { type BatchResult, fromResults, toAblyError, WireBatchResult, WireErrorInfo } from "../Batch/BatchResult.js"
import { headersOf, type Service as Auth } from "./Auth.js"

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
 * import { Revoke } from "@effect-ably/core"
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

const isEnvelope = <A extends { readonly results: unknown }>(body: A | ReadonlyArray<unknown>): body is A => !Array.isArray(body)

const targetText = (target: RevocationTarget) => Predicate.isString(target) ? target : `${target.type}:${target.value}`

/**
 * Revokes the tokens of the given targets. Under token auth this fails with 40162 before any
 * request is sent (RSA17d).
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const revoked = Effect.flatMap(Rest.Rest, (rest) => rest.auth.revokeTokens([{ type: "clientId", value: "alice" }]))
 */
export const revokeTokens = (
  transport: Transport,
  auth: Auth,
  targets: ReadonlyArray<RevocationTarget>,
  options: RevokeOptions = {}
): Effect.Effect<RevocationResults, AblyError> =>
  Effect.gen(function*() {
    const credentials = yield* auth.basicCredentials
    if (targets.length === 0) return yield* Effect.fail(ablyError(40003, 400, "revokeTokens needs at least one target"))
    const keyName = yield* Effect.orDie(auth.keyName)
    const response = yield* transport.send({
      method: "POST",
      path: `/keys/${encodeURIComponent(keyName)}/revokeTokens`,
      body: { targets: targets.map(targetText), ...options }
    }, headersOf(credentials)).pipe(Effect.flatMap(expectSuccess))
    const body = yield* Effect.mapError(decodeBody(response.body), (cause) =>
      unexpectedResponse("revocation result", cause, response.requestId))
    return fromResults((isEnvelope(body) ? body.results : body).map((result): TargetResult =>
      "error" in result
        ? { _tag: "Failure", target: result.target, error: toAblyError(result.error) }
        : { _tag: "Success", ...result }))
  }).pipe(Effect.withSpan("Auth.revokeTokens", { captureStackTrace: false }))
