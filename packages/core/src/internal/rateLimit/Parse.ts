/**
 * Reading the facts out of a rate-limit answer: Ably's message (`metric = …; interval = …;
 * permitted rate = …; current rate = …; scope = …`) and a `Retry-After` header. Loaded with
 * the error path, and only ever run for a 429 / 429xx answer: a scan without regular
 * expressions over at most `maxParsedText` characters, so hostile input costs linear time.
 *
 * @since 0.1.0
 */

/**
 * How much of a message is read; Ably's messages are a few hundred characters.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { maxParsedText } from "./Parse.js"
 * maxParsedText // 2048
 */
export const maxParsedText = 2048

// The message's names for the facts, and the `detail` keys they are stored under.
const names: Readonly<Record<string, string>> = {
  metric: "metric",
  interval: "interval",
  "permitted rate": "permittedRate",
  "current rate": "currentRate",
  scope: "scope"
}

const semicolon = 59
const newline = 10
const carriageReturn = 13

const readSegment = (segment: string, into: Record<string, string>): void => {
  const equals = segment.indexOf("=")
  if (equals < 0) return
  const name = segment.slice(0, equals).trim().toLowerCase()
  if (!Object.prototype.hasOwnProperty.call(names, name)) return
  const key = names[name]!
  if (Object.prototype.hasOwnProperty.call(into, key)) return
  let value = segment.slice(equals + 1)
  // Ably's texts may end with ` (status: 429, code: 42910)`.
  const suffix = value.indexOf(" (status:")
  if (suffix >= 0) value = value.slice(0, suffix)
  value = value.trim()
  if (value !== "") into[key] = value.length > 200 ? value.slice(0, 200) : value
}

/**
 * The facts a rate-limit message states, as `detail` entries (`metric`, `interval`,
 * `permittedRate`, `currentRate`, `scope`); `{}` when it states none (an account-wide message
 * like `Maximum account-wide instantaneous messages rate exceeded`). Segments are separated by
 * `;` or line breaks; the first value of a name wins; values are kept as text (at most 200
 * characters each).
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { messageFacts } from "./Parse.js"
 * messageFacts("Rate limit exceeded; metric = channel.maxRate; permitted rate = 50; current rate = 62.4")
 * // { metric: "channel.maxRate", permittedRate: "50", currentRate: "62.4" }
 */
export const messageFacts = (message: string): Record<string, string> => {
  const text = message.length > maxParsedText ? message.slice(0, maxParsedText) : message
  const facts: Record<string, string> = {}
  let start = 0
  for (let at = 0; at <= text.length; at++) {
    const char = at < text.length ? text.charCodeAt(at) : semicolon
    if (char !== semicolon && char !== newline && char !== carriageReturn) continue
    if (at > start) readSegment(text.slice(start, at), facts)
    start = at + 1
  }
  return facts
}

const isDigits = (text: string): boolean => {
  if (text.length === 0 || text.length > 9) return false
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at)
    if (char < 48 || char > 57) return false
  }
  return true
}

// An HTTP date is in GMT (`Wed, 21 Oct 2026 07:28:00 GMT`); `Date.parse` alone takes "-1" too.
const httpDate = (text: string): number => text.length <= 64 && text.includes("GMT") ? Date.parse(text) : Number.NaN

/**
 * A `Retry-After` header (RFC 9110: delay seconds or an HTTP date) as `detail` entries:
 * `retryAfterMillis` for seconds, or for a date its distance from the answer's `Date` header
 * (`0` when already past); a date with no usable `Date` header is kept as `retryAt` (epoch
 * milliseconds), for the reader to compare with its clock. Anything else gives `{}`.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { retryAfterFacts } from "./Parse.js"
 * retryAfterFacts("2", undefined) // { retryAfterMillis: "2000" }
 * retryAfterFacts("Wed, 21 Oct 2026 07:28:05 GMT", "Wed, 21 Oct 2026 07:28:00 GMT") // { retryAfterMillis: "5000" }
 */
export const retryAfterFacts = (
  retryAfter: string | undefined,
  date: string | undefined
): Record<string, string> => {
  if (retryAfter === undefined) return {}
  const value = retryAfter.trim()
  if (isDigits(value)) return { retryAfterMillis: String(Number(value) * 1000) }
  const at = httpDate(value)
  if (!Number.isFinite(at)) return {}
  const now = date === undefined ? Number.NaN : httpDate(date)
  return Number.isFinite(now)
    ? { retryAfterMillis: String(Math.max(0, at - now)) }
    : { retryAt: String(at) }
}

/**
 * Whether an answer is a rate limit: HTTP 429 or a 429xx code (as `Errors.isRateLimit`).
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { isRateLimitAnswer } from "./Parse.js"
 * isRateLimitAnswer(42910, 429) // true
 */
export const isRateLimitAnswer = (code: number, statusCode: number): boolean =>
  statusCode === 429 || (code >= 42900 && code < 43000)

/**
 * The `detail` of a rate-limit error: the message's facts and the `Retry-After` hint, under
 * Ably's own `detail` from the body (which wins).
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { rateLimitDetail } from "./Parse.js"
 * rateLimitDetail("Rate limit exceeded; metric = channel.maxRate", "1", undefined, undefined)
 * // { metric: "channel.maxRate", retryAfterMillis: "1000" }
 */
export const rateLimitDetail = (
  message: string,
  retryAfter: string | undefined,
  date: string | undefined,
  detail: Readonly<Record<string, string>> | undefined
): Record<string, string> => ({
  ...messageFacts(message),
  ...retryAfterFacts(retryAfter, date),
  ...detail
})
