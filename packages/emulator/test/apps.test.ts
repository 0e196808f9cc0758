import { describe, expect, layer } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { readFileSync } from "node:fs"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, decodeAppInfo, decodeError, keyOf } from "./support.js"

const fixture = Schema.decodeUnknownSync(Schema.Struct({ post_apps: Schema.Unknown }))(
  JSON.parse(readFileSync(new URL("../../../fixtures/ably-common/test-app-setup.json", import.meta.url), "utf8"))
)

layer(emulatorLayer)("time and apps", (it) => {
  describe("GET /time", () => {
    it.effect("RSC16 - answers [ms] from the Clock, without auth", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(1_700_000_000_123)
        const reply = yield* call("GET", "/time")
        expect(reply.status).toBe(200)
        expect(reply.contentType).toBe("application/json")
        expect(reply.body).toEqual([1_700_000_000_123])
        const msgpack = yield* call("GET", "/time", { protocol: "msgpack" })
        expect(msgpack.contentType).toBe("application/x-msgpack")
        expect(msgpack.body).toEqual([1_700_000_000_123])
      }))

    it.effect("ignores scheme, host and port of the request URL", () =>
      Effect.gen(function*() {
        yield* TestClock.adjust("1 second")
        const now = yield* Clock.currentTimeMillis
        const reply = yield* call("GET", "http://127.0.0.1:9999/time")
        expect(reply.status).toBe(200)
        expect(reply.body).toEqual([now])
      }))
  })

  describe("POST /apps", () => {
    it.effect("creates the ably-common test app from the real fixture", () =>
      Effect.gen(function*() {
        const reply = yield* call("POST", "/apps", { body: fixture.post_apps, accept: false })
        expect(reply.status).toBe(201)
        expect(reply.contentType).toBe("application/json")
        const app = decodeAppInfo(reply.body)
        expect(app.keys).toHaveLength(6)
        expect(app.namespaces.map((ns) => ns.id)).toEqual(["persisted", "pushenabled", "mutable"])
        expect(app.channels[0]?.name).toBe("persisted:presence_fixtures")
        expect(app.channels[0]?.presence).toHaveLength(6)
        for (const key of app.keys) {
          expect(key.keyName.startsWith(`${app.appId}.`)).toBe(true)
          expect(key.keyStr).toBe(`${key.keyName}:${key.keySecret}`)
        }
        expect(JSON.parse(app.keys[0]!.capability)).toEqual({ "*": ["*"] })
        expect(JSON.parse(app.keys[3]!.capability)).toEqual({ "*": ["subscribe"] })
        expect(JSON.parse(app.keys[5]!.capability)).toEqual({ "[*]*": ["*"] })
        // The created app is live: its full-access key reads history.
        const history = yield* call("GET", "/channels/anything/messages", { key: app.keys[0]!.keyStr })
        expect(history.status).toBe(200)
      }))

    it.effect("G2 - answers as a local sandbox: where to connect and keys with id, value, revocableTokens", () =>
      Effect.gen(function*() {
        const reply = yield* call("POST", "/apps", {
          body: { keys: [{ keyId: "fixed", keySecret: "s3cret", revocableTokens: true }, {}] }
        })
        expect(reply.status).toBe(201)
        const app = decodeAppInfo(reply.body)
        // In memory every host reaches the emulator; the loopback answer is tested in core's Sandbox test.
        expect(app.endpoint).toBe(app.restHost)
        expect([typeof app.endpoint, typeof app.port, app.tls]).toEqual(["string", "number", false])
        expect(app.keys[0]).toEqual({
          id: "fixed",
          value: "s3cret",
          keyName: `${app.appId}.fixed`,
          keySecret: "s3cret",
          keyStr: `${app.appId}.fixed:s3cret`,
          capability: "{\"*\":[\"*\"]}",
          revocableTokens: true
        })
        expect(app.keys[1]?.revocableTokens).toBe(false)
        expect(`${app.appId}.${app.keys[1]?.id}:${app.keys[1]?.value}`).toBe(app.keys[1]?.keyStr)
      }))

    it.effect("the in-process default app matches the fixture's shape", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        expect(app.keys).toHaveLength(6)
        expect(app.namespaces).toHaveLength(3)
      }))

    it.effect("an app spec without keys gets one full-access key", () =>
      Effect.gen(function*() {
        const reply = yield* call("POST", "/apps", { body: {} })
        expect(reply.status).toBe(201)
        const app = decodeAppInfo(reply.body)
        expect(app.keys.map((key) => JSON.parse(key.capability))).toEqual([{ "*": ["*"] }])
      }))

    it.effect("rejects a body that is not an app spec (40001) or a bad capability (40000)", () =>
      Effect.gen(function*() {
        const notSpec = yield* call("POST", "/apps", { body: { keys: "nope" } })
        expect(notSpec.status).toBe(400)
        expect(decodeError(notSpec.body).error.code).toBe(40001)
        const badCapability = yield* call("POST", "/apps", { body: { keys: [{ capability: "{not json" }] } })
        expect(badCapability.status).toBe(400)
        expect(decodeError(badCapability.body).error.code).toBe(40000)
      }))
  })

  describe("DELETE /apps/:appId", () => {
    it.effect("deletes with one of the app's keys; its keys stop working", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const other = yield* createTestApp
        const foreign = yield* call("DELETE", `/apps/${app.appId}`, { key: keyOf(other, 0) })
        expect(foreign.status).toBe(401)
        expect(decodeError(foreign.body).error.code).toBe(40101)

        const deleted = yield* call("DELETE", `/apps/${app.appId}`, { key: keyOf(app, 3) })
        expect(deleted.status).toBe(204)
        const after = yield* call("GET", "/channels/x/messages", { key: keyOf(app, 0) })
        expect(after.status).toBe(404)
        expect(decodeError(after.body).error.code).toBe(40400)
        const emulator = yield* Emulator
        const missing = yield* Effect.flip(emulator.app(app.appId))
        expect(missing.code).toBe(40400)
      }))

    it.effect("requires credentials", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const reply = yield* call("DELETE", `/apps/${app.appId}`)
        expect(reply.status).toBe(401)
        expect(decodeError(reply.body).error.code).toBe(40101)
      }))
  })
})
