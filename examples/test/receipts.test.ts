/**
 * docs/testing.md, the loopback server: code under test that does not use Effect (the Promise
 * facade, plain `fetch`) talks to the emulator over real HTTP on 127.0.0.1; the test drives the
 * emulator through the same `Emulator` handle.
 */
import * as Emulator from "@effect-ably/emulator"
import { EmulatorAddress, layerServer } from "@effect-ably/emulator/server"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { sendReceipt, serverTime } from "../app/receipts.js"

// A loopback emulator on a free port, and an app on it: the config the code under test gets.
const loopbackApp = Effect.gen(function*() {
  const { host, port, url } = yield* EmulatorAddress
  const emulator = yield* Emulator.Emulator
  const app = yield* emulator.createApp({ keys: [{}] })
  const config = { key: app.keys[0]!.keyStr, endpoint: host, port, tls: false }
  return { emulator, appId: app.appId, config, url }
})

describe("testing non-Effect code with the loopback emulator (docs/testing.md)", () => {
  it.live("the Promise facade publishes a receipt; the test reads it from the emulator", () =>
    Effect.gen(function*() {
      const { appId, config, emulator } = yield* loopbackApp
      expect(yield* Effect.promise(() => sendReceipt(config, 42))).toBe("sent")
      const stored = yield* emulator.messages(appId, "receipts")
      expect(stored.map((message) => [message.name, message.data])).toEqual([["receipt", "{\"orderId\":42}"]])
    }).pipe(Effect.provide(layerServer({ port: 0 }))))

  it.live("a 503 from the server → the receipt is queued, nothing stored", () =>
    Effect.gen(function*() {
      const { appId, config, emulator } = yield* loopbackApp
      yield* emulator.faults.set([{ path: "/channels/receipts/messages", action: { type: "status", status: 503 } }])
      expect(yield* Effect.promise(() => sendReceipt(config, 42))).toBe("queued")
      expect(yield* emulator.messages(appId, "receipts")).toHaveLength(0)
      expect((yield* emulator.faults.requests).map((request) => request.fault?.type)).toEqual(["status"])
    }).pipe(Effect.provide(layerServer({ port: 0 }))))

  it.live("plain fetch against the loopback URL", () =>
    Effect.gen(function*() {
      const { url } = yield* loopbackApp
      const before = Date.now()
      const time = yield* Effect.promise(() => serverTime(url))
      expect(time).toBeGreaterThanOrEqual(before - 1_000)
      expect(time).toBeLessThanOrEqual(Date.now() + 1_000)
    }).pipe(Effect.provide(layerServer({ port: 0 }))))
})
