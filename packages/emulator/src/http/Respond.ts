/**
 * Building responses: bodies in the negotiated protocol with an exact Content-Type, and Ably
 * error responses (body plus `X-Ably-ErrorCode` / `X-Ably-ErrorMessage` headers).
 *
 * @since 0.1.0
 */
import { BatchResult, Errors } from "@effect-ably/core"
import { Codec } from "@effect-ably/core/wire"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { responseProtocol } from "./Negotiation.js"

/**
 * A response whose body is `body` encoded in `protocol`. Content-Type is exactly
 * `application/json` or `application/x-msgpack`. Fails if the value cannot be encoded.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { encoded } from "./Respond.js"
 * const response = encoded("json", 200, [1700000000000]) // Effect<HttpServerResponse, AblyError>
 */
export const encoded = (
  protocol: Codec.Protocol,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {}
): Effect.Effect<HttpServerResponse.HttpServerResponse, Errors.AblyError> =>
  Effect.mapError(
    Codec.encode(protocol, body),
    (cause) => Errors.ablyError(50000, 500, "Unable to encode the response", { cause })
  ).pipe(
    Effect.map((bytes) => {
      const contentType = Codec.contentTypes[protocol]
      // Set as a header too: web `Response`s built from the body alone carry no Content-Type.
      return HttpServerResponse.uint8Array(bytes, {
        status,
        contentType,
        headers: { ...headers, "content-type": contentType }
      })
    })
  )

/**
 * A response in the protocol the request negotiated.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { respond } from "./Respond.js"
 * const response = respond(201, { channel: "news" })
 */
export const respond = (
  status: number,
  body: unknown,
  headers?: Readonly<Record<string, string>>
): Effect.Effect<HttpServerResponse.HttpServerResponse, Errors.AblyError, HttpServerRequest.HttpServerRequest> =>
  Effect.flatMap(responseProtocol, (protocol) => encoded(protocol, status, body, headers))

// Header values must be ISO-8859-1 without control characters; keep them short and ASCII.
const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, "?").slice(0, 512)

/**
 * The error response for an `AblyError`: `{"error": {code, statusCode, message, href}}` in the
 * negotiated protocol, with `X-Ably-ErrorCode` and `X-Ably-ErrorMessage` headers.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { errorResponse } from "./Respond.js"
 * import { Errors } from "@effect-ably/core"
 * const response = errorResponse(Errors.ablyError(40400, 404, "Not found"))
 */
export const errorResponse = (
  error: Errors.AblyError
): Effect.Effect<HttpServerResponse.HttpServerResponse, never, HttpServerRequest.HttpServerRequest> => {
  const body: typeof Errors.ErrorBody.Type = { error: BatchResult.toWireErrorInfo(error) }
  const headers = { "x-ably-errorcode": String(error.code), "x-ably-errormessage": headerSafe(error.message) }
  return Effect.flatMap(responseProtocol, (protocol) =>
    encoded(protocol, error.statusCode, body, headers).pipe(
      // An error body is plain data and always encodes; this is only a last resort.
      Effect.orElseSucceed(() => HttpServerResponse.empty({ status: error.statusCode, headers }))
    ))
}
