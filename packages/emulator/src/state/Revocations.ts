/**
 * Token revocation requests (RSA17): the request body, its validation, and the BatchResult
 * it answers (one success or failure per target).
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { Revocation, TargetType } from "./Tokens.js"

/**
 * How far in the past `issuedBefore` may be (1 hour), how long `allowReauthMargin` delays
 * enforcement (30 s), and how many targets one request may name.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Revocations from "./Revocations.js"
 * Revocations.maxIssuedBeforeAgeMillis // 3_600_000 (1 hour)
 */
export const maxIssuedBeforeAgeMillis = 3_600_000

/**
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Revocations from "./Revocations.js"
 * Revocations.reauthMarginMillis // 30_000 (30 s)
 */
export const reauthMarginMillis = 30_000

/**
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Revocations from "./Revocations.js"
 * Revocations.maxTargets // 100
 */
export const maxTargets = 100

/**
 * The body of `POST /keys/:keyName/revokeTokens`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { RevokeTokensRequest } from "./Revocations.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(RevokeTokensRequest)({ targets: ["clientId:bob"] })
 */
export const RevokeTokensRequest = Schema.Struct({
  targets: Schema.Array(Schema.String),
  issuedBefore: Schema.optional(Schema.Number),
  allowReauthMargin: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export type RevokeTokensRequest = typeof RevokeTokensRequest.Type

/**
 * One target's outcome: when revocation applies, or why the target was refused.
 *
 * @since 0.1.0
 * @category models
 */
export type RevocationResult =
  | { readonly target: string; readonly issuedBefore: number; readonly appliesAt: number }
  | {
    readonly target: string
    readonly error: { readonly code: number; readonly statusCode: number; readonly message: string }
  }

/**
 * The BatchResult envelope `revokeTokens` answers with HTTP 201.
 *
 * @since 0.1.0
 * @category models
 */
export interface RevocationBatch {
  readonly successCount: number
  readonly failureCount: number
  readonly results: ReadonlyArray<RevocationResult>
}

const targetTypes: ReadonlyArray<TargetType> = ["clientId", "revocationKey", "channel"]

const isTargetType = (type: string): type is TargetType => targetTypes.some((known) => known === type)

const parseTarget = (target: string): Either.Either<{ type: TargetType; value: string }, string> => {
  const colon = target.indexOf(":")
  const type = colon === -1 ? target : target.slice(0, colon)
  const value = colon === -1 ? "" : target.slice(colon + 1)
  if (!isTargetType(type)) return Either.left(`Unsupported revocation target type '${type}'`)
  if (value === "") return Either.left(`Revocation target '${target}' has no value`)
  return Either.right({ type, value })
}

const invalid = (message: string) => Errors.ablyError(40003, 400, message)

/**
 * Validates a request at `now` and works out, for each target, a revocation or a per-target
 * failure (400 / 40000 for an unknown type or an empty value). The whole request fails with
 * 400 / 40003 when there are no targets or more than 100, or when `issuedBefore` is in the
 * future or more than an hour old.
 *
 * @since 0.1.0
 * @category revocation
 * @example
 * import { planRevocation } from "./Revocations.js"
 * planRevocation("app.key", { targets: ["clientId:bob"] }, 1_700_000_000_000)
 */
export const planRevocation = (
  keyName: string,
  request: RevokeTokensRequest,
  now: number
): Either.Either<
  { readonly revocations: ReadonlyArray<Revocation>; readonly batch: RevocationBatch },
  Errors.AblyError
> => {
  if (request.targets.length === 0) return Either.left(invalid("No revocation targets given"))
  if (request.targets.length > maxTargets) {
    return Either.left(invalid(`At most ${maxTargets} revocation targets per request`))
  }
  const issuedBefore = request.issuedBefore ?? now
  if (issuedBefore > now) return Either.left(invalid("issuedBefore is in the future"))
  if (issuedBefore < now - maxIssuedBeforeAgeMillis) {
    return Either.left(invalid("issuedBefore is more than an hour ago"))
  }
  const appliesAt = request.allowReauthMargin === true ? now + reauthMarginMillis : now
  const revocations: Array<Revocation> = []
  const results = request.targets.map((target): RevocationResult => {
    const parsed = parseTarget(target)
    if (Either.isLeft(parsed)) return { target, error: { code: 40000, statusCode: 400, message: parsed.left } }
    revocations.push({ keyName, ...parsed.right, issuedBefore, appliesAt })
    return { target, issuedBefore, appliesAt }
  })
  const successCount = revocations.length
  return Either.right({ revocations, batch: { successCount, failureCount: results.length - successCount, results } })
}
