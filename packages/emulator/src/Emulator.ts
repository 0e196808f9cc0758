/**
 * The `Emulator` service: the in-memory Ably state and the typed handle tests use to create
 * apps, publish and inspect messages without going through HTTP.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import { Codec } from "@effect-ably/core/wire"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Admin from "./control/Admin.js"
import * as Faults from "./faults/Faults.js"
import * as Activity from "./state/Activity.js"
import * as Annotations from "./state/Annotations.js"
import { appInfo, makeApp } from "./state/Apps.js"
import { type AppSpec, type RateLimitSpec, testAppSpec } from "./state/AppSpec.js"
import * as Channels from "./state/Channels.js"
import * as History from "./state/History.js"
import { randomId } from "./state/Ids.js"
import {
  type AppInfo,
  type AppState,
  emptyState,
  type EmulatorState,
  type PublishInput,
  type StoredMessage
} from "./state/Model.js"
import * as Mutations from "./state/Mutations.js"
import * as RateLimits from "./state/RateLimits.js"
import type * as Step from "./state/Step.js"
import * as TokenStore from "./state/TokenStore.js"

/**
 * The in-memory Ably service. Get it from `layer` (in-memory HTTP), `layerRest` (with a
 * `Rest` client), `layerServer` (loopback, `@effect-ably/emulator/server`) or `layerState`
 * (state only).
 *
 * @since 0.1.0
 * @category tags
 * @example
 * import { Emulator, layer } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const emulator = yield* Emulator
 *   const app = yield* emulator.createApp()
 *   return app.keys[0]!.keyStr
 * }).pipe(Effect.provide(layer))
 */
export class Emulator extends Context.Tag("@effect-ably/emulator/Emulator")<Emulator, Emulator.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace Emulator {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service extends TokenStore.TokenHandle {
    /**
     * Creates an app; without a spec, the ably-common test app (6 keys, 3 namespaces). A spec's
     * `appId` that is already taken fails with 400 / 40000.
     */
    readonly createApp: (spec?: AppSpec) => Effect.Effect<AppInfo, Errors.AblyError>
    /** Deletes an app and everything in it; 404 / 40400 when it does not exist. */
    readonly deleteApp: (appId: string) => Effect.Effect<void, Errors.AblyError>
    /** Looks an app up; 404 / 40400 when it does not exist. */
    readonly app: (appId: string) => Effect.Effect<AppState, Errors.AblyError>
    /** Publishes normalised messages, assigning ids, timestamps (from `Clock`) and serials. */
    readonly publish: (
      appId: string,
      channel: string,
      messages: ReadonlyArray<PublishInput>
    ) => Effect.Effect<{ readonly messageId: string; readonly serials: ReadonlyArray<string> }, Errors.AblyError>
    /** One page of a channel's history. */
    readonly history: (
      appId: string,
      channel: string,
      query: History.HistoryQuery
    ) => Effect.Effect<History.HistoryPage, Errors.AblyError>
    /**
     * Changes the message `serial` of a channel (update, delete, append) as a new version with
     * a new serial; `check` sees the current version first. Unknown serial: 404 / 40400.
     */
    readonly changeMessage: (
      appId: string,
      channel: string,
      serial: string,
      change: Mutations.Change,
      check: (current: StoredMessage) => Either.Either<void, Errors.AblyError>
    ) => Effect.Effect<{ readonly versionSerial: string }, Errors.AblyError>
    /**
     * Records an annotation event on the message `serial` of a channel, with its own serial
     * (later than every serial before it) and time; the message's summary follows. Unknown
     * serial: 404 / 40400.
     */
    readonly annotate: (
      appId: string,
      channel: string,
      serial: string,
      annotation: Annotations.AnnotationInput
    ) => Effect.Effect<Annotations.StoredAnnotation | undefined, Errors.AblyError>
    /** Every stored message of a channel, oldest first: for assertions. */
    readonly messages: (appId: string, channel: string) => Effect.Effect<ReadonlyArray<StoredMessage>, Errors.AblyError>
    /** Changes one app atomically: `f` gets the app and the time, and returns an outcome and the new app. */
    readonly modifyApp: Step.ModifyApp
    /** Presence, occupancy, activation, stats fixtures and enumeration faults (see `Admin`). */
    readonly admin: Admin.Admin
    /** Fault injection by host, method and path, and the record of requests seen (see `Faults`). */
    readonly faults: Faults.Faults
    /** The rate limits enforced (`AppSpec.rateLimits`) and the count of requests they refused. */
    readonly rateLimits: RateLimits.RateLimits
    /** Replaces an app's rate limits (`undefined`: none) and forgets its buckets and count. */
    readonly setRateLimits: (appId: string, limits: RateLimitSpec | undefined) => Effect.Effect<void, Errors.AblyError>
  }
}

