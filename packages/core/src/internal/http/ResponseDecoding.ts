/**
 * Reading a response: the body by its Content-Type (RSC8d/RSC8e) and Ably errors from the
 * body, the `X-Ably-Error*` headers, or the status alone.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError, cutText, ErrorBody } from "../../Errors.js"
import * as Limits from "../../Limits.js"
import * as Base64 from "../Base64.js"
import * as Lazy from "../Lazy.js"
import { isRateLimitAnswer, rateLimitDetail } from "../rateLimit/Parse.js"
import type { AblyRequest, AblyResponse } from "./AblyRequest.js"
import * as Codec from "./Codec.js"

const decodeErrorBody = Lazy.onFirstCall(() => Schema.decodeUnknownOption(ErrorBody))

const describeBody = (contentType: string, bytes: Uint8Array): string =>
  `unsupported content type "${contentType.slice(0, 100)}"; body (base64, first 512 bytes): ${
    Base64.encode(bytes.subarray(0, 512))
  }`

/**
 * The 50000 error for a server answer the SDK cannot read: over `Limits.maxResponseBytes`,
 * nested deeper than `Limits.maxDepth`, malformed, or in a content type it does not speak.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import * as ResponseDecoding from "./ResponseDecoding.js"
 * ResponseDecoding.unreadableAnswer("malformed json body").code // 50000
 */
export const unreadableAnswer = (reason: string, requestId?: string): AblyError =>
  ablyError(50000, 500, `Unreadable server answer: ${reason}`, { requestId, reason: "Decode" })

/**
 * Decodes a body already read. A 2xx body that cannot be read (too deep, malformed, in an
 * unknown content type) fails with 50000; on error statuses the problem is kept in
 * `bodyIssue` so the status and headers still count (a body over the size limit fails
 * whatever the status: engines do not read it).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as ResponseDecoding from "./ResponseDecoding.js"
 * import { Headers } from "@effect/platform"
 * const request = { method: "GET", path: "/time" } as const
 * const headers = Headers.fromInput({ "content-type": "application/json" })
 * ResponseDecoding.decodeResponse(request, 200, headers, new TextEncoder().encode("[1]"), undefined) // Either.right
 */
export const decodeResponse = (
  request: AblyRequest,
  status: number,
  headers: Headers.Headers,
  bytes: Uint8Array,
  requestId: string | undefined
): Either.Either<AblyResponse, AblyError> => {
  if (bytes.length === 0) return Either.right({ request, status, headers, requestId, body: undefined })
  // A 2xx answer whose reader checks depth as it reads is not walked here (see `AblyRequest`).
  const checkDepth = request.depthCheckedByReader !== true || status < 200 || status >= 300
  const decoded = decodeBody(headers["content-type"] ?? "", bytes, checkDepth)
  if (Either.isRight(decoded)) return Either.right({ request, status, headers, requestId, body: decoded.right })
  if (status >= 400) {
    return Either.right({ request, status, headers, requestId, body: undefined, bodyIssue: decoded.left })
  }
  return Either.left(unreadableAnswer(decoded.left, requestId))
}

// Ably's own answers carry the bare media type: no parsing for them.
const protocolOfType = (contentType: string): Codec.Protocol | undefined =>
  contentType === Codec.contentTypes.json
    ? "json"
    : contentType === Codec.contentTypes.msgpack
    ? "msgpack"
    : Codec.protocolOf(contentType)

const tooDeep = (protocol: string) => `the ${protocol} body is nested deeper than ${Limits.maxDepth} levels`

const decodeBody = (contentType: string, bytes: Uint8Array, checkDepth: boolean): Either.Either<unknown, string> => {
  const protocol = protocolOfType(contentType)
  if (protocol === undefined) return Either.left(describeBody(contentType, bytes))
  let value: unknown
  try {
    value = Codec.decode(protocol, bytes)
  } catch (cause) {
    return Either.left(
      `malformed ${protocol} body (${cause instanceof Error ? cutText(cause.message, 200) : "decode failed"})`
    )
  }
  // One iterative walk per body, so no recursive decoder or renderer sees a deeper value.
  return !checkDepth || Limits.depthWithin(value, Limits.maxDepth)
    ? Either.right(value)
    : Either.left(tooDeep(protocol))
}

