/**
 * Push admin (RSH1): the device registry, channel subscriptions and direct push publishing,
 * as `rest.push.admin`. The models are Schemas of the wire shapes ably-js 2.28 uses
 * (`DeviceDetails`, `DevicePushDetails`, `PushChannelSubscription`); unknown extra fields in
 * server answers are tolerated and dropped.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import { WireErrorInfo } from "./BatchResult.js"
import type { AblyError } from "./Errors.js"
import type * as Paginated from "./internal/paginated/Paginated.js"

/**
 * The platform of a device (`android`, `ios`, `browser`).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Push } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Push.DevicePlatform)("android")
 */
export const DevicePlatform = Schema.Literal("android", "ios", "browser")

/**
 * @since 0.1.0
 * @category models
 */
export type DevicePlatform = typeof DevicePlatform.Type

/**
 * The kind of device (`phone`, `tablet`, `desktop`, `tv`, `watch`, `car`, `embedded`, `other`).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Push } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Push.DeviceFormFactor)("phone")
 */
export const DeviceFormFactor = Schema.Literal("phone", "tablet", "desktop", "tv", "watch", "car", "embedded", "other")

/**
 * @since 0.1.0
 * @category models
 */
export type DeviceFormFactor = typeof DeviceFormFactor.Type

/**
 * The state of a device's push registration (`ACTIVE`, `FAILING`, `FAILED`).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Push } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Push.DevicePushState)("ACTIVE")
 */
export const DevicePushState = Schema.Literal("ACTIVE", "FAILING", "FAILED")

/**
 * @since 0.1.0
 * @category models
 */
export type DevicePushState = typeof DevicePushState.Type

const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * How a device is reached (PCP): `recipient` names the transport and its address
 * (`{ transportType: "fcm", registrationToken }`, `{ transportType: "apns", deviceToken }`,
 * `{ transportType: "web", targetUrl, encryptionKey }`…), `state` and the last `error`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Push } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Push.DevicePushDetails)({ recipient: { transportType: "fcm", registrationToken: "t" } })
 */
export const DevicePushDetails = Schema.Struct({
  recipient: JsonObject,
  state: Schema.optional(DevicePushState),
  error: Schema.optional(WireErrorInfo)
})

/**
 * @since 0.1.0
 * @category models
 */
export type DevicePushDetails = typeof DevicePushDetails.Type

/**
 * A device registered for push (PCD): `id`, `platform`, `formFactor` and `push` are
 * required; `clientId`, `metadata` and `deviceSecret` optional.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Push } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Push.DeviceDetails)({
 *   id: "device-1",
 *   platform: "android",
 *   formFactor: "phone",
 *   push: { recipient: { transportType: "fcm", registrationToken: "token" } }
 * })
 */
export const DeviceDetails = Schema.Struct({
  id: Schema.String,
  clientId: Schema.optional(Schema.String),
  platform: DevicePlatform,
  formFactor: DeviceFormFactor,
  metadata: Schema.optional(JsonObject),
  deviceSecret: Schema.optional(Schema.String),
  push: DevicePushDetails
})

/**
 * @since 0.1.0
 * @category models
 */
export type DeviceDetails = typeof DeviceDetails.Type

/**
 * A push subscription of one device (`deviceId`) or of every device of a client
 * (`clientId`) to a channel (PCS). When saving, exactly one of the two is given (PCS5).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Push } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Push.PushChannelSubscription)({ channel: "pushenabled:news", clientId: "alice" })
 */
