/**
 * The one error type of the SDK: Ably's `ErrorInfo` as a tagged, Schema-backed error.
 *
 * @since 0.1.0
 */
import * as Inspectable from "effect/Inspectable"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import type * as Types from "effect/Types"
import { AblyErrorTypeId, cutText, safeCause } from "./internal/ErrorCause.js"
import { Reason, reasonFor } from "./internal/ErrorReason.js"
import * as ErrorText from "./internal/ErrorText.js"
import { maxCauseText } from "./Limits.js"

export {
  CauseSummary,
  type CauseSummaryFields,
  cutText,
  describeParseError,
  SafeCause,
  safeCause
} from "./internal/ErrorCause.js"
export { Reason, reasonFor } from "./internal/ErrorReason.js"

/**
 * The type id of `AblyError`: `isAblyError` checks for it, so an object that merely has
 * `_tag: "AblyError"` is not taken for one. A global symbol, shared by every copy of the package.
 *
 * @since 0.1.0
 * @category type ids
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.TypeId in Errors.ablyError(40000, 400, "bad") // true
 */
export const TypeId: typeof AblyErrorTypeId = AblyErrorTypeId

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

// Ably's ErrorInfo `detail`: structured facts about the error, a map of strings.
const Detail = Schema.Record({ key: Schema.String, value: Schema.String })

const fields = {
  code: Schema.Number,
  statusCode: Schema.Number,
  message: Schema.String,
  // Optional on the wire and in the constructor; every instance has one (see the class).
  reason: Schema.optional(Reason),
  href: Schema.optional(Schema.String),
  requestId: Schema.optional(Schema.String),
  detail: Schema.optional(Detail),
  cause: Schema.optional(Schema.Defect)
}

type AblyErrorProps = Schema.Struct.Constructor<typeof fields>

/**
 * An Ably error: what the server answered, or a local check that failed with Ably's code.
 * It lives in the error channel, never thrown. Every way of building one (`ablyError`, `new`,
 * Schema decoding) bounds the texts to `Limits.maxCauseText` and passes `cause` through
 * `safeCause`: it keeps an `AblyError` cause as it is and reduces anything else to a
 * `CauseSummary`, so an error never holds a request, headers, a body or a credential and
 * always prints. `reason` defaults to `reasonFor(code, statusCode)`.
 *
 * `message` is Ably's text as it came; `toString()` reads like ably-js's `ErrorInfo`
 * (`AblyError: Token expired (code 40142, statusCode 401, see https://help.ably.io/error/40142)`)
 * and the stack (what `Cause.pretty`, `runMain` and `console.log` print) carries the same
 * code, statusCode and help link on its second line.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { Errors } from "@effect-ably/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.fail(Errors.ablyError(40009, 400, "Message too large"))
 * program.pipe(Effect.catchIf((error) => error.reason === "Validation", () => Effect.void))
 */
export class AblyError extends Schema.TaggedError<AblyError>("@effect-ably/core/AblyError")("AblyError", fields) {
  /**
   * What kind of failure this is; `reasonFor(code, statusCode)` unless given.
   *
   * @since 0.1.0
   */
  declare readonly reason: Reason

  constructor(props: AblyErrorProps, options?: Schema.MakeOptions) {
    super(boundedProps(props), options)
    ErrorText.installStack(this)
  }

  /**
   * @since 0.1.0
   */
  get [TypeId](): TypeId {
    return TypeId
  }

  /**
   * One line with everything ably-js's `ErrorInfo.toString` shows: message, code, statusCode,
   * request id, detail, cause and help link.
   *
   * @since 0.1.0
   */
  override toString(): string {
    return ErrorText.line(this)
  }

  /**
   * Node's `console.log` / `util.inspect`: `toString()` and the stack frames.
   *
   * @since 0.1.0
   */
  override [Inspectable.NodeInspectSymbol](): string {
    const frames = ErrorText.frames(this)
    return frames === "" ? this.toString() : `${this.toString()}\n${frames}`
  }
}

/**
 * The help URL Ably documents for an error code.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.helpUrl(40140) // "https://help.ably.io/error/40140"
 */
export const helpUrl = (code: number): string => `https://help.ably.io/error/${code}`

/**
 * Builds an `AblyError`, filling in the help URL for the code and the reason
 * (`reasonFor(code, statusCode)`) unless given.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Errors } from "@effect-ably/core"
 * const error = Errors.ablyError(40106, 401, "No means to authenticate")
 * error.reason // "Auth"
 */
export const ablyError = (
  code: number,
  statusCode: number,
  message: string,
  extra?: {
    readonly cause?: unknown
    readonly requestId?: string | undefined
    readonly href?: string | undefined
    readonly reason?: Reason | undefined
    readonly detail?: Readonly<Record<string, string>> | undefined
  }
): AblyError =>
  new AblyError({
    code,
    statusCode,
    message,
    reason: extra?.reason ?? reasonFor(code, statusCode),
    href: extra?.href ?? helpUrl(code),
    ...(extra?.requestId === undefined ? {} : { requestId: extra.requestId }),
    ...(extra?.detail === undefined || Object.keys(extra.detail).length === 0 ? {} : { detail: extra.detail }),
    ...(extra?.cause === undefined ? {} : { cause: extra.cause })
  }, true) // The fields are typed here already: skip the Schema check (about 30 µs per error).

