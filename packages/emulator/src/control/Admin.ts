/**
 * The emulator's admin API, typed and in-process: what a REST client cannot do itself but a
 * test needs — enter and leave presence members, set occupancy, activate channels, post
 * statistics fixtures and inject enumeration faults. The `/_emulator/*` routes and
 * `POST /stats` call the same functions.
 *
 * @since 0.1.0
 */
import type { ChannelDetails, Errors } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import { toPublishInput } from "../routes/MessageWire.js"
import * as Activity from "../state/Activity.js"
import type { ChannelFixture } from "../state/AppSpec.js"
import * as Channels from "../state/Channels.js"
import * as Enumeration from "../state/Enumeration.js"
import type { AppState } from "../state/Model.js"
import * as Presence from "../state/Presence.js"
import * as Stats from "../state/Stats.js"
import * as Step from "../state/Step.js"

/**
 * The admin operations, each on one app.
 *
 * @since 0.1.0
 * @category models
 * @example
 * import { Emulator } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 *
 * const seed = Effect.gen(function* () {
 *   const emulator = yield* Emulator
 *   const app = yield* emulator.createApp()
 *   yield* emulator.admin.updatePresence(app.appId, "room", [{ action: "enter", clientId: "alice", data: "hi" }])
 *   yield* emulator.admin.setOccupancy(app.appId, "room", { connections: 3, subscribers: 2 })
 * })
 */
export interface Admin {
  /** Applies presence changes in order (enter, update, leave); recorded in presence history. */
  readonly updatePresence: (
    appId: string,
    channel: string,
    changes: ReadonlyArray<Presence.PresenceChange>
  ) => Effect.Effect<void, Errors.AblyError>
  /** Sets occupancy counters (unset ones derive from presence); connections > 0 keep it active. */
  readonly setOccupancy: (
    appId: string,
    channel: string,
    occupancy: Activity.Occupancy
  ) => Effect.Effect<ChannelDetails.ChannelDetails, Errors.AblyError>
  /**
   * Marks channels active now, as a publish would, without storing anything; with
   * `occupancy`, sets it on each (`connections` > 0 keeps them active until changed).
   */
  readonly activateChannels: (
    appId: string,
    channels: Iterable<string>,
    occupancy?: Activity.Occupancy
  ) => Effect.Effect<void, Errors.AblyError>
  /** Stores statistics fixtures, in the older nested shape or with `entries` (`POST /stats`). */
  readonly postStats: (
    appId: string,
    records: ReadonlyArray<Readonly<Record<string, unknown>>>
  ) => Effect.Effect<void, Errors.AblyError>
  /** Injects faults into the app's channel enumerations (replacing earlier ones; `{}` clears). */
  readonly setEnumerationFaults: (
    appId: string,
    faults: Enumeration.EnumerationFaults
  ) => Effect.Effect<void, Errors.AblyError>
}

/**
 * The connection the admin API enters members on when a change names none.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { adminConnectionId } from "./Admin.js"
 * adminConnectionId("abc123") // "abc123-admin"
 */
export const adminConnectionId = (appId: string): string => `${appId}-admin`

/**
 * Normalises a change: payload as stored (base64 undone; JSON objects as text with `json`),
 * connection defaulted. Unsupported data fails with 400 / 40013.
 *
 * @since 0.1.0
 * @category conversions
 * @example
 * import { normalise } from "./Admin.js"
 * normalise("app1", { action: "enter", clientId: "a", data: "aGk=", encoding: "base64" }) // data: bytes, connectionId: "app1-admin"
 */
export const normalise = (
  appId: string,
  change: Presence.PresenceChange
): Either.Either<Presence.NormalisedChange, Errors.AblyError> =>
  Either.map(toPublishInput({ data: change.data, encoding: change.encoding }), (payload) => ({
    action: change.action,
    clientId: change.clientId,
    connectionId: change.connectionId ?? adminConnectionId(appId),
    ...(payload.data === undefined ? {} : { data: payload.data }),
    ...(payload.encoding === undefined ? {} : { encoding: payload.encoding }),
    ...(change.extras === undefined ? {} : { extras: change.extras })
  }))

