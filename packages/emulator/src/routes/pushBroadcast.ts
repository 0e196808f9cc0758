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
import * as Either from "effect/Either"
import { authenticate } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { readBody } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import { randomId } from "../state/Ids.js"
import type { ApnsBroadcastChannel } from "../state/Push.js"
import * as PushBroadcasts from "../state/PushBroadcasts.js"
import * as Step from "../state/Step.js"
import { ensurePushAdmin } from "./PushRules.js"

const invalid = (message: string) => Either.left(Errors.ablyError(40000, 400, message))

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)

const isName = (value: unknown): value is string => typeof value === "string" && value.length > 0

const events = ["start", "broadcast", "end"] as const
type Event = typeof events[number]
const isEvent = (value: unknown): value is Event => events.some((event) => event === value)

/**
 * A Live Activity body: `apns` an object, `headers` (optional) an object of strings, and for
 * `start` exactly one of `channels` (names) and `deviceId`. Answers the recipient and payload
 * to record, or 400 / 40000.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { checkEvent } from "./pushBroadcast.js"
 * checkEvent("start", { apns: { aps: { event: "start" } }, channels: ["game"] })
 */
export const checkEvent = (event: Event, body: unknown): Either.Either<
  { readonly recipient: Readonly<Record<string, unknown>>; readonly payload: Readonly<Record<string, unknown>> },
  Errors.AblyError
> => {
  if (!isRecord(body)) return invalid("Invalid Live Activity request: expected an object")
  const { apns, channels, deviceId, headers } = body
  if (!isRecord(apns)) return invalid("Invalid Live Activity request: apns must be an object")
  if (headers !== undefined && !(isRecord(headers) && Object.values(headers).every((v) => typeof v === "string"))) {
    return invalid("Invalid Live Activity request: headers must be an object of strings")
  }
  const payload = headers === undefined ? { apns } : { apns, headers }
  if (event !== "start") return Either.right({ recipient: {}, payload })
  const names: ReadonlyArray<unknown> = Array.isArray(channels) ? channels : []
  if ((names.length > 0) === (deviceId !== undefined)) {
    return invalid("Invalid Live Activity start: give exactly one of channels and deviceId")
  }
  if (deviceId !== undefined) {
    return isName(deviceId)
      ? Either.right({ recipient: { deviceId }, payload })
      : invalid("Invalid Live Activity start: deviceId must be a string")
  }
  return names.every(isName)
    ? Either.right({ recipient: { channels: names }, payload })
    : invalid("Invalid Live Activity start: channels must be channel names")
}

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
  const body = yield* readBody
  const policy = isRecord(body) ? body["messageStoragePolicy"] : undefined
  if (policy !== 0 && policy !== 1) {
    return yield* Effect.fail(
      Errors.ablyError(40000, 400, "Invalid APNs broadcast: messageStoragePolicy must be 0 or 1")
    )
  }
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
  const { payload, recipient } = yield* Effect.flatMap(readBody, (body) => checkEvent(event, body))
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
