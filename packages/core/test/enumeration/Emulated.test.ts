/**
 * Channel enumeration against the in-memory emulator: which channels are active, prefixes,
 * `by=value`, and Ably's one-enumeration-at-a-time rule (42912) with and without retries.
 */
import { Errors, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { emulatedRest } from "../integration/emulated.js"

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)
const sorted = (names: ReadonlyArray<string>) => [...names].sort()

describe("channels.list against the emulator", () => {
  it.effect("lists the active channels: published to, with members, asked about; not those gone quiet", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest()
      yield* rest.channel("room:a").publish("m", "x")
      yield* rest.channel("room:b").status
      yield* emulator.admin.updatePresence(app.appId, "room:c", [{ action: "enter", clientId: "alice" }])
      yield* emulator.admin.setOccupancy(app.appId, "other", { connections: 2 })
      const fixtures = "persisted:presence_fixtures"
      expect(sorted(yield* collect(rest.channels.list()))).toEqual(
        sorted(["room:a", "room:b", "room:c", "other", fixtures])
      )
      expect(sorted(yield* collect(rest.channels.list({ prefix: "room:", limit: 1 })))).toEqual([
        "room:a",
        "room:b",
        "room:c"
      ])
      // After the activity window only channels held open by members or connections remain.
      yield* TestClock.adjust("3 minutes")
      expect(sorted(yield* collect(rest.channels.list()))).toEqual(sorted(["room:c", "other", fixtures]))
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("by=value gives ChannelDetails with occupancy, as status does", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest({ useBinaryProtocol: false })
      yield* emulator.admin.setOccupancy(app.appId, "live:1", { connections: 3, publishers: 1, subscribers: 2 })
      yield* emulator.admin.updatePresence(app.appId, "live:1", [
        { action: "enter", clientId: "a", connectionId: "c1" },
        { action: "enter", clientId: "b", connectionId: "c2" }
      ])
      const [details] = yield* collect(rest.channels.list({ prefix: "live:", by: "value" }))
      expect(details).toEqual({
        channelId: "live:1",
        status: {
          isActive: true,
          occupancy: {
            metrics: {
              connections: 3,
              publishers: 1,
              subscribers: 2,
              presenceSubscribers: 0,
              presenceConnections: 2,
              presenceMembers: 2,
              objectPublishers: 0,
              objectSubscribers: 0
            }
          }
        }
      })
      expect(yield* rest.channel("live:1").status).toEqual(details)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("42912 - one client never overlaps its own enumeration requests; a second client is refused, then retries", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest()
      yield* emulator.admin.activateChannels(app.appId, ["a", "b", "c", "d"])
      // Each enumeration request holds the app's single slot for a second.
      yield* emulator.admin.setEnumerationFaults(app.appId, { latencyMillis: 1000 })
      const both = yield* Effect.fork(
        Effect.all([collect(rest.channels.list({ limit: 2 })), collect(rest.channels.list({ limit: 3 }))], {
          concurrency: 2
        })
      )
      yield* TestClock.adjust("10 seconds")
      const [first, second] = yield* Fiber.join(both)
      expect(sorted(first)).toEqual(sorted(["a", "b", "c", "d", "persisted:presence_fixtures"]))
      expect(sorted(second)).toEqual(sorted(first))

      const other = yield* Effect.provide(Rest.Rest, Rest.layer({ key: app.keys[0]!.keyStr }))
      const race = yield* Effect.fork(
        Effect.all([Effect.either(collect(rest.channels.list())), Effect.either(collect(other.channels.list()))], {
          concurrency: 2
        })
      )
      yield* TestClock.adjust("10 seconds")
      const outcomes = yield* Fiber.join(race)
      const refused = outcomes.filter(Either.isLeft).map((outcome) => outcome.left)
      expect(refused).toHaveLength(1)
      expect(Errors.isEnumerationInProgress(refused[0]!)).toBe(true)

      const patient = yield* Effect.fork(Effect.all([
        collect(rest.channels.list()),
        collect(other.channels.list({ retryWhileInProgress: Schedule.spaced("500 millis") }))
      ], { concurrency: 2 }))
      yield* TestClock.adjust("10 seconds")
      const [mine, theirs] = yield* Fiber.join(patient)
      expect(sorted(theirs)).toEqual(sorted(mine))
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("capability: enumeration needs channel-metadata on every channel (40160)", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({}, 3)
      const error = yield* Effect.flip(collect(rest.channels.list()))
      expect(error).toMatchObject({ code: 40160, statusCode: 401 })
    }).pipe(Effect.provide(Emulator.layer)))
})
