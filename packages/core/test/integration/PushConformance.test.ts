/**
 * Push admin conformance (RSH1): ably-js 2.28 and this SDK against the loopback emulator, in
 * JSON and msgpack; each writes, the other reads.
 */
import { Push } from "@effect-ably/core"
import * as EmulatorServer from "@effect-ably/emulator/server"
import { describe, expect, layer } from "@effect/vitest"
import type * as Ably from "ably"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { bothClients } from "./bothClients.js"

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

const device = (id: string, clientId: string): Push.DeviceDetails => ({
  id,
  clientId,
  platform: "ios",
  formFactor: "tablet",
  metadata: { os: "17" },
  push: { recipient: { transportType: "apns", deviceToken: `apns-${id}` } }
})

layer(EmulatorServer.layerServer({ port: 0 }), { timeout: "30 seconds", excludeTestServices: true })(
  "push admin: official ably client and ours on the loopback emulator",
  (it) => {
    describe.each([true, false])("useBinaryProtocol: %s", (useBinaryProtocol) => {
      it.scoped("RSH1b - ably-js saves devices; our SDK gets and lists them, and removes one ably-js then misses", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const theirs = official.push.admin.deviceRegistrations
          const saved = yield* Effect.promise(() =>
            theirs.save(device("from-ably-js-1", "alice") as unknown as Ably.DeviceDetails)
          )
          expect(saved.id).toBe("from-ably-js-1")
          expect(saved.push.state).toBe("ACTIVE")
          yield* Effect.promise(() => theirs.save(device("from-ably-js-2", "bob") as unknown as Ably.DeviceDetails))
          const got = yield* ours.push.admin.deviceRegistrations.get("from-ably-js-1")
          expect(got).toEqual({ ...device("from-ably-js-1", "alice"), push: { ...got.push, state: "ACTIVE" } })
          const listed = yield* collect(ours.push.admin.deviceRegistrations.list({ limit: 1 }))
          expect(listed.map((d) => d.id)).toEqual(["from-ably-js-1", "from-ably-js-2"])
          yield* ours.push.admin.deviceRegistrations.remove("from-ably-js-1")
          const error = yield* Effect.flip(Effect.tryPromise({
            try: () => theirs.get("from-ably-js-1"),
            catch: (cause) => cause as Ably.ErrorInfo
          }))
          expect([error.code, error.statusCode]).toEqual([40400, 404])
        }))

      it.scoped("RSH1b - our SDK saves devices; ably-js gets, lists by clientId and pages them", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          for (let i = 0; i < 3; i++) yield* ours.push.admin.deviceRegistrations.save(device(`ours-${i}`, "carol"))
          yield* ours.push.admin.deviceRegistrations.save(device("ours-other", "dave"))
          const theirs = official.push.admin.deviceRegistrations
          const got = yield* Effect.promise(() => theirs.get("ours-1"))
          expect([got.id, got.clientId, got.platform, got.formFactor, got.metadata]).toEqual([
            "ours-1",
            "carol",
            "ios",
            "tablet",
            { os: "17" }
          ])
          expect(got.push.recipient).toEqual({ transportType: "apns", deviceToken: "apns-ours-1" })
          const first = yield* Effect.promise(() => theirs.list({ clientId: "carol", limit: 2 }))
          expect(first.items.map((d) => d.id)).toEqual(["ours-0", "ours-1"])
          expect(first.hasNext()).toBe(true)
          const second = yield* Effect.promise(async () => (await first.next())!)
          expect(second.items.map((d) => d.id)).toEqual(["ours-2"])
          expect(second.isLast()).toBe(true)
          yield* Effect.promise(() => theirs.removeWhere({ clientId: "carol" }))
          expect((yield* collect(ours.push.admin.deviceRegistrations.list())).map((d) => d.id)).toEqual([
            "ours-other"
          ])
        }))

      it.scoped("RSH1c - subscriptions both ways: save, list, listChannels, remove", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const theirs = official.push.admin.channelSubscriptions
          yield* ours.push.admin.deviceRegistrations.save(device("sub-device", "erin"))
          yield* Effect.promise(() => theirs.save({ channel: "pushenabled:a", deviceId: "sub-device" }))
          yield* ours.push.admin.channelSubscriptions.save({ channel: "pushenabled:b", clientId: "erin" })
          expect(yield* collect(ours.push.admin.channelSubscriptions.list())).toEqual([
            { channel: "pushenabled:a", deviceId: "sub-device" },
            { channel: "pushenabled:b", clientId: "erin" }
          ])
          const listed = yield* Effect.promise(() => theirs.list({ clientId: "erin" }))
          expect(listed.items.map((s) => [s.channel, s.clientId])).toEqual([["pushenabled:b", "erin"]])
          const channels = yield* Effect.promise(() => theirs.listChannels({}))
          expect(channels.items).toEqual(["pushenabled:a", "pushenabled:b"])
          yield* Effect.promise(() => theirs.remove({ channel: "pushenabled:b", clientId: "erin" }))
          yield* ours.push.admin.channelSubscriptions.remove({ channel: "pushenabled:a", deviceId: "sub-device" })
          expect(yield* collect(ours.push.admin.channelSubscriptions.listChannels())).toEqual([])
        }))

      it.scoped("RSH1a - both publish; the emulator records the same shape from each", () =>
        Effect.gen(function*() {
          const { app, emulator, official, ours } = yield* bothClients(useBinaryProtocol)
          const payload = { notification: { title: "Hello", body: "World" }, data: { key: "value" } }
          yield* Effect.promise(() => official.push.admin.publish({ clientId: "frank" }, payload))
          yield* ours.push.admin.publish({ clientId: "frank" }, payload)
          const published = (yield* emulator.app(app.appId)).push?.published ?? []
          expect(published.map(({ payload, recipient }) => ({ payload, recipient }))).toEqual([
            { recipient: { clientId: "frank" }, payload },
            { recipient: { clientId: "frank" }, payload }
          ])
          // The same refusal for both: no payload.
          const theirs = yield* Effect.flip(Effect.tryPromise({
            try: () => official.push.admin.publish({ clientId: "frank" }, {}),
            catch: (cause) => cause as Ably.ErrorInfo
          }))
          const mine = yield* Effect.flip(ours.push.admin.publish({ clientId: "frank" }, {}))
          expect([theirs.code, theirs.statusCode]).toEqual([40000, 400])
          expect([mine.code, mine.statusCode]).toEqual([40000, 400])
        }))

      it.scoped("RSH1d/RSH1e - Live Activities both ways: each uses the other's broadcast; the same pushes recorded", () =>
        Effect.gen(function*() {
          const { app, emulator, official, ours } = yield* bothClients(useBinaryProtocol)
          const apns = (event: string) => ({ aps: { event, "content-state": { score: 1 } } })
          const theirs = yield* Effect.promise(() =>
            official.push.admin.createApnsBroadcast({ messageStoragePolicy: 1 })
          )
          const mine = yield* ours.push.admin.createApnsBroadcast({ messageStoragePolicy: 0 })
          yield* ours.push.admin.liveActivity.start({
            recipient: { channels: ["pushenabled:game"] },
            apnsBroadcast: theirs.id,
            apns: apns("start"),
            headers: { "apns-priority": "10" }
          })
          yield* Effect.promise(() =>
            official.push.admin.liveActivity.start({
              recipient: { channels: ["pushenabled:game"] },
              apnsBroadcast: mine.id,
              apns: apns("start"),
              headers: { "apns-priority": "10" }
            })
          )
          yield* Effect.promise(() =>
            official.push.admin.liveActivity.end({ apnsBroadcast: mine.id, apns: apns("end") })
          )
          yield* ours.push.admin.liveActivity.end({ apnsBroadcast: theirs.id, apns: apns("end") })
          const published = (yield* emulator.app(app.appId)).push?.published ?? []
          const shapes = published.map(({ payload, recipient }) => ({ payload, recipient }))
          expect(shapes[0]).toEqual(shapes[1])
          expect(shapes[0]).toEqual({
            recipient: { channels: ["pushenabled:game"] },
            payload: { apns: apns("start"), headers: { "apns-priority": "10" } }
          })
          expect(published.map((push) => push.liveActivity)).toEqual([
            { apnsBroadcast: theirs.id, event: "start" },
            { apnsBroadcast: mine.id, event: "start" },
            { apnsBroadcast: mine.id, event: "end" },
            { apnsBroadcast: theirs.id, event: "end" }
          ])
          // Both ended: neither client can use either id again.
          const again = yield* Effect.flip(Effect.tryPromise({
            try: () => official.push.admin.liveActivity.update({ apnsBroadcast: theirs.id, apns: apns("update") }),
            catch: (cause) => cause as Ably.ErrorInfo
          }))
          expect([again.code, again.statusCode]).toEqual([40400, 404])
        }))
    })
  }
)
