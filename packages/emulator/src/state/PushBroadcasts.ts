/**
 * APNs broadcast channels of one app (iOS Live Activities, RSH1d/RSH1e): made by
 * `createApnsBroadcast`, used by `liveActivity.start`/`update`, removed by `end`. Each
 * Live Activity push is recorded with the app's push publishes for tests to read.
 *
 * @since 0.1.0
 */
import type { AppState } from "./Model.js"
import { type ApnsBroadcastChannel, maxPublished, type PublishedPush, stateOf, withState } from "./Push.js"

/**
 * Adds a broadcast channel (the oldest are dropped past `maxPublished`, so memory stays bounded).
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushBroadcasts from "./PushBroadcasts.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushBroadcasts.add(app, { id: "b1", apnsChannelId: "YXBucw==", messageStoragePolicy: 1 })
 */
export const add = (app: AppState, channel: ApnsBroadcastChannel): AppState =>
  withState(app, (state) => ({ ...state, broadcasts: [...state.broadcasts, channel].slice(-maxPublished) }))

/**
 * The broadcast channel with this id, while its activity has not ended.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushBroadcasts from "./PushBroadcasts.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushBroadcasts.find(app, "b1") // ApnsBroadcastChannel | undefined
 */
export const find = (app: AppState, id: string): ApnsBroadcastChannel | undefined =>
  stateOf(app).broadcasts.find((channel) => channel.id === id)

/**
 * Records a Live Activity push; `end` also removes its broadcast channel.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as PushBroadcasts from "./PushBroadcasts.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * PushBroadcasts.record(app, {
 *   recipient: { apnsBroadcast: "b1" },
 *   payload: { apns: { aps: { event: "end" } } },
 *   timestamp: 0,
 *   liveActivity: { apnsBroadcast: "b1", event: "end" }
 * })
 */
export const record = (app: AppState, push: PublishedPush): AppState =>
  withState(app, (state) => ({
    ...state,
    published: [...state.published, push].slice(-maxPublished),
    broadcasts: push.liveActivity?.event === "end"
      ? state.broadcasts.filter((channel) => channel.id !== push.liveActivity?.apnsBroadcast)
      : state.broadcasts
  }))
