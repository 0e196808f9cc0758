/**
 * The emulator's state as plain immutable data: apps, their keys, and channels with their
 * messages in publish order.
 *
 * @since 0.1.0
 */
import type { Message } from "@effect-ably/core"
import type * as Chunk from "effect/Chunk"
import * as HashMap from "effect/HashMap"
import * as Schema from "effect/Schema"
import type { Capability } from "../auth/Capability.js"
import type { Occupancy } from "./Activity.js"
import type { StoredAnnotation } from "./Annotations.js"
import { ChannelFixture, NamespaceSpec, type RateLimitSpec } from "./AppSpec.js"
import type { EnumerationState } from "./Enumeration.js"
import type { ChannelPresence } from "./Presence.js"
import type { PushState } from "./Push.js"
import type { StatsStore } from "./Stats.js"

/**
 * A key as `POST /apps` returns it, in the shape of Ably's sandbox: `keyStr` is what clients
 * pass as `key`; `id` (the key id, without the app id) and `value` (the secret) are what
 * harnesses that build `appId.id:value` read; `capability` is canonical JSON.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { KeyInfo } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(KeyInfo)({
 *   id: "keyId",
 *   value: "secret",
 *   keyName: "appId.keyId",
 *   keySecret: "secret",
 *   keyStr: "appId.keyId:secret",
 *   capability: '{"*":["*"]}',
 *   revocableTokens: false
 * })
 */
export const KeyInfo = Schema.Struct({
  id: Schema.String,
  value: Schema.String,
  keyName: Schema.String,
  keySecret: Schema.String,
  keyStr: Schema.String,
  capability: Schema.String,
  revocableTokens: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category models
 */
export type KeyInfo = typeof KeyInfo.Type

/**
 * A created app as `POST /apps` returns it and `Emulator.createApp` yields it. The HTTP
 * answer also says where to connect, as a local Ably sandbox does: `endpoint` (and
 * `restHost`, the same host, for older clients), `port` and `tls` (always `false`: the
 * emulator serves plain HTTP), taken from the request's `Host`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { AppInfo } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 *
 * const info = Schema.decodeUnknownSync(AppInfo)({ appId: "a", accountId: "b", keys: [], namespaces: [], channels: [] })
 */
export const AppInfo = Schema.Struct({
  appId: Schema.String,
  accountId: Schema.String,
  keys: Schema.Array(KeyInfo),
  namespaces: Schema.Array(NamespaceSpec),
  channels: Schema.Array(ChannelFixture),
  endpoint: Schema.optional(Schema.String),
  restHost: Schema.optional(Schema.String),
  port: Schema.optional(Schema.Number),
  tls: Schema.optional(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export type AppInfo = typeof AppInfo.Type

/**
 * A key as the emulator holds it: its public info plus the parsed capability.
 *
 * @since 0.1.0
 * @category models
 */
export interface KeyState extends KeyInfo {
  readonly parsedCapability: Capability
}

/**
 * A message payload once normalised: text, or bytes (base64 already undone).
 *
 * @since 0.1.0
 * @category models
 */
export type Payload = string | Uint8Array

/**
 * A message as received for publishing, before the server assigns id, timestamp and serial.
 *
 * @since 0.1.0
 * @category models
 */
export interface PublishInput
  extends Pick<typeof Message.WireMessage.Type, "id" | "name" | "clientId" | "connectionId" | "encoding" | "extras">
{
  readonly data?: Payload
}

/**
 * A stored message: its payload is normalised and the server fields are always set.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredMessage extends Omit<PublishInput, "id"> {
  readonly id: string
  readonly timestamp: number
  readonly serial: string
  readonly action: Message.MessageAction
  /** Set once the message has changed (update, delete, append): who, when, why (TM2s). */
  readonly version?: typeof Message.MessageVersion.Type | undefined
  /** The summary of its annotations by type, once it has some (TM2u). */
  readonly annotations?: typeof Message.MessageAnnotations.Type | undefined
}

/**
 * When a message id was first published, for idempotency (RSL1k).
 *
 * @since 0.1.0
 * @category models
 */
export interface PublishedId {
  readonly serial: string
  readonly timestamp: number
}

/**
 * One channel of one app.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelState {
  readonly messages: Chunk.Chunk<StoredMessage>
  readonly publishedIds: HashMap.HashMap<string, PublishedId>
  /** Members and presence history; none until someone enters. */
  readonly presence?: ChannelPresence | undefined
  /** Occupancy counters set through the admin API. */
  readonly occupancy?: Occupancy | undefined
  /**
   * Every version of each message that has changed, oldest first, by message serial (the
   * create first); `messages` holds the latest.
   */
  readonly versions?: HashMap.HashMap<string, Chunk.Chunk<StoredMessage>> | undefined
  /** The annotation events of each annotated message, oldest first, by message serial. */
  readonly annotations?: HashMap.HashMap<string, Chunk.Chunk<StoredAnnotation>> | undefined
  /** When the channel was last published to, asked about or activated (ms). */
  readonly lastActive?: number | undefined
}

/**
 * One app: its keys, namespaces, channel fixtures and channels.
 *
 * @since 0.1.0
 * @category models
 */
export interface AppState {
  readonly appId: string
  readonly accountId: string
  readonly keys: ReadonlyArray<KeyState>
  readonly namespaces: ReadonlyArray<typeof NamespaceSpec.Type>
  readonly fixtures: ReadonlyArray<typeof ChannelFixture.Type>
  readonly channels: HashMap.HashMap<string, ChannelState>
  /** Per-minute statistics, from fixtures and publishes. */
  readonly stats?: StatsStore | undefined
  /** Channel enumeration sessions and injected faults. */
  readonly enumeration?: EnumerationState | undefined
  /** Device registry, push subscriptions and recorded push publishes. */
  readonly push?: PushState | undefined
  /** The rate limits enforced (see `RateLimitSpec`); none when absent. */
  readonly rateLimits?: RateLimitSpec | undefined
}

/**
 * Everything the emulator knows. `sequence` orders messages across all channels.
 *
 * @since 0.1.0
 * @category models
 */
export interface EmulatorState {
  readonly apps: HashMap.HashMap<string, AppState>
  readonly sequence: number
}

/**
 * The state of a fresh emulator.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Model from "./Model.js"
 * import { HashMap } from "effect"
 * Model.emptyState.sequence === 0 && HashMap.isEmpty(Model.emptyState.apps) // true
 */
export const emptyState: EmulatorState = { apps: HashMap.empty(), sequence: 0 }