export const PushChannelSubscription = Schema.Struct({
  channel: Schema.String,
  deviceId: Schema.optional(Schema.String),
  clientId: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type PushChannelSubscription = typeof PushChannelSubscription.Type

const Limit = Schema.optional(Schema.Int.pipe(Schema.between(1, 1000)))

/**
 * Filters of `deviceRegistrations.list` and `removeWhere`: `deviceId`, `clientId`, `state`,
 * and `limit` (1–1000, list only).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Push } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Push.DeviceRegistrationParams)({ clientId: "alice", limit: 10 })
 */
export const DeviceRegistrationParams = Schema.Struct({
  deviceId: Schema.optional(Schema.String),
  clientId: Schema.optional(Schema.String),
  state: Schema.optional(DevicePushState),
  limit: Limit
})

/**
 * @since 0.1.0
 * @category models
 */
export type DeviceRegistrationParams = typeof DeviceRegistrationParams.Type

/**
 * Filters of `channelSubscriptions.list` and `removeWhere`: `channel`, `deviceId` or
 * `clientId`, `concatFilters` (match one filter instead of all) and `limit` (1–1000).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Push } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Push.PushChannelSubscriptionParams)({ channel: "pushenabled:news" })
 */
export const PushChannelSubscriptionParams = Schema.Struct({
  channel: Schema.optional(Schema.String),
  deviceId: Schema.optional(Schema.String),
  clientId: Schema.optional(Schema.String),
  concatFilters: Schema.optional(Schema.Boolean),
  limit: Limit
})

/**
 * @since 0.1.0
 * @category models
 */
export type PushChannelSubscriptionParams = typeof PushChannelSubscriptionParams.Type

/**
 * Parameters of `channelSubscriptions.listChannels`: `limit` (1–1000).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Push } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Push.PushChannelsParams)({ limit: 100 })
 */
export const PushChannelsParams = Schema.Struct({ limit: Limit })

/**
 * @since 0.1.0
 * @category models
 */
export type PushChannelsParams = typeof PushChannelsParams.Type

/**
 * Who a push goes to: `{ clientId }`, `{ deviceId }` or a transport address
 * (`{ transportType: "apns", deviceToken }`…).
 *
 * @since 0.1.0
 * @category models
 */
export type PushRecipient = Readonly<Record<string, unknown>>

/**
 * What a push carries: `notification` (`title`, `body`…), `data`, and per-transport
 * overrides (`apns`, `fcm`, `web`).
 *
 * @since 0.1.0
 * @category models
 */
export type PushPayload = Readonly<Record<string, unknown>>

/**
 * The device registry (RSH1b), as ably-js's `PushDeviceRegistrations`.
 *
 * @since 0.1.0
 * @category models
 */
export interface DeviceRegistrations {
  /** One device by id or by its `DeviceDetails` (404 / 40400 when unknown). */
  readonly get: (deviceIdOrDetails: string | { readonly id: string }) => Effect.Effect<DeviceDetails, AblyError>
  /** Every device matching the filters, fetched page by page as you pull. */
  readonly list: (params?: DeviceRegistrationParams) => Stream.Stream<DeviceDetails, AblyError>
  /** The first page of `list`, for paging by hand. */
  readonly listPage: (params?: DeviceRegistrationParams) => Effect.Effect<Paginated.Page<DeviceDetails>, AblyError>
  /** Registers or updates a device; answers the device as stored. */
  readonly save: (device: DeviceDetails) => Effect.Effect<DeviceDetails, AblyError>
  /** Removes a device (succeeds when it does not exist). */
  readonly remove: (deviceIdOrDetails: string | { readonly id: string }) => Effect.Effect<void, AblyError>
  /** Removes every device matching `deviceId` or `clientId`. */
  readonly removeWhere: (params: DeviceRegistrationParams) => Effect.Effect<void, AblyError>
}

/**
 * Channel subscriptions (RSH1c), as ably-js's `PushChannelSubscriptions`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelSubscriptions {
  /** Every subscription matching the filters, fetched page by page as you pull. */
  readonly list: (params?: PushChannelSubscriptionParams) => Stream.Stream<PushChannelSubscription, AblyError>
  /** The first page of `list`, for paging by hand. */
  readonly listPage: (
    params?: PushChannelSubscriptionParams
  ) => Effect.Effect<Paginated.Page<PushChannelSubscription>, AblyError>
  /** Every channel with at least one subscription. */
  readonly listChannels: (params?: PushChannelsParams) => Stream.Stream<string, AblyError>
  /** The first page of `listChannels`, for paging by hand. */
  readonly listChannelsPage: (params?: PushChannelsParams) => Effect.Effect<Paginated.Page<string>, AblyError>
  /** Subscribes a device or a client to a channel; answers the subscription as stored. */
  readonly save: (subscription: PushChannelSubscription) => Effect.Effect<PushChannelSubscription, AblyError>
  /** Removes one subscription (`DELETE` by its fields, as ably-js does). */
  readonly remove: (subscription: PushChannelSubscription) => Effect.Effect<void, AblyError>
  /** Removes every subscription matching the filters. */
  readonly removeWhere: (params: PushChannelSubscriptionParams) => Effect.Effect<void, AblyError>
}

/**
 * Options of `createApnsBroadcast`: `messageStoragePolicy` 1 keeps the last update for devices
 * that join late, 0 keeps nothing.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApnsBroadcastOptions {
  readonly messageStoragePolicy: 0 | 1
}

/**
 * An APNs broadcast channel (RSH1d): Ably's `id` for it (what `liveActivity` calls take) and
 * Apple's `apnsChannelId`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Push } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Push.ApnsBroadcast)({ id: "broadcast-1", apnsChannelId: "dGVzdA==" })
 */
export const ApnsBroadcast = Schema.Struct({ id: Schema.String, apnsChannelId: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export type ApnsBroadcast = typeof ApnsBroadcast.Type

/**
 * A Live Activity update or end: the broadcast `id`, the APNs payload (passed to APNs as it
 * is) and optional APNs delivery headers (`apns-priority`, `apns-expiration`…).
 *
 * @since 0.1.0
 * @category models
 */
export interface LiveActivityParams {
  readonly apnsBroadcast: string
  readonly apns: Readonly<Record<string, unknown>>
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * A Live Activity start: also who gets the push-to-start, the devices subscribed to some
 * `channels` or one `deviceId` (exactly one of the two).
 *
 * @since 0.1.0
 * @category models
 */
export interface LiveActivityStartParams extends LiveActivityParams {
  readonly recipient: { readonly channels: ReadonlyArray<string> } | { readonly deviceId: string }
}

/**
 * iOS Live Activities over an APNs broadcast channel (RSH1e), as ably-js's `PushLiveActivity`
 * (a preview feature at Ably).
 *
 * @since 0.1.0
 * @category models
 */
export interface LiveActivity {
  /**
   * Push-to-start to the recipient's devices (RSH1e1).
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect } from "effect"
   * const started = Effect.gen(function*() {
   *   const admin = (yield* Rest.Rest).push.admin
   *   const { id } = yield* admin.createApnsBroadcast({ messageStoragePolicy: 1 })
   *   yield* admin.liveActivity.start({
   *     recipient: { channels: ["pushenabled:game-42"] },
   *     apnsBroadcast: id,
   *     apns: { aps: { event: "start", "attributes-type": "GameAttributes" } }
   *   })
   * })
   */
  readonly start: (params: LiveActivityStartParams) => Effect.Effect<void, AblyError>
  /** A content-state update to every device with the activity (RSH1e2). */
  readonly update: (params: LiveActivityParams) => Effect.Effect<void, AblyError>
  /** Ends the activity everywhere; the broadcast id is no longer valid after it (RSH1e3). */
  readonly end: (params: LiveActivityParams) => Effect.Effect<void, AblyError>
}

/**
 * Push administration: needs the `push-admin` capability.
 *
 * @since 0.1.0
 * @category models
 */
export interface PushAdmin {
  /**
   * Sends a push to a recipient directly (RSH1a): `POST /push/publish` with the recipient and
   * the payload's fields. A recipient or payload that is not an object fails with 40003, one
   * nested too deep with 40013, before anything is sent.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect } from "effect"
   * const sent = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.push.admin.publish({ clientId: "alice" }, { notification: { title: "Hello", body: "World" } }))
   */
  readonly publish: (recipient: PushRecipient, payload: PushPayload) => Effect.Effect<void, AblyError>
  /**
   * Creates an APNs broadcast channel for an iOS Live Activity (RSH1d): `POST
   * /push/apnsBroadcastChannels`; keep the answer's `id` for `liveActivity`.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect } from "effect"
   * const broadcast = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.push.admin.createApnsBroadcast({ messageStoragePolicy: 1 }))
   */
  readonly createApnsBroadcast: (options: ApnsBroadcastOptions) => Effect.Effect<ApnsBroadcast, AblyError>
  readonly liveActivity: LiveActivity
  readonly deviceRegistrations: DeviceRegistrations
  readonly channelSubscriptions: ChannelSubscriptions
}

/**
 * `rest.push` (RSH1): the admin API.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly admin: PushAdmin
}
