import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, decodeError, keyOf } from "./support.js"

const spec = (channels: ReadonlyArray<string>) => ({ channels, messages: [{ name: "n", data: "d" }] })

layer(emulatorLayer)("batch routes", (it) => {
  describe("POST /messages", () => {
    it.effect("protocol >= 3: one BatchResult envelope per spec, 201 even with failures", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const reply = yield* call("POST", "/messages", {
          key: keyOf(app, 2),
          headers: { "x-ably-version": "6" },
          body: [spec(["channel0", "channel3"]), spec(["channel1"])]
        })
        expect(reply.status).toBe(201)
        expect(reply.body).toMatchObject([
          {
            successCount: 1,
            failureCount: 1,
            results: [
              { channel: "channel0", messageId: expect.any(String), serials: [expect.any(String)] },
              { channel: "channel3", error: { code: 40160, statusCode: 401 } }
            ]
          },
          { successCount: 1, failureCount: 0 }
        ])
        // A single spec (not in an array) gets a single envelope; channels and messages may be single values.
        const single = yield* call("POST", "/messages", {
          key: keyOf(app, 0),
          body: { channels: "solo", messages: { name: "x" } }
        })
        expect(single.body).toMatchObject({ successCount: 1, failureCount: 0, results: [{ channel: "solo" }] })
        const emulator = yield* Emulator
        expect((yield* emulator.messages(app.appId, "solo")).map((m) => m.name)).toEqual(["x"])
      }))

    it.effect("older protocols: a bare array, or 400 / 40020 with batchResponse when a channel failed", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const ok = yield* call("POST", "/messages", {
          key: keyOf(app, 0),
          headers: { "x-ably-version": "2" },
          body: spec(["a", "b"])
        })
        expect([ok.status, ok.body]).toMatchObject([201, [{ channel: "a" }, { channel: "b" }]])
        const partial = yield* call("POST", "/messages", {
          key: keyOf(app, 2),
          headers: { "x-ably-version": "2" },
          body: spec(["channel0", "channel3"])
        })
        expect(partial.status).toBe(400)
        expect(partial.body).toMatchObject({
          error: { code: 40020 },
          batchResponse: [{ channel: "channel0" }, { channel: "channel3", error: { code: 40160 } }]
        })
      }))

    it.effect("limits: over 100 channels is 40003, a body over 2 MiB is 413 / 40009, messages over 64 KiB are 40009", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const many = yield* call("POST", "/messages", {
          key,
          body: spec(Array.from({ length: 101 }, (_, i) => `c${i}`))
        })
        expect([many.status, decodeError(many.body).error.code]).toEqual([400, 40003])
        const huge = Array.from(
          { length: 40 },
          (_, i) => ({ channels: [`h${i}`], messages: [{ data: "x".repeat(60_000) }] })
        )
        const tooBig = yield* call("POST", "/messages", { key, body: huge })
        expect([tooBig.status, decodeError(tooBig.body).error.code]).toEqual([413, 40009])
        const oversized = yield* call("POST", "/messages", {
          key,
          body: { channels: ["a"], messages: [{ data: "y".repeat(70_000) }] }
        })
        expect([oversized.status, decodeError(oversized.body).error.code]).toEqual([400, 40009])
      }))
  })

  describe("GET /presence", () => {
    it.effect("members per channel; separator; per-channel failures; a missing channels param is 40000", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const emulator = yield* Emulator
        yield* emulator.admin.updatePresence(app.appId, "x,y", [{ action: "enter", clientId: "c" }])
        const reply = yield* call(
          "GET",
          `/presence?channels=${encodeURIComponent("x,y|channel5|persisted:presence_fixtures")}&separator=${
            encodeURIComponent("|")
          }`,
          {
            key: keyOf(app, 2)
          }
        )
        expect(reply.status).toBe(200)
        expect(reply.body).toMatchObject({
          successCount: 0,
          failureCount: 3,
          results: [{ channel: "x,y", error: { code: 40160 } }, { channel: "channel5", error: { code: 40160 } }, {
            channel: "persisted:presence_fixtures"
          }]
        })
        const full = yield* call(
          "GET",
          `/presence?channels=${encodeURIComponent("x,y|persisted:presence_fixtures")}&separator=${
            encodeURIComponent("|")
          }`,
          { key: keyOf(app, 0) }
        )
        expect(full.body).toMatchObject({
          successCount: 2,
          results: [{ channel: "x,y", presence: [{ clientId: "c", action: 1 }] }, {
            channel: "persisted:presence_fixtures"
          }]
        })
        const missing = yield* call("GET", "/presence", { key: keyOf(app, 0) })
        expect(decodeError(missing.body).error.code).toBe(40000)
      }))
  })
})
