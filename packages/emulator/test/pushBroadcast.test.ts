/**
 * Live Activities over raw HTTP (RSH1d, RSH1e): the emulator's own validation (400 / 40000),
 * which our SDK's input checks never let through, and unknown ids and events.
 */
import { expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, decodeError, keyOf } from "./support.js"

layer(emulatorLayer)("Live Activities over HTTP", (it) => {
  it.effect("POST /push/apnsBroadcastChannels: 201 { id, apnsChannelId }; a policy other than 0 or 1 is 400 / 40000", () =>
    Effect.gen(function*() {
      const key = keyOf(yield* createTestApp, 0)
      const made = yield* call("POST", "/push/apnsBroadcastChannels", { key, body: { messageStoragePolicy: 1 } })
      expect(made.status).toBe(201)
      const { apnsChannelId, id } = made.body as { id: string; apnsChannelId: string }
      expect([typeof id, typeof apnsChannelId]).toEqual(["string", "string"])
      for (const body of [{ messageStoragePolicy: 2 }, {}, ["x"]]) {
        const refused = yield* call("POST", "/push/apnsBroadcastChannels", { key, body })
        expect([refused.status, decodeError(refused.body).error.code]).toEqual([400, 40000])
      }
    }))

  it.effect("start/broadcast/end validate the body as Ably does; unknown ids and events are 404 / 40400", () =>
    Effect.gen(function*() {
      const key = keyOf(yield* createTestApp, 0)
      const made = yield* call("POST", "/push/apnsBroadcastChannels", {
        key,
        protocol: "msgpack",
        body: { messageStoragePolicy: 0 }
      })
      const { id } = made.body as { id: string }
      const at = (event: string, broadcast = id) =>
        `/push/apnsBroadcastChannels/${encodeURIComponent(broadcast)}/${event}`
      const refused = [
        ["start", { apns: {} }],
        ["start", { apns: {}, channels: ["a"], deviceId: "d" }],
        ["start", { apns: {}, channels: [1] }],
        ["start", { apns: {}, deviceId: 7 }],
        ["broadcast", { apns: "x" }],
        ["broadcast", { apns: {}, headers: { "apns-priority": 10 } }],
        ["end", []]
      ] as const
      for (const [event, body] of refused) {
        const answer = yield* call("POST", at(event), { key, body })
        expect([event, answer.status, decodeError(answer.body).error.code]).toEqual([event, 400, 40000])
      }
      expect((yield* call("POST", at("start"), { key, body: { apns: {}, deviceId: "d" } })).status).toBe(204)
      const unknownEvent = yield* call("POST", at("pause"), { key, body: { apns: {} } })
      expect([unknownEvent.status, decodeError(unknownEvent.body).error.code]).toEqual([404, 40400])
      const unknownId = yield* call("POST", at("broadcast", "nope"), { key, body: { apns: {} } })
      expect([unknownId.status, decodeError(unknownId.body).error.code]).toEqual([404, 40400])
      expect((yield* call("POST", at("end"), { key, body: { apns: {} } })).status).toBe(204)
      const afterEnd = yield* call("POST", at("end"), { key, body: { apns: {} } })
      expect([afterEnd.status, decodeError(afterEnd.body).error.code]).toEqual([404, 40400])
      // Another app's key does not see this app's broadcast.
      const other = keyOf(yield* createTestApp, 0)
      const made2 = yield* call("POST", "/push/apnsBroadcastChannels", { key, body: { messageStoragePolicy: 0 } })
      const foreign = yield* call("POST", at("broadcast", (made2.body as { id: string }).id), {
        key: other,
        body: { apns: {} }
      })
      expect(foreign.status).toBe(404)
    }))
})
