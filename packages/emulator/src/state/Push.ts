/**
 * Push state of one app, as plain immutable data: the device registry, channel
 * subscriptions, and the record of push publishes (what Ably would have delivered), for
 * tests to read.
 *
 * @since 0.1.0
 */
import type { Push } from "@effect-ably/core"
import type { AppState } from "./Model.js"

/**
 * One accepted `POST /push/publish`: the recipient, the rest of the body, and when (ms).
 *
 * @since 0.1.0
 * @category models
 */
export interface PublishedPush {
  readonly recipient: Readonly<Record<string, unknown>>
  readonly payload: Readonly<Record<string, unknown>>
  readonly timestamp: number
  /** Set on a Live Activity push: its broadcast channel and event (`start`, `broadcast`, `end`). */
  readonly liveActivity?: { readonly apnsBroadcast: string; readonly event: string } | undefined
}

/**
 * An APNs broadcast channel made by `POST /push/apnsBroadcastChannels`, until its activity ends.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApnsBroadcastChannel {
  readonly id: string
  readonly apnsChannelId: string
  readonly messageStoragePolicy: 0 | 1
}

/**
 * Devices in registration order, subscriptions in creation order, publishes oldest first.
 *
 * @since 0.1.0
 * @category models
 */
export interface PushState {
  readonly devices: ReadonlyArray<Push.DeviceDetails>
  readonly subscriptions: ReadonlyArray<Push.PushChannelSubscription>
  readonly published: ReadonlyArray<PublishedPush>
  readonly broadcasts: ReadonlyArray<ApnsBroadcastChannel>
}

/**
 * How many publishes an app keeps (the oldest are dropped past it), so memory stays bounded.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as PushState from "./Push.js"
 * PushState.maxPublished // 1000
 */
export const maxPublished = 1000

const empty: PushState = { devices: [], subscriptions: [], published: [], broadcasts: [] }

/**
 * An app's push state (empty until something is registered or published).
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import * as PushState from "./Push.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushState.stateOf(app).devices
 */
export const stateOf = (app: AppState): PushState => app.push ?? empty

/**
 * The app with its push state changed by `f`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushState from "./Push.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushState.withState(app, (state) => ({ ...state, published: [] }))
 */
export const withState = (app: AppState, f: (state: PushState) => PushState): AppState => ({
  ...app,
  push: f(stateOf(app))
})

/**
 * Device filters (all given ones must match).
 *
 * @since 0.1.0
 * @category models
 */
export interface DeviceFilter {
  readonly deviceId?: string | undefined
  readonly clientId?: string | undefined
  readonly state?: string | undefined
}

const deviceMatches = (filter: DeviceFilter) => (device: Push.DeviceDetails): boolean =>
  (filter.deviceId === undefined || device.id === filter.deviceId) &&
  (filter.clientId === undefined || device.clientId === filter.clientId) &&
  (filter.state === undefined || device.push.state === filter.state)

/**
 * Registers a device or replaces the one with its id (keeping its place).
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushState from "./Push.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushState.saveDevice(app, { id: "d", platform: "ios", formFactor: "phone", push: { recipient: {}, state: "ACTIVE" } })
 */
export const saveDevice = (app: AppState, device: Push.DeviceDetails): AppState =>
  withState(app, (state) => {
    const index = state.devices.findIndex((existing) => existing.id === device.id)
    const devices = index === -1
      ? [...state.devices, device]
      : state.devices.map((existing, at) => at === index ? device : existing)
    return { ...state, devices }
  })

/**
 * The devices matching a filter, in registration order.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushState from "./Push.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushState.devices(app, { clientId: "alice" })
 */
export const devices = (app: AppState, filter: DeviceFilter): ReadonlyArray<Push.DeviceDetails> =>
  stateOf(app).devices.filter(deviceMatches(filter))

/**
 * Removes the devices matching a filter, and their subscriptions by `deviceId`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushState from "./Push.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushState.removeDevices(app, { deviceId: "d" })
 */