const appNotFound = (appId: string) => Errors.ablyError(40400, 404, `No application found with id ${appId}`)

const lookup = (state: EmulatorState, appId: string): Either.Either<AppState, Errors.AblyError> =>
  Either.fromOption(HashMap.get(state.apps, appId), () => appNotFound(appId))

const channelOf = (app: AppState, channel: string) =>
  Option.getOrElse(HashMap.get(app.channels, channel), () => Channels.emptyChannel)

/**
 * Builds the service over a fresh, empty state.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { make } from "./Emulator.js"
 * import { Effect } from "effect"
 *
 * const program = Effect.flatMap(make, (emulator) => emulator.createApp())
 */
export const make: Effect.Effect<Emulator.Service> = Effect.gen(function*() {
  // The emulator answers in MessagePack whenever a client asks: the codec is loaded with the state.
  yield* Codec.loadMsgpack
  const state = yield* Ref.make(emptyState)
  const rateLimits = RateLimits.make()
  const read = <A>(f: (state: EmulatorState) => Either.Either<A, Errors.AblyError>) =>
    Effect.flatMap(Ref.get(state), (current) => f(current))

  const createApp = Effect.fn("Emulator.createApp")(function*(spec: AppSpec = testAppSpec) {
    const now = yield* Clock.currentTimeMillis
    const app = yield* Effect.flatMap(makeApp(spec), (created) => Admin.seedFixtures(created, spec.channels ?? [], now))
    const added = yield* Ref.modify(state, (current) =>
      HashMap.has(current.apps, app.appId)
        ? [false, current]
        : [true, { ...current, apps: HashMap.set(current.apps, app.appId, app) }])
    if (!added) {
      return yield* Effect.fail(Errors.ablyError(40000, 400, `Invalid app spec: app id ${app.appId} is taken`))
    }
    return appInfo(app)
  })

  const deleteApp = Effect.fn("Emulator.deleteApp")(function*(appId: string) {
    const deleted = yield* Ref.modify(state, (current) =>
      HashMap.has(current.apps, appId)
        ? [true, { ...current, apps: HashMap.remove(current.apps, appId) }]
        : [false, current])
    if (!deleted) return yield* Effect.fail(appNotFound(appId))
    yield* rateLimits.reset(appId)
  })

  const publish = Effect.fn("Emulator.publish")(function*(
    appId: string,
    channel: string,
    messages: ReadonlyArray<PublishInput>
  ) {
    const now = yield* Clock.currentTimeMillis
    const idBase = yield* randomId(12)
    type Outcome = Either.Either<
      { readonly messageId: string; readonly serials: ReadonlyArray<string> },
      Errors.AblyError
    >
    const outcome = yield* Ref.modify(state, (current): readonly [Outcome, EmulatorState] => {
      const found = lookup(current, appId)
      if (Either.isLeft(found)) return [Either.left(found.left), current]
      const app = found.right
      const published = Channels.publish(channelOf(app, channel), messages, { now, idBase, sequence: current.sequence })
      const stored = Chunk.toReadonlyArray(
        Chunk.takeRight(published.channel.messages, published.sequence - current.sequence)
      )
      const updated = Activity.recordPublish(
        { ...app, channels: HashMap.set(app.channels, channel, published.channel) },
        channel,
        stored,
        now
      )
      return [
        Either.right({ messageId: published.messageId, serials: published.serials }),
        { apps: HashMap.set(current.apps, appId, updated), sequence: published.sequence }
      ]
    })
    return yield* outcome
  })

  const changeMessage = Effect.fn("Emulator.changeMessage")(function*(
    appId: string,
    channel: string,
    serial: string,
    change: Mutations.Change,
    check: (current: StoredMessage) => Either.Either<void, Errors.AblyError>
  ) {
    const now = yield* Clock.currentTimeMillis
    type Outcome = Either.Either<{ readonly versionSerial: string }, Errors.AblyError>
    const outcome = yield* Ref.modify(state, (current): readonly [Outcome, EmulatorState] => {
      const found = lookup(current, appId)
      if (Either.isLeft(found)) return [Either.left(found.left), current]
      const app = found.right
      const sequence = current.sequence + 1
      const versionSerial = Channels.formatSerial(sequence, now)
      const changed = Mutations.apply(channelOf(app, channel), channel, serial, change, {
        serial: versionSerial,
        timestamp: now,
        check
      })
      if (Either.isLeft(changed)) return [Either.left(changed.left), current]
      const updated = { ...app, channels: HashMap.set(app.channels, channel, changed.right) }
      return [Either.right({ versionSerial }), { apps: HashMap.set(current.apps, appId, updated), sequence }]
    })
    return yield* outcome
  })

  const annotate = Effect.fn("Emulator.annotate")(function*(
    appId: string,
    channel: string,
    serial: string,
    annotation: Annotations.AnnotationInput
  ) {
    const now = yield* Clock.currentTimeMillis
    const id = `${yield* randomId(12)}:0`
    type Outcome = Either.Either<void, Errors.AblyError>
    const outcome = yield* Ref.modify(state, (current): readonly [Outcome, EmulatorState] => {
      const found = lookup(current, appId)
      if (Either.isLeft(found)) return [Either.left(found.left), current]
      const app = found.right
      const sequence = current.sequence + 1
      const annotated = Annotations.annotate(channelOf(app, channel), channel, serial, annotation, {
        id,
        serial: Channels.formatSerial(sequence, now),
        timestamp: now
      })
      if (Either.isLeft(annotated)) return [Either.left(annotated.left), current]
      const updated = { ...app, channels: HashMap.set(app.channels, channel, annotated.right) }
      return [Either.void, { apps: HashMap.set(current.apps, appId, updated), sequence }]
    })
    yield* outcome
    const app = yield* read((current) => lookup(current, appId))
    return Annotations.of(channelOf(app, channel), serial).find((stored) => stored.id === (annotation.id ?? id))
  })

  const faults = yield* Faults.make
  const tokens = yield* TokenStore.make((appId) => read((current) => lookup(current, appId)))

  const modifyApp: Step.ModifyApp = (appId, f) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.flatten(Ref.modify(state, (current) => {
        const found = lookup(current, appId)
        if (Either.isLeft(found)) return [Either.left(found.left), current]
        const [outcome, updated] = f(found.right, now)
        return [outcome, { ...current, apps: HashMap.set(current.apps, appId, updated) }]
      })))

  return Emulator.of({
    ...tokens,
    createApp,
    deleteApp,
    app: (appId) => read((current) => lookup(current, appId)),
    publish,
    changeMessage,
    annotate,
    history: (appId, channel, query) =>
      read((current) =>
        Either.map(lookup(current, appId), (app) => History.page(channelOf(app, channel).messages, query))
      ),
    messages: (appId, channel) =>
      read((current) =>
        Either.map(lookup(current, appId), (app) => Chunk.toReadonlyArray(channelOf(app, channel).messages))
      ),
    modifyApp,
    admin: Admin.make(modifyApp),
    faults,
    rateLimits,
    setRateLimits: (appId, limits) =>
      Effect.zipRight(
        modifyApp(appId, (app) => [Either.void, { ...app, rateLimits: limits }]),
        rateLimits.reset(appId)
      )
  })
})

/**
 * The `Emulator` state alone, without any transport: for tests that drive the handle only.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Emulator, layerState } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 *
 * Effect.flatMap(Emulator, (emulator) => emulator.createApp()).pipe(Effect.provide(layerState))
 */
export const layerState: Layer.Layer<Emulator> = Layer.effect(Emulator, make)
