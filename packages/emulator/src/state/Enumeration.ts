/**
 * Channel enumeration (`GET /channels`): each enumeration takes a sorted snapshot of the
 * active channels on its first request and pages through it with a cursor. Like Ably, only
 * one enumeration request per app runs at a time (42912), and a cursor can stop being valid
 * (40011). Injectable faults reproduce every documented quirk on demand.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Activity from "./Activity.js"
import type { AppState } from "./Model.js"
import type { Step } from "./Step.js"

/**
 * Faults to inject into an app's enumerations, for testing clients against Ably's
 * documented behaviour.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { EnumerationFaults } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(EnumerationFaults)({ pageSizes: [3, 0, 1], repeat: 1, invalidateAt: [4], inProgress: 1 })
 */
export const EnumerationFaults = Schema.Struct({
  /** Sizes of successive pages, cycled (each at most `limit`); 0 is an empty page with a `next` link. */
  pageSizes: Schema.optional(Schema.Array(Schema.NonNegativeInt)),
  /** Every page after the first starts with this many channels of the page before. */
  repeat: Schema.optional(Schema.NonNegativeInt),
  /** Continuation requests (counted per app, from 1) that answer 40011 and end their enumeration. */
  invalidateAt: Schema.optional(Schema.Array(Schema.Positive)),
  /** The next this-many enumeration requests answer 42912. */
  inProgress: Schema.optional(Schema.NonNegativeInt),
  /** How long each enumeration request takes, holding the app's single enumeration slot. */
  latencyMillis: Schema.optional(Schema.NonNegativeInt)
})

/**
 * @since 0.1.0
 * @category models
 */
export type EnumerationFaults = typeof EnumerationFaults.Type

interface Session {
  readonly names: ReadonlyArray<string>
  readonly pages: number
  readonly created: number
}

/**
 * An app's enumeration state.
 *
 * @since 0.1.0
 * @category models
 */
export interface EnumerationState {
  readonly faults: EnumerationFaults
  readonly sessions: HashMap.HashMap<string, Session>
  /** Session ids, oldest first: beyond `maxSessions` the oldest is dropped (its cursor gives 40011). */
  readonly order: ReadonlyArray<string>
  readonly continuations: number
  readonly inProgressLeft: number
  readonly inFlight: boolean
}

/**
 * Enumerations remembered per app.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Enumeration from "./Enumeration.js"
 * Enumeration.maxSessions // 8
 */
export const maxSessions = 8

/**
 * How long an enumeration's cursor stays valid.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Enumeration from "./Enumeration.js"
 * Enumeration.sessionMillis // 600_000 (10 minutes)
 */
export const sessionMillis = 600_000

const initial: EnumerationState = {
  faults: {},
  sessions: HashMap.empty(),
  order: [],
  continuations: 0,
  inProgressLeft: 0,
  inFlight: false
}

/**
 * The app's enumeration state.
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * import * as Enumeration from "./Enumeration.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * const faults = Enumeration.stateOf(app).faults
 */
export const stateOf = (app: AppState): EnumerationState => app.enumeration ?? initial

const withState = (app: AppState, state: EnumerationState): AppState => ({ ...app, enumeration: state })

/**
 * Sets the app's faults (replacing the previous ones) and resets their counters.
 *
 * @since 0.1.0
 * @category updates
 * @example
 * import * as Enumeration from "./Enumeration.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * const faulty = Enumeration.setFaults(app, { pageSizes: [10, 0], repeat: 1 })
 */
export const setFaults = (app: AppState, faults: EnumerationFaults): AppState =>
  withState(app, { ...stateOf(app), faults, continuations: 0, inProgressLeft: faults.inProgress ?? 0 })

/**
 * Takes the app's enumeration slot: 42912 when another request holds it or an injected
 * 42912 is due (which uses it up).
 *
 * @since 0.1.0
 * @category updates
 * @example
 * import * as Enumeration from "./Enumeration.js"
 * import { Emulator } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 * const begun = Effect.flatMap(Emulator, (emulator) => emulator.modifyApp("appId", Enumeration.begin))
 */
export const begin = (app: AppState): Step<void> => {
  const state = stateOf(app)
  if (state.inProgressLeft > 0) {
    return [Either.left(inProgress()), withState(app, { ...state, inProgressLeft: state.inProgressLeft - 1 })]
  }
  if (state.inFlight) return [Either.left(inProgress()), app]
  return [Either.right(undefined), withState(app, { ...state, inFlight: true })]
}