const maxDetailEntries = 32

// Server texts (message, href, detail) are cut; the cause is reduced by `safeCause`.
const boundedProps = (props: AblyErrorProps): AblyErrorProps => {
  const { cause, detail, href, message } = props
  const bounded: Types.Mutable<AblyErrorProps> = {
    ...props,
    message: cutText(message),
    reason: props.reason ?? reasonFor(props.code, props.statusCode)
  }
  if (href !== undefined && href.length > maxCauseText) bounded.href = cutText(href)
  if (detail !== undefined) bounded.detail = boundedDetail(detail)
  if (cause !== undefined) bounded.cause = safeCause(cause)
  return bounded
}

const boundedDetail = (detail: Readonly<Record<string, string>>): Record<string, string> => {
  const entries = Object.entries(detail)
  return Object.fromEntries(
    entries.slice(0, maxDetailEntries).map(([name, value]) => [cutText(name, 100), cutText(value, 200)])
  )
}

/**
 * `true` for an `AblyError` (by its `TypeId`, not by its tag: a plain object with
 * `_tag: "AblyError"` is not one).
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.isAblyError(Errors.ablyError(40000, 400, "bad")) // true
 * Errors.isAblyError({ _tag: "AblyError", code: 40000 }) // false
 */
export const isAblyError = (u: unknown): u is AblyError => Predicate.hasProperty(u, TypeId)

/**
 * Token errors (HTTP 401 with code 40140–40149) are the ones that trigger a token renewal.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.isTokenError(Errors.ablyError(40142, 401, "Token expired")) // true
 */
export const isTokenError = (error: AblyError): boolean =>
  error.statusCode === 401 && error.code >= 40140 && error.code < 40150

/**
 * Errors worth retrying on another host or later: timeouts, transport failures, 500–504. It
 * is the rule the client applies to a failed attempt before trying a fallback host (RSC15l);
 * use it for your own retries too (`Effect.retry({ while: Errors.isRetryable })`).
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.isRetryable(Errors.ablyError(50003, 500, "Timeout")) // true
 */
export const isRetryable = (error: AblyError): boolean =>
  (error.statusCode >= 500 && error.statusCode <= 504) || error.code === 80000 || error.code === 50003

/**
 * Rate-limit errors (HTTP 429, codes 429xx).
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.isRateLimit(Errors.ablyError(42910, 429, "Rate limit exceeded")) // true
 */
export const isRateLimit = (error: AblyError): boolean =>
  error.statusCode === 429 || (error.code >= 42900 && error.code < 43000)

/**
 * 42912: another channel enumeration is already running for the app (only one may run at a
 * time). Worth retrying later, e.g. with `Schedule.exponential`.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.isEnumerationInProgress(Errors.ablyError(42912, 429, "Channel enumeration already in progress")) // true
 */
export const isEnumerationInProgress = (error: AblyError): boolean => error.code === 42912

/**
 * 40011: a paginated enumeration became invalid (the cluster changed between pages); a
 * complete result needs a restart from the first page.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.isPaginationInvalidated(Errors.ablyError(40011, 400, "Pagination sequence no longer valid")) // true
 */
export const isPaginationInvalidated = (error: AblyError): boolean => error.code === 40011

// Ably's `detail` is a map of strings; other values in it are dropped (and a `detail` that is
// not an object is ignored) rather than losing the code and message of the whole error body.
const WireDetail = Schema.transform(Schema.Unknown, Detail, {
  strict: true,
  decode: (wire) =>
    Predicate.isRecord(wire)
      ? Object.fromEntries(
        Object.entries(wire).filter((entry): entry is [string, string] => typeof entry[1] === "string")
      )
      : {},
  encode: (detail) => detail
})

/**
 * The wire shape of an error body: `{"error": {code, statusCode, message, href?, detail?}}`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Errors } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Errors.ErrorBody)({ error: { code: 40400, statusCode: 404, message: "Not found" } })
 */
export const ErrorBody = Schema.Struct({
  error: Schema.Struct({
    code: Schema.Number,
    statusCode: Schema.optional(Schema.Number),
    message: Schema.optional(Schema.String),
    href: Schema.optional(Schema.String),
    detail: Schema.optional(WireDetail)
  })
})

/**
 * A server answer that does not have the documented shape. The parse issue is the cause.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Errors } from "@effect-ably/core"
 * const error = Errors.unexpectedResponse("history page", new Error("Expected array"))
 */
export const unexpectedResponse = (what: string, cause: unknown, requestId?: string): AblyError =>
  ablyError(50000, 500, `Unexpected ${what} in the server response`, { cause, requestId, reason: "Decode" })
