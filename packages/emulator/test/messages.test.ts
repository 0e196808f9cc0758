import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, decodeError, decodeMessages, decodePublish, keyOf, messagesPath } from "./support.js"

const bytes = new Uint8Array([0, 1, 2, 250, 255])

layer(emulatorLayer)("publish and history", (it) => {
  describe("RSL1 / RSL2 round trips", () => {
    it.effect("JSON publish, read back over JSON and msgpack (base64 binary becomes bytes)", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const published = yield* call("POST", messagesPath("round:json"), {
          key,
          body: [
            { name: "text", data: "hello" },
            { name: "object", data: "{\"a\":1}", encoding: "json" },
            { name: "binary", data: "AAEC+v8=", encoding: "base64" },
            { name: "extras", data: "x", clientId: "me", extras: { headers: { k: "v" } } }
          ]
        })
        expect(published.status).toBe(201)
        const result = decodePublish(published.body)
        expect(result.channel).toBe("round:json")
        expect(result.serials).toHaveLength(4)
        expect([...result.serials].sort()).toEqual(result.serials)

        const overJson = decodeMessages(
          (yield* call("GET", `${messagesPath("round:json")}?direction=forwards`, { key })).body
        )
        expect(overJson.map((m) => [m.name, m.data, m.encoding])).toEqual([
          ["text", "hello", undefined],
          ["object", "{\"a\":1}", "json"],
          ["binary", "AAEC+v8=", "base64"],
          ["extras", "x", undefined]
        ])
        expect(overJson.map((m) => m.id)).toEqual([0, 1, 2, 3].map((i) => `${result.messageId}:${i}`))
        expect(overJson.map((m) => m.serial)).toEqual(result.serials)
        expect(overJson[3]).toMatchObject({ clientId: "me", extras: { headers: { k: "v" } }, action: "message.create" })

        const msgpackReply = yield* call("GET", `${messagesPath("round:json")}?direction=forwards`, {
          key,
          protocol: "msgpack"
        })
        expect(msgpackReply.contentType).toBe("application/x-msgpack")
        const overMsgpack = decodeMessages(msgpackReply.body)
        expect(overMsgpack[2]?.data).toEqual(bytes)
        expect(overMsgpack[2]?.encoding).toBeUndefined()
        expect(overMsgpack.every((m) => typeof m.timestamp === "number" && m.action === "message.create")).toBe(true)
      }))

    it.effect("msgpack publish (bin data, single object body), read back over JSON", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const published = yield* call("POST", messagesPath("round:msgpack"), {
          key,
          protocol: "msgpack",
          body: { name: "bin", data: bytes }
        })
        expect(published.status).toBe(201)
        expect(published.contentType).toBe("application/x-msgpack")
        expect(decodePublish(published.body).serials).toHaveLength(1)
        const [message] = decodeMessages((yield* call("GET", messagesPath("round:msgpack"), { key })).body)
        expect(message).toMatchObject({ name: "bin", data: "AAEC+v8=", encoding: "base64" })
        const emulator = yield* Emulator
        const stored = yield* emulator.messages(app.appId, "round:msgpack")
        expect(stored[0]?.data).toEqual(bytes)
      }))

    it.effect("a JSON object as data is stored as JSON text with a json encoding", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        yield* call("POST", messagesPath("objects"), { key, body: [{ data: { a: [1, 2] } }] })
        const [message] = decodeMessages((yield* call("GET", messagesPath("objects"), { key })).body)
        expect(message).toMatchObject({ data: "{\"a\":[1,2]}", encoding: "json" })
      }))

    it.effect("channel names with '/', ':' and spaces route when percent-encoded", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const name = "a/b: c?d#e"
        const published = yield* call("POST", messagesPath(name), { key, body: [{ data: "x" }] })
        expect(published.status).toBe(201)
        expect(decodePublish(published.body).channel).toBe(name)
        const emulator = yield* Emulator
        expect((yield* emulator.messages(app.appId, name)).map((m) => m.data)).toEqual(["x"])
      }))
  })

  describe("RSL1k idempotent publishing", () => {
    it.effect("a republished id is stored once within two minutes, again after", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const body = [{ id: "fixed:0", data: "one" }, { id: "fixed:1", data: "two" }]
        const first = decodePublish((yield* call("POST", messagesPath("idem"), { key, body })).body)
        expect(first.messageId).toBe("fixed")
        yield* TestClock.adjust("1 minute")
        const again = yield* call("POST", messagesPath("idem"), { key, body })
        expect(again.status).toBe(201)
        expect(decodePublish(again.body).serials).toEqual(first.serials)
        const emulator = yield* Emulator
        expect((yield* emulator.messages(app.appId, "idem")).map((m) => m.id)).toEqual(["fixed:0", "fixed:1"])
        yield* TestClock.adjust("2 minutes")
        yield* call("POST", messagesPath("idem"), { key, body: [body[0]] })
        expect((yield* emulator.messages(app.appId, "idem")).map((m) => m.id)).toEqual([
          "fixed:0",
          "fixed:1",
          "fixed:0"
        ])
      }))
  })

  describe("publish validation", () => {
    it.effect("40009 when the messages exceed 64 KiB together", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const big = yield* call("POST", messagesPath("big"), { key, body: [{ name: "n", data: "x".repeat(65536) }] })
        expect(big.status).toBe(400)
        expect(decodeError(big.body).error.code).toBe(40009)
        const split = yield* call("POST", messagesPath("big"), {
          key,
          protocol: "msgpack",
          body: [{ data: "x".repeat(40000) }, { data: new Uint8Array(30000) }]
        })
        expect(decodeError(split.body).error.code).toBe(40009)
        const fits = yield* call("POST", messagesPath("big"), { key, body: [{ data: "x".repeat(65536) }] })
        expect(fits.status).toBe(201)
      }))

    it.effect("40010 for invalid channel names", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        for (const name of [":leading", "[unclosed", "[]x", "[meta]"]) {
          const reply = yield* call("POST", messagesPath(name), { key, body: [{ data: "x" }] })
          expect(reply.status).toBe(400)
          expect(decodeError(reply.body).error.code).toBe(40010)
          const history = yield* call("GET", messagesPath(name), { key })
          expect(decodeError(history.body).error.code).toBe(40010)
        }
      }))

    it.effect("400 for malformed bodies (40001) and unsupported data (40013)", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const cases = [
          {
            options: { rawBody: { bytes: new TextEncoder().encode("[{"), contentType: "application/json" } },
            code: 40001
          },
          {
            options: { rawBody: { bytes: new Uint8Array([0xc1]), contentType: "application/x-msgpack" } },
            code: 40001
          },
          { options: { rawBody: { bytes: new TextEncoder().encode("x"), contentType: "text/plain" } }, code: 40001 },
          { options: { body: [{ name: 42 }] }, code: 40001 },
          { options: { body: "just a string" }, code: 40001 },
          { options: { body: [{ data: 42 }] }, code: 40013 },
          { options: { body: [{ data: true }] }, code: 40013 },
          { options: { body: [{ data: "not base64!", encoding: "base64" }] }, code: 40013 }
        ]
        for (const { code, options } of cases) {
          const reply = yield* call("POST", messagesPath("bad"), { key, ...options })
          expect(reply.status).toBe(400)
          expect(decodeError(reply.body).error.code).toBe(code)
        }
        const emulator = yield* Emulator
        expect(yield* emulator.messages(app.appId, "bad")).toEqual([])
      }))
  })
})
