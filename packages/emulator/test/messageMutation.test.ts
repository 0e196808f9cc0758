import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, decodeError, decodeMessages, decodePublish, keyOf, messagesPath } from "./support.js"

const decodeResult = Schema.decodeUnknownSync(Schema.Struct({ versionSerial: Schema.String }))

// The raw routes of mutable messages, as any SDK's own tests would drive them.
layer(emulatorLayer)("mutable messages over raw HTTP", (it) => {
  describe("RSL11 / RSL14 / RSL15", () => {
    it.effect("PATCH appends string data, every change is a version in serial order, GET answers the latest", () =>
      Effect.gen(function*() {
        const key = keyOf(yield* createTestApp, 0)
        const path = messagesPath("mutable:raw")
        const published = decodePublish((yield* call("POST", path, { key, body: [{ name: "n", data: "a" }] })).body)
        const serial = published.serials[0]!
        const target = `${path}/${encodeURIComponent(serial)}`
        const serials: Array<unknown> = []
        for (const body of [{ action: 5, data: "b" }, { action: 5, data: "c", version: { description: "more" } }]) {
          const reply = yield* call("PATCH", target, { key, body, protocol: "msgpack" })
          expect(reply.status).toBe(200)
          serials.push(decodeResult(reply.body).versionSerial)
        }
        const latest = decodeMessages([(yield* call("GET", target, { key })).body])[0]!
        expect(latest).toMatchObject({ serial, data: "abc", version: { serial: serials[1], description: "more" } })
        const versions = decodeMessages((yield* call("GET", `${target}/versions`, { key })).body)
        expect(versions.map((m) => [m.data, m.version?.serial])).toEqual([["a", serial], ["ab", serials[0]], [
          "abc",
          serials[1]
        ]])
        expect([serial, ...serials]).toEqual([serial, ...serials].sort())
      }))

    it.effect("errors: 40003 without a serial or with an unknown action, 40400 for an unknown serial, 40013 appending to bytes", () =>
      Effect.gen(function*() {
        const key = keyOf(yield* createTestApp, 0)
        const path = messagesPath("mutable:raw-errors")
        const noSerial = yield* call("PATCH", path, { key, body: { action: 1, data: "x" } })
        expect([noSerial.status, decodeError(noSerial.body).error.code]).toEqual([400, 40003])
        const binary = decodePublish(
          (yield* call("POST", path, { key, body: [{ data: "AAE=", encoding: "base64" }] })).body
        ).serials[0]!
        const target = `${path}/${encodeURIComponent(binary)}`
        const badAction = yield* call("PATCH", target, { key, body: { action: 0, data: "x" } })
        expect([badAction.status, decodeError(badAction.body).error.code]).toEqual([400, 40003])
        const appendBytes = yield* call("PATCH", target, { key, body: { action: 5, data: "x" } })
        expect([appendBytes.status, decodeError(appendBytes.body).error.code]).toEqual([400, 40013])
        for (const url of [`${path}/0000000000009999%401`, `${path}/0000000000009999%401/versions`]) {
          const unknown = yield* call("GET", url, { key })
          expect([unknown.status, decodeError(unknown.body).error.code]).toEqual([404, 40400])
        }
      }))
  })
})
