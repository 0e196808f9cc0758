/**
 * Presence on a channel: the members present now and the history of presence events. A REST
 * client cannot enter presence, so members come from app fixtures and the admin API.
 *
 * @since 0.1.0
 */
import type { PresenceMessage } from "@effect-ably/core"
import * as Chunk from "effect/Chunk"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { formatSerial } from "./Channels.js"
import type { Payload } from "./Model.js"

/**
 * A presence message as stored: payload normalised (text or bytes), server fields set.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredPresence {
  readonly id: string
  readonly action: PresenceMessage.PresenceAction
  readonly clientId: string
  readonly connectionId: string
  readonly data?: Payload
  readonly encoding?: string
  readonly extras?: Readonly<Record<string, unknown>>
  readonly timestamp: number
  /** Orders the channel's presence history (fixed width, so string order is event order). */
  readonly serial: string
}

/**
 * The presence of one channel.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelPresence {
  /** Current members by member key (`connectionId:clientId`). */
  readonly members: HashMap.HashMap<string, StoredPresence>
  /** Every presence event, oldest first. */
  readonly history: Chunk.Chunk<StoredPresence>
  /** Events so far, for ids and serials. */
  readonly counter: number
}

/**
 * A channel nobody is present on.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Presence from "./Presence.js"
 * import { Chunk, HashMap } from "effect"
 * const { counter, history, members } = Presence.emptyPresence
 * counter === 0 && HashMap.isEmpty(members) && Chunk.isEmpty(history) // true
 */
export const emptyPresence: ChannelPresence = { members: HashMap.empty(), history: Chunk.empty(), counter: 0 }

/**
 * A presence change as the admin API takes it. `connectionId` defaults to the app's admin
 * connection; `data` follows the message rules (text, JSON, or base64 with `base64`).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { PresenceChange } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(PresenceChange)({ action: "enter", clientId: "alice", data: "hello" })
 */
export const PresenceChange = Schema.Struct({
  action: Schema.Literal("enter", "update", "leave"),
  clientId: Schema.String.pipe(Schema.minLength(1)),
  connectionId: Schema.optional(Schema.String.pipe(Schema.minLength(1))),
  data: Schema.optional(Schema.Unknown),
  encoding: Schema.optional(Schema.String),
  extras: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type PresenceChange = typeof PresenceChange.Type

/**
 * A change ready to apply: its payload normalised and its connection known.
 *
 * @since 0.1.0
 * @category models
 */
export interface NormalisedChange {
  readonly action: "enter" | "update" | "leave"
  readonly clientId: string
  readonly connectionId: string
  readonly data?: Payload
  readonly encoding?: string
  readonly extras?: Readonly<Record<string, unknown>>
}

const keyOf = (change: { readonly connectionId: string; readonly clientId: string }) =>
  `${change.connectionId}:${change.clientId}`

/**
 * Applies changes in order, recording each in the history. Entering an existing member is an
 * update, updating an absent one is an enter, and leaving an absent one changes nothing.
 *
 * @since 0.1.0
 * @category updates
 * @example
 * import * as Presence from "./Presence.js"
 * const next = Presence.apply(Presence.emptyPresence, [{ action: "enter", clientId: "a", connectionId: "c" }], 0)
 * next.members // one member, "c:a"
 */
export const apply = (
  presence: ChannelPresence,
  changes: ReadonlyArray<NormalisedChange>,
  now: number
): ChannelPresence => {
  let { counter, history, members } = presence
  for (const change of changes) {
    const key = keyOf(change)
    const current = HashMap.get(members, key)
    if (change.action === "leave" && Option.isNone(current)) continue
    counter += 1
    const action = change.action === "leave" ? "leave" : Option.isSome(current) ? "update" : "enter"
    // A leave without data keeps the member's last data, as Ably reports it.
    const payload = change.action === "leave" && change.data === undefined && Option.isSome(current)
      ? { data: current.value.data, encoding: current.value.encoding }
      : { data: change.data, encoding: change.encoding }
    const stored: StoredPresence = {
      id: `${change.connectionId}:${counter}:0`,
      action,
      clientId: change.clientId,
      connectionId: change.connectionId,
      ...(payload.data === undefined ? {} : { data: payload.data }),
      ...(payload.encoding === undefined ? {} : { encoding: payload.encoding }),
      ...(change.extras === undefined ? {} : { extras: change.extras }),
      timestamp: now,
      serial: formatSerial(counter, now)
    }
    history = Chunk.append(history, stored)
    members = action === "leave" ? HashMap.remove(members, key) : HashMap.set(members, key, stored)
  }
  return { members, history, counter }
}

/**
 * A members query: filters, page size, and the member key to continue from.
 *
 * @since 0.1.0
 * @category models
 */
export interface MembersQuery {
  readonly clientId?: string | undefined
  readonly connectionId?: string | undefined
  readonly limit: number
  readonly cursor?: string | undefined
}

/**
 * One page of current members, ordered by member key, each with action `present`; `next` is
 * the key to continue from.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Presence from "./Presence.js"
 * Presence.members(Presence.emptyPresence, { limit: 100 }) // { items: [], next: undefined }
 */
export const members = (
  presence: ChannelPresence,
  query: MembersQuery
): { readonly items: ReadonlyArray<StoredPresence>; readonly next: string | undefined } => {
  const matching = Array.from(HashMap.entries(presence.members))
    .filter(([key, member]) =>
      (query.cursor === undefined || key >= query.cursor) &&
      (query.clientId === undefined || member.clientId === query.clientId) &&
      (query.connectionId === undefined || member.connectionId === query.connectionId)
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const page = matching.slice(0, query.limit)
  return {
    items: page.map(([, member]) => ({ ...member, action: "present" as const })),
    next: matching[query.limit]?.[0]
  }
}

/**
 * Distinct connections with a member present.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Presence from "./Presence.js"
 * Presence.connectionCount(Presence.emptyPresence) // 0
 */
export const connectionCount = (presence: ChannelPresence): number =>
  new Set(Array.from(HashMap.values(presence.members), (member) => member.connectionId)).size
