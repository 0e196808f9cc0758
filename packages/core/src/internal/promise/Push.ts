/**
 * `client.push.admin` of the Promise client: core's push admin (RSH1) with Promises and
 * `AsyncIterable`s.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { AblyError } from "../../Errors.js"
import type * as Push from "../../Push.js"
import { Rest } from "../../Rest.js"
import type * as Paginated from "../paginated/Paginated.js"
import * as Pages from "./Pages.js"
import type { CallOptions, Runner } from "./Runner.js"

type DeviceRef = string | { readonly id: string }

/**
 * The device registry (RSH1b).
 *
 * @since 0.1.0
 * @category models
 */
export interface DeviceRegistrations {
  readonly get: (device: DeviceRef, options?: CallOptions) => Promise<Push.DeviceDetails>
  readonly list: (params?: Push.DeviceRegistrationParams, options?: CallOptions) => AsyncIterable<Push.DeviceDetails>
  readonly listPage: (
    params?: Push.DeviceRegistrationParams,
    options?: CallOptions
  ) => Promise<Pages.PaginatedResult<Push.DeviceDetails>>
  readonly save: (device: Push.DeviceDetails, options?: CallOptions) => Promise<Push.DeviceDetails>
  readonly remove: (device: DeviceRef, options?: CallOptions) => Promise<void>
  readonly removeWhere: (params: Push.DeviceRegistrationParams, options?: CallOptions) => Promise<void>
}

/**
 * Channel subscriptions (RSH1c).
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelSubscriptions {
  readonly list: (
    params?: Push.PushChannelSubscriptionParams,
    options?: CallOptions
  ) => AsyncIterable<Push.PushChannelSubscription>
  readonly listPage: (
    params?: Push.PushChannelSubscriptionParams,
    options?: CallOptions
  ) => Promise<Pages.PaginatedResult<Push.PushChannelSubscription>>
  readonly listChannels: (params?: Push.PushChannelsParams, options?: CallOptions) => AsyncIterable<string>
  readonly listChannelsPage: (
    params?: Push.PushChannelsParams,
    options?: CallOptions
  ) => Promise<Pages.PaginatedResult<string>>
  readonly save: (
    subscription: Push.PushChannelSubscription,
    options?: CallOptions
  ) => Promise<Push.PushChannelSubscription>
  readonly remove: (subscription: Push.PushChannelSubscription, options?: CallOptions) => Promise<void>
  readonly removeWhere: (params: Push.PushChannelSubscriptionParams, options?: CallOptions) => Promise<void>
}

/**
 * iOS Live Activities (RSH1e).
 *
 * @since 0.1.0
 * @category models
 */
export interface LiveActivity {
  readonly start: (params: Push.LiveActivityStartParams, options?: CallOptions) => Promise<void>
  readonly update: (params: Push.LiveActivityParams, options?: CallOptions) => Promise<void>
  readonly end: (params: Push.LiveActivityParams, options?: CallOptions) => Promise<void>
}

/**
 * Push administration (RSH1): needs the `push-admin` capability.
 *
 * @since 0.1.0
 * @category models
 */
export interface PushAdmin {
  readonly publish: (recipient: Push.PushRecipient, payload: Push.PushPayload, options?: CallOptions) => Promise<void>
  readonly createApnsBroadcast: (
    broadcast: Push.ApnsBroadcastOptions,
    options?: CallOptions
  ) => Promise<Push.ApnsBroadcast>
  readonly liveActivity: LiveActivity
  readonly deviceRegistrations: DeviceRegistrations
  readonly channelSubscriptions: ChannelSubscriptions
}

/**
 * `push.admin` of the client behind `runner`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Push from "./Push.js"
 * import type * as Runner from "./Runner.js"
 * declare const runner: Runner.Runner
 * const admin = Push.make(runner)
 * const sent = admin.publish({ clientId: "alice" }, { notification: { title: "Hello" } })
 */
export const make = (runner: Runner): PushAdmin => {
  const admin = Effect.map(Rest, (rest) => rest.push.admin)
  const call = <B>(f: (a: Push.PushAdmin) => Effect.Effect<B, AblyError>, options?: CallOptions) =>
    runner.run(Effect.flatMap(admin, f), options)
  const items = <B>(f: (a: Push.PushAdmin) => Stream.Stream<B, AblyError>, options?: CallOptions) =>
    Pages.iterable(runner, Stream.unwrap(Effect.map(admin, f)), options)
  const page = <B>(f: (a: Push.PushAdmin) => Effect.Effect<Paginated.Page<B>, AblyError>, options?: CallOptions) =>
    runner.run(Effect.map(Effect.flatMap(admin, f), (p) => Pages.page(runner, p)), options)
  return {
    publish: (recipient, payload, options) => call((a) => a.publish(recipient, payload), options),
    createApnsBroadcast: (broadcast, options) => call((a) => a.createApnsBroadcast(broadcast), options),
    liveActivity: {
      start: (params, options) => call((a) => a.liveActivity.start(params), options),
      update: (params, options) => call((a) => a.liveActivity.update(params), options),
      end: (params, options) => call((a) => a.liveActivity.end(params), options)
    },
    deviceRegistrations: {
      get: (device, options) => call((a) => a.deviceRegistrations.get(device), options),
      list: (params, options) => items((a) => a.deviceRegistrations.list(params), options),
      listPage: (params, options) => page((a) => a.deviceRegistrations.listPage(params), options),
      save: (device, options) => call((a) => a.deviceRegistrations.save(device), options),
      remove: (device, options) => call((a) => a.deviceRegistrations.remove(device), options),
      removeWhere: (params, options) => call((a) => a.deviceRegistrations.removeWhere(params), options)
    },
    channelSubscriptions: {
      list: (params, options) => items((a) => a.channelSubscriptions.list(params), options),
      listPage: (params, options) => page((a) => a.channelSubscriptions.listPage(params), options),
      listChannels: (params, options) => items((a) => a.channelSubscriptions.listChannels(params), options),
      listChannelsPage: (params, options) => page((a) => a.channelSubscriptions.listChannelsPage(params), options),
      save: (subscription, options) => call((a) => a.channelSubscriptions.save(subscription), options),
      remove: (subscription, options) => call((a) => a.channelSubscriptions.remove(subscription), options),
      removeWhere: (params, options) => call((a) => a.channelSubscriptions.removeWhere(params), options)
    }
  }
}
