/**
 * `POST /apps` (create a test app, no auth) and `DELETE /apps/:appId` (Basic auth with one of
 * that app's keys), as on Ably's sandbox.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { authenticate } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { readBody } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import { AppSpec } from "../state/AppSpec.js"

// An absolute URL (the in-memory transport's) or the path with the `Host` header.
const requestUrl = (request: HttpServerRequest.HttpServerRequest): Option.Option<URL> =>
  URL.canParse(request.originalUrl) ? Option.some(new URL(request.originalUrl)) : HttpServerRequest.toURL(request)

// Where this request reached the emulator: host and port of its URL (80 or 443 by scheme).
const whereToConnect = (request: HttpServerRequest.HttpServerRequest) =>
  Option.match(requestUrl(request), {
    onNone: () => ({ endpoint: "localhost", restHost: "localhost", port: 80, tls: false }),
    onSome: (url) => {
      const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname
      const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port)
      return { endpoint: host, restHost: host, port, tls: false }
    }
  })

/**
 * Creates an app from a `post_apps`-shaped body (ably-common's `test-app-setup.json`) and
 * answers 201 with its `AppInfo`, as a local Ably sandbox does: where to connect
 * (`endpoint`, `restHost`, `port`, `tls: false`) and the full key objects. A body that is
 * not an app spec fails with 400 / 40001, a capability Ably refuses with 400 / 40000.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { createApp } from "./apps.js"
 * const handler = createApp
 */
export const createApp = Effect.gen(function*() {
  const body = yield* readBody
  const spec = yield* Schema.decodeUnknown(AppSpec)(body).pipe(
    Effect.mapError((cause) =>
      Errors.ablyError(40001, 400, `Invalid app spec: ${Errors.describeParseError(cause)}`, { cause })
    )
  )
  const emulator = yield* Emulator
  const app = yield* emulator.createApp(spec)
  return yield* respond(201, { ...app, ...whereToConnect(yield* HttpServerRequest.HttpServerRequest) })
})

/**
 * Deletes an app; the caller must hold one of its keys (else 401 / 40101). Answers 204.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { deleteApp } from "./apps.js"
 * const handler = deleteApp
 */
export const deleteApp = Effect.gen(function*() {
  const { appId = "" } = yield* HttpRouter.params
  const principal = yield* authenticate
  if (principal.app.appId !== appId) {
    return yield* Effect.fail(
      Errors.ablyError(40101, 401, `Key ${principal.key.keyName} does not belong to app ${appId}`)
    )
  }
  const emulator = yield* Emulator
  yield* emulator.deleteApp(appId)
  return HttpServerResponse.empty({ status: 204 })
})
