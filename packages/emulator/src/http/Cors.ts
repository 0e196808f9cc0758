/**
 * CORS, so browser tests can call the loopback server from another origin.
 *
 * @since 0.1.0
 */
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"

/**
 * Headers added to every response: every origin, and the Ably headers made readable.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { corsHeaders } from "./Cors.js"
 * corsHeaders["access-control-allow-origin"] // "*"
 */
export const corsHeaders: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "Link, X-Ably-ErrorCode, X-Ably-ErrorMessage"
}

const allowedHeaders = "Authorization, Content-Type, Accept, X-Ably-Version, Ably-Agent, X-Ably-ClientId"

/**
 * Answers `OPTIONS` preflights with 204 and adds `corsHeaders` to every other response.
 *
 * @since 0.1.0
 * @category middleware
 * @example
 * import { withCors } from "./Cors.js"
 * import { HttpServerResponse } from "@effect/platform"
 * import { Effect } from "effect"
 * const app = withCors(Effect.succeed(HttpServerResponse.empty()))
 */
export const withCors = <E, R>(app: HttpApp.Default<E, R>): HttpApp.Default<E, R> =>
  Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
    request.method === "OPTIONS"
      ? Effect.succeed(
        HttpServerResponse.empty({
          status: 204,
          headers: {
            ...corsHeaders,
            "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
            "access-control-allow-headers": request.headers["access-control-request-headers"] ?? allowedHeaders,
            "access-control-max-age": "86400"
          }
        })
      )
      : Effect.map(app, HttpServerResponse.setHeaders(corsHeaders)))