/**
 * Releases the app's enumeration slot.
 *
 * @since 0.1.0
 * @category updates
 * @example
 * import * as Enumeration from "./Enumeration.js"
 * import * as Step from "./Step.js"
 * import { Emulator } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 * const ended = Effect.flatMap(Emulator, (emulator) =>
 *   emulator.modifyApp("appId", (app) => Step.succeed(undefined, Enumeration.end(app))))
 */
export const end = (app: AppState): AppState => withState(app, { ...stateOf(app), inFlight: false })

const inProgress = () =>
  Errors.ablyError(42912, 429, "Channel enumeration already in progress; only one may run at a time")
const invalidated = () =>
  Errors.ablyError(40011, 400, "Pagination sequence no longer valid; restart the enumeration from the first page")

/**
 * What a page request asks: a new enumeration (`prefix`, `limit`) or the continuation of one.
 *
 * @since 0.1.0
 * @category models
 */
export interface PageRequest {
  readonly prefix: string
  readonly limit: number
  readonly cursor?: { readonly session: string; readonly offset: number } | undefined
  /** The id for a new enumeration's session. */
  readonly newSession: string
}

/**
 * One page of channel names; `next` is the cursor of the next page, when there is one.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page {
  readonly names: ReadonlyArray<string>
  readonly next: { readonly session: string; readonly offset: number } | undefined
}

const activeNames = (app: AppState, prefix: string, now: number): ReadonlyArray<string> => {
  const names: Array<string> = []
  for (const [name, channel] of HashMap.entries(app.channels)) {
    if (name.startsWith(prefix) && Activity.isActive(channel, now)) names.push(name)
  }
  return names.sort()
}

// Keeps the most recently used sessions that have not expired; this one becomes the newest.
const remember = (state: EnumerationState, id: string, session: Session, now: number): EnumerationState => {
  const kept = state.order
    .filter((sessionId) =>
      sessionId !== id && Option.exists(HashMap.get(state.sessions, sessionId), (s) => now - s.created < sessionMillis)
    )
    .slice(-(maxSessions - 1))
  let sessions = HashMap.make([id, session] as const)
  for (const sessionId of kept) {
    sessions = Option.match(HashMap.get(state.sessions, sessionId), {
      onNone: () => sessions,
      onSome: (kept) => HashMap.set(sessions, sessionId, kept)
    })
  }
  return { ...state, sessions, order: [...kept, id] }
}

/**
 * Serves one page: a new enumeration snapshots the active channels matching the prefix; a
 * continuation reads on from its cursor, or answers 40011 when its enumeration is gone
 * (expired, evicted, or invalidated by an injected fault).
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Enumeration from "./Enumeration.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * const [page, next] = Enumeration.page(app, { prefix: "", limit: 100, newSession: "s1" }, Date.now())
 */
export const page = (app: AppState, request: PageRequest, now: number): Step<Page> => {
  let state = stateOf(app)
  const { faults } = state
  let sessionId = request.newSession
  let session: Session | undefined
  let offset = 0
  if (request.cursor === undefined) {
    session = { names: activeNames(app, request.prefix, now), pages: 0, created: now }
  } else {
    const continuations = state.continuations + 1
    const found = Option.filter(
      HashMap.get(state.sessions, request.cursor.session),
      (s) => now - s.created < sessionMillis
    )
    if (Option.isNone(found) || (faults.invalidateAt ?? []).includes(continuations)) {
      const gone = request.cursor.session
      const forgotten = {
        ...state,
        continuations,
        sessions: HashMap.remove(state.sessions, gone),
        order: state.order.filter((id) => id !== gone)
      }
      return [Either.left(invalidated()), withState(app, forgotten)]
    }
    state = { ...state, continuations }
    sessionId = request.cursor.session
    session = found.value
    offset = request.cursor.offset
  }
  const sizes = faults.pageSizes ?? []
  const size = sizes.length === 0 ? request.limit : Math.min(request.limit, sizes[session.pages % sizes.length]!)
  const repeat = session.pages > 0 && size > 0 ? Math.min(faults.repeat ?? 0, offset) : 0
  const names = session.names.slice(offset - repeat, offset + size)
  const nextOffset = offset + size
  const next = nextOffset < session.names.length ? { session: sessionId, offset: nextOffset } : undefined
  state = remember(state, sessionId, { ...session, pages: session.pages + 1 }, now)
  return [Either.right({ names, next }), withState(app, state)]
}
