/**
 * `rest.push.admin` (RSH1): the requests ably-js 2.28 sends for push publishing, the device
 * registry and channel subscriptions, each answer Schema-decoded. Built as a plain object
 * of functions: creating a client costs nothing more.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { type AblyError, unexpectedResponse } from "../../Errors.js"
import * as Push from "../../Push.js"
import type { Service as Http } from "../http/AblyHttp.js"
import type { AblyRequest, AblyResponse } from "../http/AblyRequest.js"
import * as ArrayBody from "../http/ArrayBody.js"
import * as Paginated from "../paginated/Paginated.js"
import * as Span from "../Span.js"
import * as LiveActivityInput from "./LiveActivityInput.js"
import * as PushInput from "./PushInput.js"

const devicesPath = "/push/deviceRegistrations"
const subscriptionsPath = "/push/channelSubscriptions"
const devicePath = (id: string) => `${devicesPath}/${encodeURIComponent(id)}`

const decodeDevice = Schema.decodeUnknown(Push.DeviceDetails)
const decodeSubscription = Schema.decodeUnknown(Push.PushChannelSubscription)
const decodeBroadcast = Schema.decodeUnknown(Push.ApnsBroadcast)
const devicesFromResponse = ArrayBody.decoder(Push.DeviceDetails, "device registrations list")
const subscriptionsFromResponse = ArrayBody.decoder(Push.PushChannelSubscription, "push subscriptions list")
const channelsFromResponse = ArrayBody.decoder(Schema.String, "push channels list")

const span = (name: string) => Span.withSpan(name, { captureStackTrace: false })

const decoded = <A>(
  decode: (body: unknown) => Effect.Effect<A, unknown>,
  what: string
) =>
(response: AblyResponse): Effect.Effect<A, AblyError> =>
  Effect.mapError(decode(response.body), (cause) => unexpectedResponse(what, cause, response.requestId))

/**
 * The push admin API over an authenticated HTTP path.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as PushAdmin from "./PushAdmin.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect } from "effect"
 * const devices = Effect.flatMap(AblyHttp.AblyHttp, (http) => PushAdmin.make(http).admin.deviceRegistrations.listPage())
 */
export const make = (http: Http): Push.Service => {
  const send = (request: AblyRequest) => http.send(request)
  const pageOf = <A>(
    name: string,
    path: string,
    check: (params: unknown) => Either.Either<ReadonlyArray<readonly [string, string]>, AblyError>,
    decode: (response: AblyResponse) => Effect.Effect<ReadonlyArray<A>, AblyError>
  ) =>
  (params?: unknown): Effect.Effect<Paginated.Page<A>, AblyError> =>
    Effect.flatMap(
      check(params),
      (query) => Paginated.fetchPage({ send, decode, origins: http.origins }, { method: "GET", path, query })
    ).pipe(span(name))
  const removeWhere = (name: string, path: string, check: typeof PushInput.deviceQuery) => (params: unknown) =>
    Effect.flatMap(check(params), (query) => send({ method: "DELETE", path, query })).pipe(Effect.asVoid, span(name))

  const listDevicesPage = pageOf(
    "Push.deviceRegistrations.list",
    devicesPath,
    PushInput.deviceQuery,
    devicesFromResponse
  )
  const listSubscriptionsPage = pageOf(
    "Push.channelSubscriptions.list",
    subscriptionsPath,
    PushInput.subscriptionQuery,
    subscriptionsFromResponse
  )
  const listChannelsPage = pageOf(
    "Push.channelSubscriptions.listChannels",
    "/push/channels",
    PushInput.channelsQuery,
    channelsFromResponse
  )

  const deviceRegistrations: Push.DeviceRegistrations = {
    get: (deviceIdOrDetails) =>
      Effect.flatMap(PushInput.deviceId(deviceIdOrDetails), (id) => send({ method: "GET", path: devicePath(id) })).pipe(
        Effect.flatMap(decoded(decodeDevice, "device registration")),
        span("Push.deviceRegistrations.get")
      ),
    list: (params) => Paginated.items(listDevicesPage(params)),
    listPage: listDevicesPage,
    save: (device) =>
      Effect.flatMap(
        PushInput.device(device),
        (checked) => send({ method: "PUT", path: devicePath(checked.id), body: checked })
      ).pipe(Effect.flatMap(decoded(decodeDevice, "device registration")), span("Push.deviceRegistrations.save")),
    remove: (deviceIdOrDetails) =>
      Effect.flatMap(PushInput.deviceId(deviceIdOrDetails), (id) => send({ method: "DELETE", path: devicePath(id) }))
        .pipe(Effect.asVoid, span("Push.deviceRegistrations.remove")),
    removeWhere: removeWhere("Push.deviceRegistrations.removeWhere", devicesPath, PushInput.deviceQuery)
  }

  const channelSubscriptions: Push.ChannelSubscriptions = {
    list: (params) => Paginated.items(listSubscriptionsPage(params)),
    listPage: listSubscriptionsPage,
    listChannels: (params) => Paginated.items(listChannelsPage(params)),
    listChannelsPage,
    save: (subscription) =>
      Effect.flatMap(
        PushInput.subscription(subscription),
        (checked) => send({ method: "POST", path: subscriptionsPath, body: checked })
      ).pipe(
        Effect.flatMap(decoded(decodeSubscription, "push subscription")),
        span("Push.channelSubscriptions.save")
      ),
    // A subscription has no id: ably-js removes it as `removeWhere` by its fields.
    remove: (subscription) =>
      Effect.flatMap(PushInput.subscription(subscription), (checked) =>
        send({
          method: "DELETE",
          path: subscriptionsPath,
          query: Object.entries(checked).filter((entry): entry is [string, string] => typeof entry[1] === "string")
        })).pipe(Effect.asVoid, span("Push.channelSubscriptions.remove")),
    removeWhere: removeWhere("Push.channelSubscriptions.removeWhere", subscriptionsPath, PushInput.subscriptionQuery)
  }

  const liveActivityEvent = (event: LiveActivityInput.LiveActivityEvent, name: string) => (params: unknown) =>
    Effect.flatMap(
      LiveActivityInput.request(event, params),
      ({ body, path }) => send({ method: "POST", path, body })
    ).pipe(Effect.asVoid, span(name))

  const liveActivity: Push.LiveActivity = {
    start: liveActivityEvent("start", "Push.liveActivity.start"),
    update: liveActivityEvent("broadcast", "Push.liveActivity.update"),
    end: liveActivityEvent("end", "Push.liveActivity.end")
  }

  return {
    admin: {
      publish: (recipient, payload) =>
        Effect.flatMap(
          PushInput.publishBody(recipient, payload),
          (body) => send({ method: "POST", path: "/push/publish", body })
        ).pipe(Effect.asVoid, span("Push.admin.publish")),
      createApnsBroadcast: (options) =>
        Effect.flatMap(
          LiveActivityInput.broadcastOptions(options),
          (body) => send({ method: "POST", path: "/push/apnsBroadcastChannels", body })
        ).pipe(
          Effect.flatMap(decoded(decodeBroadcast, "APNs broadcast channel")),
          span("Push.admin.createApnsBroadcast")
        ),
      liveActivity,
      deviceRegistrations,
      channelSubscriptions
    }
  }
}
