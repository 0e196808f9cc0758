/**
 * Push admin (RSH1): `POST /push/publish`, the device registry under
 * `/push/deviceRegistrations`, subscriptions under `/push/channelSubscriptions` and
 * `GET /push/channels`. Every route needs `push-admin`; lists are paginated with `Link`
 * headers (`limit`, `cursor`).
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { authenticate } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { readBody } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import * as PushState from "../state/Push.js"
import * as Step from "../state/Step.js"
import {
  checkDevice,
  checkPublish,
  checkSubscription,
  ensurePushAdmin,
  pushLinks,
  PushPaging,
  query
} from "./PushRules.js"

const noContent = HttpServerResponse.empty({ status: 204 })

// The caller, once it holds `push-admin`.
const pushAdmin = Effect.tap(authenticate, (principal) => ensurePushAdmin(principal.capability))

const deviceIdParam = Effect.flatMap(HttpRouter.params, ({ deviceId }) =>
  deviceId === undefined || deviceId === ""
    ? Effect.fail(Errors.ablyError(40000, 400, "A deviceId is required"))
    : Effect.succeed(deviceId))

const Filter = Schema.optional(Schema.String)
const DeviceQuery = Schema.Struct({
  ...PushPaging.fields,
  deviceId: Filter,
  clientId: Filter,
  state: Schema.optional(Schema.Literal("ACTIVE", "FAILING", "FAILED"))
})
const SubscriptionQuery = Schema.Struct({
  ...PushPaging.fields,
  channel: Filter,
  deviceId: Filter,
  clientId: Filter,
  concatFilters: Schema.optional(Schema.compose(Schema.Literal("true", "false"), Schema.BooleanFromString))
})

const filtersOf = (filters: Readonly<Record<string, string | boolean | undefined>>) =>
  Object.entries(filters).flatMap(([name, value]) => value === undefined ? [] : [[name, String(value)] as const])

/**
 * `POST /push/publish`: validates the recipient and payload (400 / 40000), records the push
 * (see `GET /_emulator/push/published`) and answers 204.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { pushPublish } from "./push.js"
 * const handler = pushPublish
 */
export const pushPublish = Effect.gen(function*() {
  const principal = yield* pushAdmin
  const { payload, recipient } = yield* Effect.flatMap(readBody, checkPublish)
  const emulator = yield* Emulator
  yield* emulator.modifyApp(
    principal.app.appId,
    (app, now) => Step.succeed(undefined, PushState.recordPublish(app, { recipient, payload, timestamp: now }))
  )
  return noContent
})

/**
 * `PUT /push/deviceRegistrations/:deviceId`: registers or updates a device; answers it.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { saveDevice } from "./push.js"
 * const handler = saveDevice
 */
export const saveDevice = Effect.gen(function*() {
  const principal = yield* pushAdmin
  const id = yield* deviceIdParam
  const device = yield* Effect.flatMap(readBody, (body) => checkDevice(id, body))
  const emulator = yield* Emulator
  yield* emulator.modifyApp(principal.app.appId, (app) => Step.succeed(undefined, PushState.saveDevice(app, device)))
  return yield* respond(200, device)
})

/**
 * `GET /push/deviceRegistrations/:deviceId`: the device, or 404 / 40400.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { getDevice } from "./push.js"
 * const handler = getDevice
 */
export const getDevice = Effect.gen(function*() {
  const principal = yield* pushAdmin
  const id = yield* deviceIdParam
  const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.app(principal.app.appId))
  const [device] = PushState.devices(app, { deviceId: id })
  if (device === undefined) return yield* Effect.fail(Errors.ablyError(40400, 404, `Device ${id} not found`))
  return yield* respond(200, device)
})

/**
 * `GET /push/deviceRegistrations`: the devices matching `deviceId`, `clientId`, `state`.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { listDevices } from "./push.js"
 * const handler = listDevices
 */
export const listDevices = Effect.gen(function*() {
  const principal = yield* pushAdmin
  const { cursor, limit, ...filters } = yield* query(DeviceQuery, "device registration parameters")
  const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.app(principal.app.appId))
  const page = PushState.page(PushState.devices(app, filters), cursor, limit)
  return yield* respond(200, page.items, {
    link: pushLinks("deviceRegistrations", filtersOf(filters), limit, cursor, page.next)
  })
})

/**
 * `DELETE /push/deviceRegistrations/:deviceId`: removes the device and its subscriptions;
 * 204 whether or not it existed.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { removeDevice } from "./push.js"
 * const handler = removeDevice
 */
export const removeDevice = Effect.gen(function*() {
  const principal = yield* pushAdmin
  const deviceId = yield* deviceIdParam
  const emulator = yield* Emulator
  yield* emulator.modifyApp(
    principal.app.appId,
    (app) => Step.succeed(undefined, PushState.removeDevices(app, { deviceId }))
  )
  return noContent
})

