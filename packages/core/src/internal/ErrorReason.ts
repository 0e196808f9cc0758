/**
 * The `reason` of an `AblyError`: what kind of failure it is, derived from Ably's code.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * What kind of failure an `AblyError` is, so callers can `catchIf` by meaning:
 * - `Validation`: the request or its input was rejected (a local check or a server 4xxxx other
 *   than the ones below: bad parameters, a message too large, an unknown resource);
 * - `Auth`: credentials, tokens or capabilities (401xx, 403xx, 80019, a failed token fetch);
 * - `RateLimit`: too many requests, or an enumeration already running (429xx, or HTTP 429);
 * - `Timeout`: no answer in time (50003, HTTP 504);
 * - `Transport`: the request did not get through or its answer could not be read off the wire (800xx);
 * - `Decode`: the answer arrived but does not have the documented shape;
 * - `Server`: Ably failed (5xxxx) or answered in a way the SDK refuses.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Errors } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.is(Errors.Reason)("Auth") // true
 */
export const Reason = Schema.Literal("Validation", "Auth", "RateLimit", "Timeout", "Transport", "Decode", "Server")

/**
 * @since 0.1.0
 * @category models
 */
export type Reason = typeof Reason.Type

/**
 * The reason Ably's code (and, for codes outside Ably's ranges, the HTTP status) stands for.
 * `ablyError` uses it when no reason is given; only `Decode` is never derived (a server can
 * send any code, but only the SDK knows it could not read an answer).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.reasonFor(40142, 401) // "Auth"
 * Errors.reasonFor(40009, 400) // "Validation"
 * Errors.reasonFor(50003, 500) // "Timeout"
 */
export const reasonFor = (code: number, statusCode: number): Reason => {
  if (code === 50003 || statusCode === 504) return "Timeout"
  if (code === 80019) return "Auth"
  if (code >= 80000 && code < 81000) return "Transport"
  if ((code >= 40100 && code < 40200) || (code >= 40300 && code < 40400)) return "Auth"
  if ((code >= 42900 && code < 43000) || statusCode === 429) return "RateLimit"
  if (code >= 40000 && code < 50000) return "Validation"
  if (code >= 50000 && code < 60000) return "Server"
  if (statusCode === 401 || statusCode === 403) return "Auth"
  return statusCode >= 400 && statusCode < 500 ? "Validation" : "Server"
}