export const removeDevices = (app: AppState, filter: DeviceFilter): AppState =>
  withState(app, (state) => {
    const matches = deviceMatches(filter)
    const removed = new Set(state.devices.filter(matches).map((device) => device.id))
    if (removed.size === 0) return state
    return {
      ...state,
      devices: state.devices.filter((device) => !removed.has(device.id)),
      subscriptions: state.subscriptions.filter((sub) => sub.deviceId === undefined || !removed.has(sub.deviceId))
    }
  })

/**
 * Subscription filters: `channel` always narrows; `deviceId` and `clientId` must both
 * match, or either with `concatFilters`.
 *
 * @since 0.1.0
 * @category models
 */
export interface SubscriptionFilter {
  readonly channel?: string | undefined
  readonly deviceId?: string | undefined
  readonly clientId?: string | undefined
  readonly concatFilters?: boolean | undefined
}

const subscriptionMatches = (filter: SubscriptionFilter) => (sub: Push.PushChannelSubscription): boolean => {
  if (filter.channel !== undefined && sub.channel !== filter.channel) return false
  const byDevice = filter.deviceId === undefined ? undefined : sub.deviceId === filter.deviceId
  const byClient = filter.clientId === undefined ? undefined : sub.clientId === filter.clientId
  if (byDevice === undefined || byClient === undefined) return (byDevice ?? true) && (byClient ?? true)
  return filter.concatFilters === true ? byDevice || byClient : byDevice && byClient
}

const sameSubscription = (a: Push.PushChannelSubscription, b: Push.PushChannelSubscription) =>
  a.channel === b.channel && a.deviceId === b.deviceId && a.clientId === b.clientId

/**
 * Adds a subscription (saving one that exists changes nothing).
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushState from "./Push.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushState.saveSubscription(app, { channel: "news", clientId: "alice" })
 */
export const saveSubscription = (app: AppState, subscription: Push.PushChannelSubscription): AppState =>
  withState(app, (state) =>
    state.subscriptions.some((existing) => sameSubscription(existing, subscription))
      ? state
      : { ...state, subscriptions: [...state.subscriptions, subscription] })

/**
 * The subscriptions matching a filter, in creation order.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushState from "./Push.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushState.subscriptions(app, { channel: "news" })
 */
export const subscriptions = (
  app: AppState,
  filter: SubscriptionFilter
): ReadonlyArray<Push.PushChannelSubscription> => stateOf(app).subscriptions.filter(subscriptionMatches(filter))

/**
 * Removes the subscriptions matching a filter.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushState from "./Push.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushState.removeSubscriptions(app, { channel: "news", clientId: "alice" })
 */
export const removeSubscriptions = (app: AppState, filter: SubscriptionFilter): AppState =>
  withState(app, (state) => {
    const matches = subscriptionMatches(filter)
    return { ...state, subscriptions: state.subscriptions.filter((sub) => !matches(sub)) }
  })

/**
 * The channels with at least one subscription, sorted.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushState from "./Push.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushState.channels(app) // ["news", "sport"]
 */
export const channels = (app: AppState): ReadonlyArray<string> =>
  Array.from(new Set(stateOf(app).subscriptions.map((sub) => sub.channel))).sort()

/**
 * Records an accepted publish, keeping the last `maxPublished`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushState from "./Push.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushState.recordPublish(app, { recipient: { clientId: "alice" }, payload: { data: { a: "1" } }, timestamp: 0 })
 */
export const recordPublish = (app: AppState, published: PublishedPush): AppState =>
  withState(app, (state) => ({ ...state, published: [...state.published, published].slice(-maxPublished) }))

/**
 * One page of a list by offset: the items and the offset of the next page, when there is one.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushState from "./Push.js"
 * PushState.page(["a", "b", "c"], 0, 2) // { items: ["a", "b"], next: 2 }
 */
export const page = <A>(
  items: ReadonlyArray<A>,
  offset: number,
  limit: number
): { readonly items: ReadonlyArray<A>; readonly next: number | undefined } => {
  const end = offset + limit
  return { items: items.slice(offset, end), next: end < items.length ? end : undefined }
}
