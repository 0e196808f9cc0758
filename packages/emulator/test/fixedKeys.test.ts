import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { call, decodeAppInfo, decodeError } from "./support.js"

layer(emulatorLayer)("fixed app ids and keys", (it) => {
  describe("AppSpec appId, keyId, keySecret", () => {
    it.effect("POST /apps with fixed ids gives exactly those keys, and they authenticate", () =>
      Effect.gen(function*() {
        const reply = yield* call("POST", "/apps", {
          body: {
            appId: "fixed",
            keys: [{ keyId: "root", keySecret: "secret" }, {
              keyId: "sub",
              keySecret: "s2",
              capability: "{\"*\":[\"subscribe\"]}"
            }]
          }
        })
        expect(reply.status).toBe(201)
        const app = decodeAppInfo(reply.body)
        expect(app.appId).toBe("fixed")
        expect(app.keys.map((key) => [key.keyName, key.keySecret, key.keyStr])).toEqual([
          ["fixed.root", "secret", "fixed.root:secret"],
          ["fixed.sub", "s2", "fixed.sub:s2"]
        ])
        const published = yield* call("POST", "/channels/c/messages", {
          key: "fixed.root:secret",
          body: { name: "n", data: "d" }
        })
        expect(published.status).toBe(201)
        const denied = yield* call("POST", "/channels/c/messages", {
          key: "fixed.sub:s2",
          body: { name: "n", data: "d" }
        })
        expect(decodeError(denied.body).error.code).toBe(40160)
        const wrong = yield* call("GET", "/channels/c/messages", { key: "fixed.root:nope" })
        expect(decodeError(wrong.body).error.code).toBe(40101)
      }))

    it.effect("a taken appId fails with 400 / 40000 and leaves the first app as it was", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const first = yield* emulator.createApp({ appId: "twice", keys: [{ keyId: "a", keySecret: "one" }] })
        const failure = yield* Effect.flip(
          emulator.createApp({ appId: "twice", keys: [{ keyId: "a", keySecret: "two" }] })
        )
        expect([failure.statusCode, failure.code]).toEqual([400, 40000])
        expect(failure.message).toContain("app id twice is taken")
        const kept = yield* emulator.app("twice")
        expect(kept.keys.map((key) => key.keyStr)).toEqual(first.keys.map((key) => key.keyStr))
      }))

    it.effect("a key id given twice in one app fails with 400 / 40000", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const failure = yield* Effect.flip(emulator.createApp({ keys: [{ keyId: "same" }, { keyId: "same" }] }))
        expect([failure.statusCode, failure.code]).toEqual([400, 40000])
      }))

    it.effect("ids with dots or colons and secrets with colons are not an app spec (400 / 40001), and the secret is not echoed", () =>
      Effect.gen(function*() {
        for (
          const body of [{ appId: "a.b" }, { keys: [{ keyId: "x:y" }] }, { keys: [{ keySecret: "se:cret" }] }, {
            keys: [{ keySecret: "" }]
          }]
        ) {
          const reply = yield* call("POST", "/apps", { body })
          expect(reply.status).toBe(400)
          const { error } = decodeError(reply.body)
          expect(error.code).toBe(40001)
          expect(error.message).not.toContain("se:cret")
        }
      }))

    it.effect("without fixed ids, ids and secrets stay random", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const [a, b] = [yield* emulator.createApp({}), yield* emulator.createApp({})]
        expect(a.appId).not.toBe(b.appId)
        expect(a.keys[0]?.keySecret).not.toBe(b.keys[0]?.keySecret)
        expect(a.keys[0]?.keySecret.length).toBe(43)
      }))
  })
})
