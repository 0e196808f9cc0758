/**
 * RSH1d / RSH1e: APNs broadcast channels and iOS Live Activities through `rest.push.admin`,
 * against the in-memory emulator, on the wire, and the caller-input checks that fail before
 * any request.
 */
import { Push } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import { emulatedRest } from "../integration/emulated.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

const apns = (event: string) => ({ aps: { event, "content-state": { homeScore: 14 } } })

describe("rest.push.admin Live Activities against the emulator", () => {
  it.effect("RSH1d/RSH1e1-3 - create a broadcast, start, update, end; each push recorded; the id dies with end", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest()
      const admin = rest.push.admin
      const broadcast = yield* admin.createApnsBroadcast({ messageStoragePolicy: 1 })
      expect(Schema.is(Push.ApnsBroadcast)(broadcast)).toBe(true)
      expect(broadcast.id.length).toBeGreaterThan(0)
      const other = yield* admin.createApnsBroadcast({ messageStoragePolicy: 0 })
      expect(other.id).not.toBe(broadcast.id)
      const headers = { "apns-priority": "10", "apns-expiration": "1782948701" }
      yield* admin.liveActivity.start({
        recipient: { channels: ["pushenabled:lakers", "pushenabled:celtics"] },
        apnsBroadcast: broadcast.id,
        apns: apns("start"),
        headers
      })
      yield* admin.liveActivity.start({
        recipient: { deviceId: "device-7" },
        apnsBroadcast: other.id,
        apns: apns("start")
      })
      yield* admin.liveActivity.update({ apnsBroadcast: broadcast.id, apns: apns("update") })
      yield* admin.liveActivity.end({ apnsBroadcast: broadcast.id, apns: apns("end"), headers })
      const published = (yield* emulator.app(app.appId)).push?.published ?? []
      expect(published.map(({ liveActivity, payload, recipient }) => ({ liveActivity, payload, recipient }))).toEqual([
        {
          liveActivity: { apnsBroadcast: broadcast.id, event: "start" },
          recipient: { channels: ["pushenabled:lakers", "pushenabled:celtics"] },
          payload: { apns: apns("start"), headers }
        },
        {
          liveActivity: { apnsBroadcast: other.id, event: "start" },
          recipient: { deviceId: "device-7" },
          payload: { apns: apns("start") }
        },
        {
          liveActivity: { apnsBroadcast: broadcast.id, event: "broadcast" },
          recipient: { apnsBroadcast: broadcast.id },
          payload: { apns: apns("update") }
        },
        {
          liveActivity: { apnsBroadcast: broadcast.id, event: "end" },
          recipient: { apnsBroadcast: broadcast.id },
          payload: { apns: apns("end"), headers }
        }
      ])
      // Ended: the id is no longer valid; the other broadcast still is.
      const ended = yield* Effect.flip(admin.liveActivity.update({ apnsBroadcast: broadcast.id, apns: apns("update") }))
      expect([ended.code, ended.statusCode]).toEqual([40400, 404])
      yield* admin.liveActivity.update({ apnsBroadcast: other.id, apns: apns("update") })
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSH1d/RSH1e - a key without push-admin is refused with 40160", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({}, 3) // { "*": ["subscribe"] }
      const refused = yield* Effect.flip(rest.push.admin.createApnsBroadcast({ messageStoragePolicy: 1 }))
      expect([refused.code, refused.statusCode]).toEqual([40160, 401])
      const start = yield* Effect.flip(
        rest.push.admin.liveActivity.start({ recipient: { deviceId: "d" }, apnsBroadcast: "b", apns: {} })
      )
      expect([start.code, start.statusCode]).toEqual([40160, 401])
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("rest.push.admin Live Activities on the wire", () => {
  it.effect("RSH1d/RSH1e1-3 - paths (broadcast id percent-encoded) and bodies as ably-js sends them", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        (request) =>
          request.url.pathname === "/push/apnsBroadcastChannels"
            ? json(201, { id: "broadcast-xyz", apnsChannelId: "apple-channel-abc", extra: true })
            : json(200, {})
      )
      const admin = rest.push.admin
      expect(yield* admin.createApnsBroadcast({ messageStoragePolicy: 0 })).toEqual({
        id: "broadcast-xyz",
        apnsChannelId: "apple-channel-abc"
      })
      yield* admin.liveActivity.start({
        recipient: { deviceId: "device-7" },
        apnsBroadcast: "broadcast/with space",
        apns: apns("start")
      })
      yield* admin.liveActivity.update({ apnsBroadcast: "b1", apns: apns("update"), headers: { "apns-priority": "5" } })
      yield* admin.liveActivity.end({ apnsBroadcast: "b1", apns: apns("end") })
      const requests = yield* Ref.get(seen)
      expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
        "POST /push/apnsBroadcastChannels",
        `POST /push/apnsBroadcastChannels/${encodeURIComponent("broadcast/with space")}/start`,
        "POST /push/apnsBroadcastChannels/b1/broadcast",
        "POST /push/apnsBroadcastChannels/b1/end"
      ])
      expect(requests.every((r) => r.headers["authorization"]?.startsWith("Basic "))).toBe(true)
      const bodyOf = (index: number) => JSON.parse(new TextDecoder().decode(requests[index]!.body))
      expect(bodyOf(0)).toEqual({ messageStoragePolicy: 0 })
      expect(bodyOf(1)).toEqual({ apns: apns("start"), deviceId: "device-7" })
      expect(bodyOf(2)).toEqual({ apns: apns("update"), headers: { "apns-priority": "5" } })
      expect(bodyOf(3)).toEqual({ apns: apns("end") })
    }))

  it.effect("RSH1d/RSH1e - a server error is the caller's typed AblyError", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith(
        { key: testKey },
        () => json(400, { error: { code: 40000, statusCode: 400, message: "Invalid request" } })
      )
      const errors = yield* Effect.all([
        rest.push.admin.createApnsBroadcast({ messageStoragePolicy: 1 }),
        rest.push.admin.liveActivity.start({ recipient: { channels: ["c"] }, apnsBroadcast: "b", apns: {} }),
        rest.push.admin.liveActivity.update({ apnsBroadcast: "b", apns: {} }),
        rest.push.admin.liveActivity.end({ apnsBroadcast: "b", apns: {} })
      ].map(Effect.flip))
      expect(errors.map((error) => [error.code, error.statusCode])).toEqual(Array(4).fill([40000, 400]))
    }))

  it.effect("RSH1d/RSH1e - wrong inputs fail before anything is sent (40003; 40000 for a start's recipient)", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () => json(200, {}))
      const admin = rest.push.admin
      const invalid = (value: unknown) => value as never
      const codes = yield* Effect.all([
        admin.createApnsBroadcast(invalid({ messageStoragePolicy: 2 })),
        admin.createApnsBroadcast(invalid(null)),
        admin.liveActivity.update(invalid({ apnsBroadcast: "", apns: {} })),
        admin.liveActivity.update(invalid({ apnsBroadcast: "b", apns: "start" })),
        admin.liveActivity.end(invalid({ apnsBroadcast: "b", apns: {}, headers: { "apns-priority": 10 } })),
        admin.liveActivity.start(invalid({ recipient: { channels: ["ok", 3] }, apnsBroadcast: "b", apns: {} })),
        admin.liveActivity.start(invalid({ recipient: { deviceId: 7 }, apnsBroadcast: "b", apns: {} })),
        admin.liveActivity.start(
          invalid({ recipient: { channels: ["a"], deviceId: "d" }, apnsBroadcast: "b", apns: {} })
        ),
        admin.liveActivity.start(invalid({ recipient: { channels: [] }, apnsBroadcast: "b", apns: {} }))
      ].map((effect) => Effect.map(Effect.flip(effect), (error) => error.code)))
      expect(codes).toEqual([40003, 40003, 40003, 40003, 40003, 40003, 40003, 40000, 40000])
      let deep: unknown = "leaf"
      for (let i = 0; i < 200; i++) deep = { deep }
      const tooDeep = yield* Effect.flip(admin.liveActivity.update({ apnsBroadcast: "b", apns: { deep } }))
      expect(tooDeep.code).toBe(40013)
      expect(yield* Ref.get(seen)).toEqual([])
    }))
})
