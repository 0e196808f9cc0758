/**
 * Batch results (BAR, BPR, BPF, BGR, BGF): one outcome per channel, success or failure, as
 * data. The wire shapes as Schemas, and a lenient reader for the server's formats: the
 * `BatchResult` envelope (protocol ≥ 3), a bare array of per-channel results, or the legacy
 * `{error: 40020, batchResponse}` answer to a partly failed batch.
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError, helpUrl } from "./Errors.js"
import { withDefault } from "./internal/SchemaDefault.js"

/**
 * An `ErrorInfo` inside a batch result.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { BatchResult } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(BatchResult.WireErrorInfo)({ code: 40160, statusCode: 401, message: "denied" })
 */
export const WireErrorInfo = Schema.Struct({
  code: Schema.Number,
  statusCode: Schema.optional(Schema.Number),
  message: Schema.optional(Schema.String),
  href: Schema.optional(Schema.String)
})

/**
 * The `AblyError` for a batch item's `ErrorInfo`.
 *
 * @since 0.1.0
 * @category conversions
 * @example
 * import { BatchResult } from "@effect-ably/core"
 * BatchResult.toAblyError({ code: 40160, statusCode: 401, message: "denied" }).code // 40160
 */
export const toAblyError = (error: typeof WireErrorInfo.Type): AblyError =>
  ablyError(error.code, error.statusCode ?? Math.floor(error.code / 100), error.message ?? `Error ${error.code}`, {
    href: error.href
  })

/**
 * The `ErrorInfo` of an `AblyError` as it goes on the wire (error bodies, batch failures),
 * with the help URL filled in: `toAblyError`'s inverse.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { BatchResult, Errors } from "@effect-ably/core"
 * BatchResult.toWireErrorInfo(Errors.ablyError(40160, 401, "denied")).href // "https://help.ably.io/error/40160"
 */
export const toWireErrorInfo = (error: AblyError): typeof WireErrorInfo.Type => ({
  code: error.code,
  statusCode: error.statusCode,
  message: error.message,
  href: error.href ?? helpUrl(error.code)
})

/**
 * A per-channel failure (BPF2, BGF2).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { BatchResult } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(BatchResult.WireFailure)({ channel: "news", error: { code: 40160, statusCode: 401 } })
 */
export const WireFailure = Schema.Struct({ channel: Schema.String, error: WireErrorInfo })

/**
 * A per-channel publish success (BPR2): the id base of the messages and their serials.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { BatchResult } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(BatchResult.WirePublishSuccess)({ channel: "news", messageId: "abc" }).serials // []
 */
export const WirePublishSuccess = Schema.Struct({
  channel: Schema.String,
  messageId: Schema.optional(Schema.String),
  serials: withDefault(Schema.Array(Schema.NullOr(Schema.String)), () => [])
})

/**
 * The envelope of one batch (BAR2).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { BatchResult } from "@effect-ably/core"
 * import { Schema } from "effect"
 * const Envelope = BatchResult.WireBatchResult(BatchResult.WireFailure)
 */
export const WireBatchResult = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({
    successCount: Schema.optional(Schema.Number),
    failureCount: Schema.optional(Schema.Number),
    results: Schema.Array(item)
  })

/**
 * The outcome of a batch: counts and one result per channel, in request order (BAR2).
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchResult<A> {
  readonly successCount: number
  readonly failureCount: number
  readonly results: ReadonlyArray<A>
}

/**
 * A channel the batch could not serve, with why.
 *
 * @since 0.1.0
 * @category models
 */
export interface Failure {
  readonly _tag: "Failure"
  readonly channel: string
  readonly error: AblyError
}

/**
 * A failure result.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { BatchResult, Errors } from "@effect-ably/core"
 * BatchResult.failure("news", Errors.ablyError(40160, 401, "denied"))
 */
export const failure = (channel: string, error: AblyError): Failure => ({ _tag: "Failure", channel, error })

/**
 * Builds a `BatchResult` from per-channel results, counting the failures.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { BatchResult } from "@effect-ably/core"
 * BatchResult.fromResults([{ _tag: "Success", channel: "a" }]) // { successCount: 1, failureCount: 0, results: [...] }
 */
export const fromResults = <A extends { readonly _tag: string }>(results: ReadonlyArray<A>): BatchResult<A> => {
  const failureCount = results.filter((result) => result._tag === "Failure").length
  return { successCount: results.length - failureCount, failureCount, results }
}

/**
 * The per-channel results of a batch answer, grouped per batch: `sizes[i]` is how many
 * channels batch `i` addressed, used when the server sent one flat array. Envelopes are
 * taken as they are; the legacy 40020 answer is unwrapped. `undefined` when the body has none
 * of these shapes.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { BatchResult } from "@effect-ably/core"
 * BatchResult.groups([{ channel: "a" }, { channel: "b" }], [1, 1]) // [[{ channel: "a" }], [{ channel: "b" }]]
 */
export const groups = (
  body: unknown,
  sizes: ReadonlyArray<number>
): ReadonlyArray<ReadonlyArray<unknown>> | undefined => {
  if (Predicate.isRecord(body) && Array.isArray(body["batchResponse"])) return groups(body["batchResponse"], sizes)
  if (Predicate.isRecord(body) && Array.isArray(body["results"])) return [body["results"]]
  if (!Array.isArray(body)) return undefined
  const entries: ReadonlyArray<unknown> = body
  const envelopes = entries.flatMap((entry): ReadonlyArray<ReadonlyArray<unknown>> => {
    const results = Predicate.isRecord(entry) ? entry["results"] : undefined
    return Array.isArray(results) ? [results] : []
  })
  if (entries.length > 0 && envelopes.length === entries.length) return envelopes
  // A flat array of per-channel results, in request order.
  let offset = 0
  return sizes.map((size) => {
    const group = entries.slice(offset, offset + size)
    offset += size
    return group
  })
}
