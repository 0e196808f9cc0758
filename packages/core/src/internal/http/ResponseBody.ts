/**
 * Reading a platform `HttpClientResponse`'s body within a size limit: what
 * `HttpClientEngine` (the engine over an `@effect/platform` `HttpClient`) reads a body with.
 * Its own module, outside the kernel: applications on the `fetch` or undici engine do not
 * carry it (bundlers put what a lazy part uses of a shared module in the first-loaded chunks).
 *
 * @since 0.1.0
 */
import type * as Headers from "@effect/platform/Headers"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { type AblyError, ablyError } from "../../Errors.js"
import * as Limits from "../../Limits.js"
import { concat, declaredLength } from "./BodyBytes.js"
import { unreadableAnswer } from "./ResponseDecoding.js"

const empty = new Uint8Array(0)

const tooLarge = (size: string, limit: number, requestId: string | undefined) =>
  unreadableAnswer(`the body is larger than ${limit} bytes (${size})`, requestId)

/**
 * Reads a response body of at most `limit` bytes (`Limits.maxResponseBytes` by default),
 * failing with a 50000 `unreadableAnswer` past it; a body that fails mid-read is an 80000.
 * - a declared `Content-Length` over the limit fails before anything is read; under it the
 *   body is read whole (engines stop at the declared length) and its length checked;
 * - a chunked body (`Transfer-Encoding`), or one with an unusable `Content-Length`, is read
 *   chunk by chunk and reading stops as soon as it passes the limit;
 * - every other body (an in-memory `Response`, no length given) is read whole, then checked:
 *   counting chunk by chunk costs about 7× the whole read, so it is kept for the bodies
 *   whose size nobody declared.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as ResponseBody from "./ResponseBody.js"
 * import { HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 * const bytes = HttpClient.get("https://rest.ably.io/time").pipe(
 *   Effect.flatMap((response) => ResponseBody.readBody(response, response.headers, undefined))
 * ) // Effect<Uint8Array, AblyError | HttpClientError, HttpClient>
 */
export const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  headers: Headers.Headers,
  requestId: string | undefined,
  limit: number = Limits.maxResponseBytes
): Effect.Effect<Uint8Array, AblyError> => {
  const readFailed = (cause: unknown) => ablyError(80000, 500, "Failed to read the response body", { cause, requestId })
  const lengthHeader = headers["content-length"]
  const declared = declaredLength(lengthHeader)
  if (declared !== undefined && declared > limit) {
    return Effect.fail(tooLarge(`Content-Length ${declared}`, limit, requestId))
  }
  if (declared !== undefined || (lengthHeader === undefined && headers["transfer-encoding"] === undefined)) {
    return Effect.flatMap(Effect.mapError(response.arrayBuffer, readFailed), (buffer) =>
      buffer.byteLength > limit
        ? Effect.fail(tooLarge(`${buffer.byteLength} bytes read`, limit, requestId))
        : Effect.succeed(new Uint8Array(buffer)))
  }
  // No usable length: count while reading, so an endless body costs at most `limit` bytes.
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let total = 0
    return response.stream.pipe(
      Stream.runForEachWhile((chunk) => {
        total += chunk.length
        if (total > limit) return Effect.succeed(false)
        chunks.push(chunk)
        return Effect.succeed(true)
      }),
      Effect.matchEffect({
        onFailure: (error) => error.reason === "EmptyBody" ? Effect.succeed(empty) : Effect.fail(readFailed(error)),
        onSuccess: () =>
          total > limit
            ? Effect.fail(tooLarge(`more than ${limit} bytes sent`, limit, requestId))
            : Effect.succeed(concat(chunks, total))
      })
    )
  })
}