const applyPresence = (
  app: AppState,
  channel: string,
  changes: ReadonlyArray<Presence.NormalisedChange>,
  now: number
) =>
  Activity.updateChannel(app, channel, (state) => ({
    ...state,
    presence: Presence.apply(state.presence ?? Presence.emptyPresence, changes, now)
  }))

/**
 * Enters the presence members of an app spec's channel fixtures (as the sandbox does for
 * `persisted:presence_fixtures`).
 *
 * @since 0.1.0
 * @category fixtures
 * @example
 * import { seedFixtures } from "./Admin.js"
 * import { makeApp } from "../state/Apps.js"
 * import { testAppSpec } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 * const seeded = Effect.flatMap(makeApp(testAppSpec), (app) => seedFixtures(app, testAppSpec.channels ?? [], Date.now()))
 */
export const seedFixtures = (
  app: AppState,
  fixtures: ReadonlyArray<typeof ChannelFixture.Type>,
  now: number
): Either.Either<AppState, Errors.AblyError> =>
  Either.gen(function*() {
    let seeded = app
    for (const fixture of fixtures) {
      const changes = yield* Either.all(
        (fixture.presence ?? []).map((member) => normalise(app.appId, { action: "enter", ...member }))
      )
      if (changes.length > 0) seeded = applyPresence(seeded, fixture.name, changes, now)
    }
    return seeded
  })

/**
 * Builds the admin API over the emulator's app updates.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { make } from "./Admin.js"
 * import { Emulator } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 * const admin = Effect.map(Emulator, (emulator) => make(emulator.modifyApp))
 */
export const make = (modifyApp: Step.ModifyApp): Admin => ({
  updatePresence: (appId, channel, changes) =>
    modifyApp(
      appId,
      (app, now) =>
        Step.fromEither(
          app,
          Either.map(
            Either.all(changes.map((change) => normalise(appId, change))),
            (normalised) => applyPresence(app, channel, normalised, now)
          )
        )
    ).pipe(Effect.withSpan("Emulator.admin.updatePresence")),
  setOccupancy: (appId, channel, occupancy) =>
    modifyApp(appId, (app, now) => {
      const updated = Activity.updateChannel(app, channel, (state) => ({
        ...state,
        occupancy: { ...state.occupancy, ...occupancy },
        lastActive: now
      }))
      return Step.succeed(Activity.details(channel, Activity.channelOf(updated, channel), now), updated)
    }).pipe(Effect.withSpan("Emulator.admin.setOccupancy")),
  activateChannels: (appId, channels, occupancy) =>
    modifyApp(appId, (app, now) => {
      const activated = HashMap.mutate(app.channels, (map) => {
        for (const name of channels) {
          const channel = Option.getOrElse(HashMap.get(map, name), () => Channels.emptyChannel)
          HashMap.set(map, name, {
            ...channel,
            lastActive: now,
            ...(occupancy === undefined ? {} : { occupancy: { ...channel.occupancy, ...occupancy } })
          })
        }
      })
      return Step.succeed(undefined, { ...app, channels: activated })
    }).pipe(Effect.withSpan("Emulator.admin.activateChannels")),
  postStats: (appId, records) =>
    modifyApp(
      appId,
      (app) =>
        Step.fromEither(
          app,
          Either.map(Stats.post(app.stats ?? HashMap.empty(), records), (stats) => ({ ...app, stats }))
        )
    ).pipe(Effect.withSpan("Emulator.admin.postStats")),
  setEnumerationFaults: (appId, faults) =>
    modifyApp(appId, (app) => Step.succeed(undefined, Enumeration.setFaults(app, faults))).pipe(
      Effect.withSpan("Emulator.admin.setEnumerationFaults")
    )
})
