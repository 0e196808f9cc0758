/**
 * Wire format negotiation: which protocol a response uses, and decoding request bodies by
 * their Content-Type.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import { Codec } from "@effect-ably/core/wire"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"

// Request URLs are paths; a fixed base makes them parseable without caring about the host.
const base = "http://emulator.invalid"

/**
 * The request URL resolved against a placeholder origin (only path and query matter).
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * import { requestUrl } from "./Negotiation.js"
 * import { HttpServerRequest } from "@effect/platform"
 * requestUrl(HttpServerRequest.fromWeb(new Request("http://h/time?x=1"))).search // "?x=1"
 */
export const requestUrl = (request: HttpServerRequest.HttpServerRequest): URL => new URL(request.url, base)

/**
 * The response protocol: the first JSON or msgpack type in `Accept`, else the `format`
 * query parameter, else JSON.
 *
 * @since 0.1.0
 * @category negotiation
 * @example
 * import { negotiate } from "./Negotiation.js"
 * import { HttpServerRequest } from "@effect/platform"
 * negotiate(HttpServerRequest.fromWeb(new Request("http://h/time?format=msgpack"))) // "msgpack"
 */
export const negotiate = (request: HttpServerRequest.HttpServerRequest): Codec.Protocol => {
  for (const mediaType of (request.headers["accept"] ?? "").split(",")) {
    const protocol = Codec.protocolOf(mediaType)
    if (protocol !== undefined) return protocol
  }
  return requestUrl(request).searchParams.get("format") === "msgpack" ? "msgpack" : "json"
}

/**
 * The negotiated protocol of the current request.
 *
 * @since 0.1.0
 * @category negotiation
 * @example
 * import { responseProtocol } from "./Negotiation.js"
 * const protocol = responseProtocol // Effect<Protocol, never, HttpServerRequest>
 */
export const responseProtocol: Effect.Effect<Codec.Protocol, never, HttpServerRequest.HttpServerRequest> = Effect.map(
  HttpServerRequest.HttpServerRequest,
  negotiate
)

const invalidBody = (message: string, cause?: unknown) =>
  Errors.ablyError(40001, 400, `Invalid request body: ${message}`, { cause })

/**
 * The request body's bytes (read once: a Node request body cannot be read twice) and its
 * value decoded as JSON or msgpack by Content-Type (JSON when absent). An unsupported type,
 * an unreadable or malformed body fails with 400 / 40001.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { readBodyBytes } from "./Negotiation.js"
 * const body = readBodyBytes // Effect<{ bytes, value }, AblyError, HttpServerRequest>
 */
export const readBodyBytes: Effect.Effect<
  { readonly bytes: Uint8Array; readonly value: unknown },
  Errors.AblyError,
  HttpServerRequest.HttpServerRequest
> = Effect.gen(function*() {
  const request = yield* HttpServerRequest.HttpServerRequest
  const contentType = request.headers["content-type"]
  const protocol = contentType === undefined ? "json" : Codec.protocolOf(contentType)
  if (protocol === undefined) return yield* Effect.fail(invalidBody(`unsupported Content-Type ${contentType}`))
  const bytes = new Uint8Array(
    yield* request.arrayBuffer.pipe(Effect.mapError((cause) => invalidBody("unreadable", cause)))
  )
  const value = yield* Effect.try({
    try: () => Codec.decode(protocol, bytes),
    catch: (cause) => invalidBody(`malformed ${protocol}`, cause)
  })
  return { bytes, value }
})

/**
 * The request body decoded as JSON or msgpack according to its Content-Type (JSON when
 * absent). An unsupported type, an unreadable or malformed body fails with 400 / 40001.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { readBody } from "./Negotiation.js"
 * const body = readBody // Effect<unknown, AblyError, HttpServerRequest>
 */
export const readBody: Effect.Effect<unknown, Errors.AblyError, HttpServerRequest.HttpServerRequest> = Effect.map(
  readBodyBytes,
  ({ value }) => value
)
