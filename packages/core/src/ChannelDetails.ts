/**
 * `ChannelDetails` (CHD), `ChannelStatus` (CHS), `ChannelOccupancy` (CHO) and
 * `ChannelMetrics` (CHM): what channel status and enumeration (`by=value`) return.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { withDefault } from "./internal/SchemaDefault.js"

const Counter = withDefault(Schema.NonNegativeInt, () => 0)

/**
 * Occupancy counters (CHM2). A counter the server leaves out reads as 0.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { ChannelDetails } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(ChannelDetails.ChannelMetrics)({ connections: 2, publishers: 1 }).subscribers // 0
 */
export const ChannelMetrics = Schema.Struct({
  /** Connections attached to the channel. */
  connections: Counter,
  /** Attached connections allowed to publish. */
  publishers: Counter,
  /** Attached connections allowed to subscribe to messages. */
  subscribers: Counter,
  /** Attached connections allowed to subscribe to presence. */
  presenceSubscribers: Counter,
  /** Attached connections allowed to enter presence. */
  presenceConnections: Counter,
  /** Members currently entered into presence. */
  presenceMembers: Counter,
  /** Attached connections allowed to publish LiveObjects operations (CHM2g). */
  objectPublishers: Counter,
  /** Attached connections allowed to subscribe to LiveObjects (CHM2h). */
  objectSubscribers: Counter
})

/**
 * @since 0.1.0
 * @category models
 */
export type ChannelMetrics = typeof ChannelMetrics.Type

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * import { ChannelDetails } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(ChannelDetails.ChannelOccupancy)({ metrics: { connections: 3 } }).metrics.publishers // 0
 */
export const ChannelOccupancy = Schema.Struct({
  metrics: ChannelMetrics
})

/**
 * @since 0.1.0
 * @category models
 */
export type ChannelOccupancy = typeof ChannelOccupancy.Type

/**
 * The state of a channel (CHS2). For regional events, `isActive` and `occupancy` describe
 * that region only.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { ChannelDetails } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(ChannelDetails.ChannelStatus)({ isActive: true }) // { isActive: true }
 */
export const ChannelStatus = Schema.Struct({
  isActive: Schema.Boolean,
  occupancy: Schema.optional(ChannelOccupancy)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ChannelStatus = typeof ChannelStatus.Type

/**
 * A channel and its status (CHD2). `channelId` is the channel's name, including any
 * qualifier.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { ChannelDetails } from "@effect-ably/core"
 * import { Schema } from "effect"
 * const details = Schema.decodeUnknownSync(ChannelDetails.ChannelDetails)({
 *   channelId: "foo",
 *   status: { isActive: true, occupancy: { metrics: { connections: 1, publishers: 1, subscribers: 1 } } }
 * })
 */
export const ChannelDetails = Schema.Struct({
  channelId: Schema.String,
  /** Set on events about one region's activity. */
  region: Schema.optional(Schema.String),
  /** Set on regional events: whether that region coordinates the channel globally. */
  isGlobalMaster: Schema.optional(Schema.Boolean),
  status: Schema.optional(ChannelStatus)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ChannelDetails = typeof ChannelDetails.Type
