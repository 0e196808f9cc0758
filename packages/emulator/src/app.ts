/**
 * The emulator as one `HttpApp`: routes, Ably error responses, response control
 * (`envelope`, `fields`, `flatten`, `select`) and CORS. Both transports (the
 * in-memory `HttpClient` and the loopback server) serve this same app.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import type { Emulator } from "./Emulator.js"
import { withCors } from "./http/Cors.js"
import { errorResponse } from "./http/Respond.js"
import { withResponseControl } from "./http/ResponseControl.js"
import { routed } from "./routes/router.js"

/**
 * The complete emulator app. It never fails: unknown paths answer 404 / 40400, handler
 * errors answer their Ably error, and defects answer 500 / 50000.
 *
 * @since 0.1.0
 * @category apps
 * @example
 * import { httpApp, layerState } from "@effect-ably/emulator"
 * import { HttpServer } from "@effect/platform"
 * import { Layer } from "effect"
 *
 * // Serve it on any platform HttpServer:
 * const serve = HttpServer.serve(httpApp).pipe(Layer.provide(layerState))
 */
export const httpApp: HttpApp.Default<never, Emulator> = withCors(withResponseControl(
  routed.pipe(
    Effect.catchTags({
      RouteNotFound: () =>
        Effect.flatMap(
          HttpServerRequest.HttpServerRequest,
          (request) =>
            errorResponse(Errors.ablyError(40400, 404, `Not found: ${request.method} ${request.url.split("?", 1)[0]}`))
        ),
      AblyError: errorResponse
    }),
    Effect.catchAllDefect((defect) => errorResponse(Errors.ablyError(50000, 500, "Internal error", { cause: defect })))
  )
))