/**
 * `DELETE /push/deviceRegistrations`: removes the devices matching `deviceId` or `clientId`
 * (one of them is required, else 400 / 40000).
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { removeDevicesWhere } from "./push.js"
 * const handler = removeDevicesWhere
 */
export const removeDevicesWhere = Effect.gen(function*() {
  const principal = yield* pushAdmin
  const { clientId, deviceId, state } = yield* query(DeviceQuery, "device registration parameters")
  if (clientId === undefined && deviceId === undefined) {
    return yield* Effect.fail(Errors.ablyError(40000, 400, "Removing devices needs a deviceId or clientId filter"))
  }
  const emulator = yield* Emulator
  yield* emulator.modifyApp(
    principal.app.appId,
    (app) => Step.succeed(undefined, PushState.removeDevices(app, { clientId, deviceId, state }))
  )
  return noContent
})

/**
 * `POST /push/channelSubscriptions`: subscribes a device or a client; answers 201 with it.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { saveSubscription } from "./push.js"
 * const handler = saveSubscription
 */
export const saveSubscription = Effect.gen(function*() {
  const principal = yield* pushAdmin
  const subscription = yield* Effect.flatMap(readBody, checkSubscription)
  const emulator = yield* Emulator
  yield* emulator.modifyApp(
    principal.app.appId,
    (app) => Step.succeed(undefined, PushState.saveSubscription(app, subscription))
  )
  return yield* respond(201, subscription)
})

/**
 * `GET /push/channelSubscriptions`: the subscriptions matching `channel`, `deviceId`,
 * `clientId` (either of the last two with `concatFilters=true`).
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { listSubscriptions } from "./push.js"
 * const handler = listSubscriptions
 */
export const listSubscriptions = Effect.gen(function*() {
  const principal = yield* pushAdmin
  const { cursor, limit, ...filters } = yield* query(SubscriptionQuery, "push subscription parameters")
  const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.app(principal.app.appId))
  const page = PushState.page(PushState.subscriptions(app, filters), cursor, limit)
  return yield* respond(200, page.items, {
    link: pushLinks("channelSubscriptions", filtersOf(filters), limit, cursor, page.next)
  })
})

/**
 * `DELETE /push/channelSubscriptions`: removes the subscriptions matching the filters (at
 * least one of `channel`, `deviceId`, `clientId`, else 400 / 40000); 204.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { removeSubscriptions } from "./push.js"
 * const handler = removeSubscriptions
 */
export const removeSubscriptions = Effect.gen(function*() {
  const principal = yield* pushAdmin
  const { cursor: _cursor, limit: _limit, ...filters } = yield* query(SubscriptionQuery, "push subscription parameters")
  if (filters.channel === undefined && filters.deviceId === undefined && filters.clientId === undefined) {
    return yield* Effect.fail(
      Errors.ablyError(40000, 400, "Removing subscriptions needs a channel, deviceId or clientId filter")
    )
  }
  const emulator = yield* Emulator
  yield* emulator.modifyApp(
    principal.app.appId,
    (app) => Step.succeed(undefined, PushState.removeSubscriptions(app, filters))
  )
  return noContent
})

/**
 * `GET /push/channels`: the channels with at least one subscription, sorted.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { listChannels } from "./push.js"
 * const handler = listChannels
 */
export const listChannels = Effect.gen(function*() {
  const principal = yield* pushAdmin
  const { cursor, limit } = yield* query(PushPaging, "push channels parameters")
  const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.app(principal.app.appId))
  const page = PushState.page(PushState.channels(app), cursor, limit)
  return yield* respond(200, page.items, { link: pushLinks("channels", [], limit, cursor, page.next) })
})

/**
 * The push routes, for the router.
 *
 * @since 0.1.0
 * @category routes
 * @example
 * import { pushRoutes } from "./push.js"
 * import { HttpRouter } from "@effect/platform"
 * const router = HttpRouter.fromIterable(pushRoutes)
 */
export const pushRoutes = [
  HttpRouter.makeRoute("POST", "/push/publish", pushPublish),
  HttpRouter.makeRoute("GET", "/push/deviceRegistrations", listDevices),
  HttpRouter.makeRoute("DELETE", "/push/deviceRegistrations", removeDevicesWhere),
  HttpRouter.makeRoute("GET", "/push/deviceRegistrations/:deviceId", getDevice),
  HttpRouter.makeRoute("PUT", "/push/deviceRegistrations/:deviceId", saveDevice),
  HttpRouter.makeRoute("DELETE", "/push/deviceRegistrations/:deviceId", removeDevice),
  HttpRouter.makeRoute("GET", "/push/channelSubscriptions", listSubscriptions),
  HttpRouter.makeRoute("POST", "/push/channelSubscriptions", saveSubscription),
  HttpRouter.makeRoute("DELETE", "/push/channelSubscriptions", removeSubscriptions),
  HttpRouter.makeRoute("GET", "/push/channels", listChannels)
] as const
