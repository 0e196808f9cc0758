/**
 * Channel activity and occupancy: which channels are active (what enumeration lists), and
 * the `ChannelDetails` that status and enumeration answer with.
 *
 * @since 0.1.0
 */
import type { ChannelDetails } from "@effect-ably/core"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Channels from "./Channels.js"
import type { AppState, ChannelState, StoredMessage } from "./Model.js"
import * as Presence from "./Presence.js"
import * as Stats from "./Stats.js"

/**
 * How long a channel stays active after its last publish or status request, without
 * members or connections keeping it open.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Activity from "./Activity.js"
 * Activity.activeWindowMillis // 120_000 (2 minutes)
 */
export const activeWindowMillis = 120_000

/**
 * Occupancy counters set through the admin API; unset counters are derived from presence.
 *
 * @since 0.1.0
 * @category models
 */
export type Occupancy = Partial<ChannelDetails.ChannelMetrics>

/**
 * The channel's state, or an empty one.
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * import * as Activity from "./Activity.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * const lastActive = Activity.channelOf(app, "room").lastActive
 */
export const channelOf = (app: AppState, name: string): ChannelState =>
  Option.getOrElse(HashMap.get(app.channels, name), () => Channels.emptyChannel)

/**
 * Updates one channel of an app, creating it when needed.
 *
 * @since 0.1.0
 * @category updates
 * @example
 * import * as Activity from "./Activity.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * const updated = Activity.updateChannel(app, "room", (channel) => ({ ...channel, lastActive: 0 }))
 */
export const updateChannel = (app: AppState, name: string, f: (channel: ChannelState) => ChannelState): AppState => ({
  ...app,
  channels: HashMap.set(app.channels, name, f(channelOf(app, name)))
})

/**
 * Marks a channel active now (a publish, a status request, an admin activation).
 *
 * @since 0.1.0
 * @category updates
 * @example
 * import * as Activity from "./Activity.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * const touched = Activity.touch(app, "room", Date.now())
 */
export const touch = (app: AppState, name: string, now: number): AppState =>
  updateChannel(app, name, (channel) => ({ ...channel, lastActive: now }))

/**
 * The channel's occupancy metrics: admin-set counters, else what presence implies.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Activity from "./Activity.js"
 * import * as Channels from "./Channels.js"
 * Activity.metrics(Channels.emptyChannel).presenceMembers // 0
 */
export const metrics = (channel: ChannelState): ChannelDetails.ChannelMetrics => {
  const presence = channel.presence ?? Presence.emptyPresence
  const occupancy = channel.occupancy ?? {}
  const connections = Presence.connectionCount(presence)
  return {
    connections: occupancy.connections ?? connections,
    publishers: occupancy.publishers ?? 0,
    subscribers: occupancy.subscribers ?? 0,
    presenceSubscribers: occupancy.presenceSubscribers ?? 0,
    presenceConnections: occupancy.presenceConnections ?? connections,
    presenceMembers: occupancy.presenceMembers ?? HashMap.size(presence.members),
    objectPublishers: occupancy.objectPublishers ?? 0,
    objectSubscribers: occupancy.objectSubscribers ?? 0
  }
}

/**
 * Whether a channel is active: recently used, or held open by members or connections.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Activity from "./Activity.js"
 * import * as Channels from "./Channels.js"
 * Activity.isActive({ ...Channels.emptyChannel, lastActive: 0 }, 1000) // true
 */
export const isActive = (channel: ChannelState, now: number): boolean =>
  (channel.lastActive !== undefined && now - channel.lastActive < activeWindowMillis) ||
  HashMap.size((channel.presence ?? Presence.emptyPresence).members) > 0 ||
  (channel.occupancy?.connections ?? 0) > 0

/**
 * The `ChannelDetails` of a channel (CHD2).
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Activity from "./Activity.js"
 * import * as Channels from "./Channels.js"
 * Activity.details("room", Channels.emptyChannel, 0).status?.isActive // false
 */
export const details = (name: string, channel: ChannelState, now: number): ChannelDetails.ChannelDetails => ({
  channelId: name,
  status: { isActive: isActive(channel, now), occupancy: { metrics: metrics(channel) } }
})

const textEncoder = new TextEncoder()

const dataBytes = (message: StoredMessage): number =>
  message.data === undefined
    ? 0
    : typeof message.data === "string"
    ? textEncoder.encode(message.data).length
    : message.data.length

/**
 * What a publish does besides storing messages: the channel becomes active, and the new
 * messages count in the minute's statistics (persisted too on a persisted namespace).
 *
 * @since 0.1.0
 * @category updates
 * @example
 * import * as Activity from "./Activity.js"
 * import type { AppState, StoredMessage } from "./Model.js"
 * declare const app: AppState
 * declare const stored: ReadonlyArray<StoredMessage>
 * const recorded = Activity.recordPublish(app, "room", stored, Date.now())
 */
export const recordPublish = (
  app: AppState,
  channel: string,
  stored: ReadonlyArray<StoredMessage>,
  now: number
): AppState => {
  const touched = touch(app, channel, now)
  if (stored.length === 0) return touched
  const persisted = app.namespaces.some((namespace) =>
    namespace.persisted === true && channel.startsWith(`${namespace.id}:`)
  )
  const bytes = stored.reduce((total, message) => total + dataBytes(message), 0)
  return {
    ...touched,
    stats: Stats.recordPublish(touched.stats ?? HashMap.empty(), now, { count: stored.length, bytes, persisted })
  }
}
