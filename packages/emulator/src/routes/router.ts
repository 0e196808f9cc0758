/**
 * The route table. Unknown paths, and known paths asked with a method they do not accept
 * (e.g. `GET /keys/:keyName/requestToken`), fall through to the app's 404 / 40400, as Ably
 * answers them (never 405). `HEAD` is answered by the `GET` route of a path.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Effect from "effect/Effect"
import { faultRoutes } from "../control/faultRoutes.js"
import { routes as adminRoutes } from "../control/routes.js"
import type { Emulator } from "../Emulator.js"
import { getAnnotations, publishAnnotation } from "./annotations.js"
import { createApp, deleteApp } from "./apps.js"
import { batchPresence, batchPublish } from "./batch.js"
import { channels } from "./channels.js"
import { history } from "./history.js"
import { changeMessage, changeWithoutSerial, getMessage, messageVersions } from "./messageMutation.js"
import { presence, presenceHistory } from "./presence.js"
import { publish } from "./publish.js"
import { pushRoutes } from "./push.js"
import { pushBroadcastRoutes } from "./pushBroadcast.js"
import { requestToken } from "./requestToken.js"
import { revokeTokens } from "./revokeTokens.js"
import { postStats, stats } from "./stats.js"
import { status } from "./status.js"
import { time } from "./time.js"

const routes = [
  HttpRouter.makeRoute("GET", "/time", time),
  HttpRouter.makeRoute("POST", "/apps", createApp),
  HttpRouter.makeRoute("DELETE", "/apps/:appId", deleteApp),
  HttpRouter.makeRoute("POST", "/keys/:keyName/requestToken", requestToken),
  HttpRouter.makeRoute("POST", "/keys/:keyName/revokeTokens", revokeTokens),
  HttpRouter.makeRoute("POST", "/channels/:channel/messages", publish),
  HttpRouter.makeRoute("GET", "/channels/:channel/messages", history),
  HttpRouter.makeRoute("PATCH", "/channels/:channel/messages", changeWithoutSerial),
  HttpRouter.makeRoute("GET", "/channels/:channel/messages/:serial", getMessage),
  HttpRouter.makeRoute("PATCH", "/channels/:channel/messages/:serial", changeMessage),
  HttpRouter.makeRoute("GET", "/channels/:channel/messages/:serial/versions", messageVersions),
  HttpRouter.makeRoute("POST", "/channels/:channel/messages/:serial/annotations", publishAnnotation),
  HttpRouter.makeRoute("GET", "/channels/:channel/messages/:serial/annotations", getAnnotations),
  HttpRouter.makeRoute("GET", "/channels/:channel/presence", presence),
  HttpRouter.makeRoute("GET", "/channels/:channel/presence/history", presenceHistory),
  HttpRouter.makeRoute("GET", "/channels/:channel", status),
  HttpRouter.makeRoute("GET", "/channels", channels),
  HttpRouter.makeRoute("GET", "/stats", stats),
  HttpRouter.makeRoute("POST", "/stats", postStats),
  HttpRouter.makeRoute("POST", "/messages", batchPublish),
  HttpRouter.makeRoute("GET", "/presence", batchPresence),
  ...pushRoutes,
  ...pushBroadcastRoutes,
  ...adminRoutes,
  ...faultRoutes
]

/**
 * Every emulator route: `GET /time`, `POST /apps`, `DELETE /apps/:appId`,
 * `POST /keys/:keyName/requestToken` and `/revokeTokens`, and
 * `POST`/`GET /channels/:channel/messages`, presence and presence history, channel status
 * and enumeration, `GET`/`POST /stats`, batch publish and presence, and the admin and fault
 * routes under `/_emulator`. Handlers fail with `AblyError`; the app turns failures into Ably error
 * responses. A method a path does not accept is a `RouteNotFound` (404 / 40400).
 *
 * @since 0.1.0
 * @category routers
 * @example
 * import { router } from "./router.js"
 * const app = router // HttpRouter<AblyError, Emulator>
 */
export const router = HttpRouter.fromIterable(routes)

/**
 * The route matcher's settings. find-my-way limits a path parameter to 100 characters by
 * default, which turned every longer channel name into a 404; Ably states no channel-name
 * length limit, so the emulator sets none: what bounds a name is the request line (on
 * loopback, Node's 16 KiB header limit answers 431 past it; in process, nothing).
 *
 * @since 0.1.0
 * @category routers
 * @example
 * import { routerConfig } from "./router.js"
 * routerConfig.maxParamLength // Number.MAX_SAFE_INTEGER
 */
export const routerConfig: Parameters<typeof HttpRouter.setRouterConfig>[0] = {
  maxParamLength: Number.MAX_SAFE_INTEGER
}

let routerApp: HttpApp.Default<Errors.AblyError | HttpServerError.RouteNotFound, Emulator> | undefined

/**
 * `router` as an `HttpApp` whose matcher uses `routerConfig`. The matcher is built once, on
 * first use (as `HttpRouter` itself does), so a request costs one lookup.
 *
 * @since 0.1.0
 * @category routers
 * @example
 * import { routed } from "./router.js"
 * const app = routed // HttpApp<AblyError | RouteNotFound, Emulator>
 */
export const routed: HttpApp.Default<Errors.AblyError | HttpServerError.RouteNotFound, Emulator> = Effect.suspend(() =>
  routerApp ??
    Effect.flatMap(HttpRouter.withRouterConfig(HttpRouter.toHttpApp(router), routerConfig), (app) => {
      routerApp = app
      return app
    })
)
