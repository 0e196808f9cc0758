/**
 * Reading a response: the body by its Content-Type (RSC8d/RSC8e) and Ably errors from the
 * body, the `X-Ably-Error*` headers, or the status alone.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError, cutText, ErrorBody } from "../Errors.js"
import type { AblyRequest, AblyResponse } from "./AblyRequest.js"
import * as Codec from "./Codec.js"

const decodeErrorBody = Schema.decodeUnknownOption(ErrorBody)

const describeBody = (contentType: string, bytes: Uint8Array): string =>
  `unsupported content type "${contentType}"; body (base64, first 512 bytes): ${Encoding.encodeBase64(bytes.subarray(0, 512))}`

/**
 * Decodes a raw response. A 2xx body in an unknown type or a malformed one fails with 40013;
 * on error statuses the problem is kept in `bodyIssue` so the status and headers still count.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { ResponseDecoding } from "@effect-ably/core"
 * // ResponseDecoding.readResponse(request, httpClientResponse, requestId) // Effect<AblyResponse, AblyError>
 */
export const readResponse = (
  request: AblyRequest,
  response: HttpClientResponse.HttpClientResponse,
  requestId: string | undefined
): Effect.Effect<AblyResponse, AblyError> =>
  Effect.flatMap(
    Effect.mapError(response.arrayBuffer, (cause) =>
      // `cause` is the platform's ResponseError, holding the request and its headers:
      // `ablyError` reduces it to its tag, reason, status and the stream error's message.
      ablyError(80000, 500, "Failed to read the response body", { cause, requestId })),
    (buffer) => {
      const bytes = new Uint8Array(buffer)
      const base = { request, status: response.status, headers: response.headers, requestId }
      if (bytes.length === 0) return Effect.succeed({ ...base, body: undefined })
      const contentType = response.headers["content-type"] ?? ""
      const decoded = decodeBody(contentType, bytes)
      if (Either.isRight(decoded)) return Effect.succeed({ ...base, body: decoded.right })
      if (response.status >= 400) return Effect.succeed({ ...base, body: undefined, bodyIssue: decoded.left })
      return Effect.fail(ablyError(40013, 400, `Invalid response body: ${decoded.left}`, { requestId }))
    }
  )

const decodeBody = (contentType: string, bytes: Uint8Array): Either.Either<unknown, string> => {
  const protocol = Codec.protocolOf(contentType)
  if (protocol === undefined) return Either.left(describeBody(contentType, bytes))
  return Either.try({
    try: () => Codec.decode(protocol, bytes),
    catch: (cause) => `malformed ${protocol} body (${cause instanceof Error ? cutText(cause.message, 200) : "decode failed"})`
  })
}

const headerCode = (headers: Headers.Headers): Option.Option<number> =>
  Option.flatMap(Headers.get(headers, "x-ably-errorcode"), (value) => {
    const code = Number.parseInt(value, 10)
    return Number.isFinite(code) ? Option.some(code) : Option.none()
  })

/**
 * The `AblyError` an error response stands for: the body's `error` object, else the
 * `X-Ably-ErrorCode`/`X-Ably-ErrorMessage` headers, else the status (`404` → `40400`).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { ResponseDecoding } from "@effect-ably/core"
 * // const error = ResponseDecoding.errorFromResponse(response) // AblyError with code, statusCode, message
 */
export const errorFromResponse = (response: AblyResponse): AblyError => {
  const { requestId, status } = response
  const fromBody = decodeErrorBody(response.body)
  if (Option.isSome(fromBody)) {
    const { error } = fromBody.value
    return ablyError(error.code, error.statusCode ?? status, error.message ?? `HTTP ${status}`, {
      href: error.href,
      requestId
    })
  }
  const message = Headers.get(response.headers, "x-ably-errormessage")
  const issue = response.bodyIssue === undefined ? "" : ` (${response.bodyIssue})`
  return Option.match(headerCode(response.headers), {
    onSome: (code) => ablyError(code, status, Option.getOrElse(message, () => `HTTP ${status}`) + issue, { requestId }),
    onNone: () => ablyError(status * 100, status, `HTTP ${status}${issue}`, { requestId })
  })
}
