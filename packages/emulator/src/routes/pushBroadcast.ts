/**
 * iOS Live Activities (RSH1d, RSH1e): `POST /push/apnsBroadcastChannels` makes an APNs
 * broadcast channel; `POST /push/apnsBroadcastChannels/:id/start|broadcast|end` pushes to
 * it. Nothing reaches Apple: each push is recorded (`GET /_emulator/push/published`, with a
 * `liveActivity` field). Every route needs `push-admin`; an unknown or ended broadcast id
 * answers 404 / 40400 (a guess: Ably documents no code for it).
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { authenticate } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { readBody } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import { randomId } from "../state/Ids.js"
import type { ApnsBroadcastChannel } from "../state/Push.js"
import * as PushBroadcasts from "../state/PushBroadcasts.js"
import * as Step from "../state/Step.js"
import { checkBroadcastOptions, checkLiveActivity, ensurePushAdmin, type LiveActivityEvent } from "./PushRules.js"

const events = ["start", "broadcast", "end"] as const
const isEvent = (value: unknown): value is LiveActivityEvent => events.some((event) => event === value)

/**
 * `POST /push/apnsBroadcastChannels`: `{ messageStoragePolicy: 0 | 1 }` → 201
 * `{ id, apnsChannelId }`.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { createBroadcast } from "./pushBroadcast.js"
 * const handler = createBroadcast
 */
export const createBroadcast = Effect.gen(function*() {
  const principal = yield* Effect.tap(authenticate, (principal) => ensurePushAdmin(principal.capability))
  const policy = yield* Effect.flatMap(readBody, checkBroadcastOptions)
  const channel: ApnsBroadcastChannel = {
    id: yield* randomId(16),
    apnsChannelId: globalThis.btoa(yield* randomId(18)),
    messageStoragePolicy: policy
  }
  const emulator = yield* Emulator
  yield* emulator.modifyApp(principal.app.appId, (app) => Step.succeed(undefined, PushBroadcasts.add(app, channel)))
  return yield* respond(201, { id: channel.id, apnsChannelId: channel.apnsChannelId })
})

/**
 * `POST /push/apnsBroadcastChannels/:apnsBroadcast/:event` (`start`, `broadcast`, `end`):
 * checks the body, records the push, answers 204.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { broadcastEvent } from "./pushBroadcast.js"
 * const handler = broadcastEvent
 */
export const broadcastEvent = Effect.gen(function*() {
  const principal = yield* Effect.tap(authenticate, (principal) => ensurePushAdmin(principal.capability))
  const { apnsBroadcast, event } = yield* HttpRouter.params
  if (!isEvent(event) || apnsBroadcast === undefined) {
    return yield* Effect.fail(Errors.ablyError(40400, 404, "Not found"))
  }
  const { payload, recipient } = yield* Effect.flatMap(readBody, (body) => checkLiveActivity(event, body))
  const emulator = yield* Emulator
  yield* emulator.modifyApp(principal.app.appId, (app, now) =>
    PushBroadcasts.find(app, apnsBroadcast) === undefined
      ? Step.fail(Errors.ablyError(40400, 404, `APNs broadcast channel ${apnsBroadcast} not found`), app)
      : Step.succeed(
        undefined,
        PushBroadcasts.record(app, {
          recipient: event === "start" ? recipient : { apnsBroadcast },
          payload,
          timestamp: now,
          liveActivity: { apnsBroadcast, event }
        })
      ))
  return HttpServerResponse.empty({ status: 204 })
})

/**
 * The Live Activity routes, for the router.
 *
 * @since 0.1.0
 * @category routes
 * @example
 * import { pushBroadcastRoutes } from "./pushBroadcast.js"
 * import { HttpRouter } from "@effect/platform"
 * const router = HttpRouter.fromIterable(pushBroadcastRoutes)
 */
export const pushBroadcastRoutes = [
  HttpRouter.makeRoute("POST", "/push/apnsBroadcastChannels", createBroadcast),
  HttpRouter.makeRoute("POST", "/push/apnsBroadcastChannels/:apnsBroadcast/:event", broadcastEvent)
] as const
