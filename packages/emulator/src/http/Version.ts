/**
 * The protocol version a request asks for (`X-Ably-Version` header, or the `v` query
 * parameter): some answers changed shape with protocol 3.
 *
 * @since 0.1.0
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import { requestUrl } from "./Negotiation.js"

/**
 * The version newer shapes start at (`BatchResult` envelopes, `by=id` enumeration).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Version from "./Version.js"
 * Version.envelopeVersion // 3
 */
export const envelopeVersion = 3

/**
 * The requested protocol version; `undefined` when the request names none.
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * import { protocolVersion } from "./Version.js"
 * const version = protocolVersion // Effect<number | undefined, never, HttpServerRequest>
 */
export const protocolVersion: Effect.Effect<number | undefined, never, HttpServerRequest.HttpServerRequest> = Effect
  .map(
    HttpServerRequest.HttpServerRequest,
    (request) => {
      const raw = request.headers["x-ably-version"] ?? requestUrl(request).searchParams.get("v") ?? undefined
      const version = raw === undefined ? Number.NaN : Number.parseFloat(raw)
      return Number.isFinite(version) ? version : undefined
    }
  )

/**
 * `true` when the request asks for protocol 3 or newer, or names no version (the latest).
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * import * as Version from "./Version.js"
 * import { Effect } from "effect"
 * // true for `X-Ably-Version: 3` or no version, false for `2`
 * const shape = Effect.map(Version.isModern, (modern) => (modern ? "envelope" : "array"))
 */
export const isModern: Effect.Effect<boolean, never, HttpServerRequest.HttpServerRequest> = Effect.map(
  protocolVersion,
  (version) => version === undefined || version >= envelopeVersion
)