/**
 * The body of a 2xx answer whose depth the reader checks itself, walked whole (for the
 * readers' uncommon paths): the body, or the 50000 `unreadableAnswer` that `decodeResponse`
 * gives a body nested deeper than `Limits.maxDepth`.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as ResponseDecoding from "./ResponseDecoding.js"
 * import { Headers } from "@effect/platform"
 * const request = { method: "GET", path: "/channels/a/messages", depthCheckedByReader: true } as const
 * const headers = Headers.fromInput({ "content-type": "application/json" })
 * ResponseDecoding.bodyWithinDepth({ request, status: 200, headers, body: [[[]]] }) // Either.right([[[]]])
 */
export const bodyWithinDepth = (response: AblyResponse): Either.Either<unknown, AblyError> =>
  Limits.depthWithin(response.body, Limits.maxDepth)
    ? Either.right(response.body)
    : Either.left(
      unreadableAnswer(tooDeep(protocolOfType(response.headers["content-type"] ?? "") ?? "json"), response.requestId)
    )

// An Ably error code is a small positive integer; anything else in the header is ignored.
const headerCode = (headers: Headers.Headers): Option.Option<number> =>
  Option.flatMap(Headers.get(headers, "x-ably-errorcode"), (value) => {
    const trimmed = value.trim()
    return /^\d{1,9}$/.test(trimmed) ? Option.some(Number(trimmed)) : Option.none()
  })

const isCode = (value: number | undefined): value is number =>
  value !== undefined && Number.isSafeInteger(value) && value >= 0

/**
 * The `AblyError` an error response stands for: the body's `error` object, else the
 * `X-Ably-ErrorCode`/`X-Ably-ErrorMessage` headers, else the status (`404` → `40400`).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as ResponseDecoding from "./ResponseDecoding.js"
 * import { Headers } from "@effect/platform"
 * const request = { method: "GET", path: "/channels/a" } as const
 * const body = { error: { code: 40400, statusCode: 404, message: "Not found" } }
 * ResponseDecoding.errorFromResponse({ request, status: 404, headers: Headers.empty, body }) // AblyError 40400
 */
export const errorFromResponse = (response: AblyResponse): AblyError => {
  const { requestId, status } = response
  const fromBody = decodeErrorBody(response.body)
  if (Option.isSome(fromBody) && isCode(fromBody.value.error.code)) {
    const { error } = fromBody.value
    const statusCode = isCode(error.statusCode) ? error.statusCode : status
    const message = error.message === undefined ? `HTTP ${status}` : cutText(error.message)
    return ablyError(error.code, statusCode, message, {
      href: error.href,
      requestId,
      detail: detailOf(response, error.code, statusCode, message, error.detail)
    })
  }
  const headerMessage = Option.map(Headers.get(response.headers, "x-ably-errormessage"), cutText)
  const issue = response.bodyIssue === undefined ? "" : ` (${response.bodyIssue})`
  const withHeaders = (code: number, message: string) =>
    ablyError(code, status, message, { requestId, detail: detailOf(response, code, status, message, undefined) })
  return Option.match(headerCode(response.headers), {
    onSome: (code) => withHeaders(code, Option.getOrElse(headerMessage, () => `HTTP ${status}`) + issue),
    onNone: () => withHeaders(status * 100, `HTTP ${status}${issue}`)
  })
}

// A rate-limit answer carries the facts of its message and its `Retry-After` header in
// `detail` (see `RateLimit.details`); every other answer keeps the body's `detail` as it is.
const detailOf = (
  response: AblyResponse,
  code: number,
  statusCode: number,
  message: string,
  detail: Readonly<Record<string, string>> | undefined
): Readonly<Record<string, string>> | undefined =>
  isRateLimitAnswer(code, statusCode) || response.status === 429
    ? rateLimitDetail(message, response.headers["retry-after"], response.headers["date"], detail)
    : detail
