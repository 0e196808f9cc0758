import { PresenceMessage } from "@effect-ably/core"
import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, decodeError, keyOf, linkTarget } from "./support.js"

const fixtures = `/channels/${encodeURIComponent("persisted:presence_fixtures")}`

const members = Schema.decodeUnknownSync(Schema.Array(Schema.encodedSchema(PresenceMessage.WirePresenceMessage)))

layer(emulatorLayer)("presence routes", (it) => {
  describe("GET /channels/:channel/presence", () => {
    it.effect("the test app's fixture members, action 1 (present), payloads as entered", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const reply = yield* call("GET", `${fixtures}/presence`, { key: keyOf(app, 0) })
        expect(reply.status).toBe(200)
        const byClient = Object.fromEntries(members(reply.body).map((m) => [m.clientId, m]))
        expect(Object.keys(byClient)).toHaveLength(6)
        expect(members(reply.body).every((m) => m.action === 1 && m.connectionId === `${app.appId}-admin`)).toBe(true)
        expect(byClient["client_decoded"]).toMatchObject({
          data: "{\"example\":{\"json\":\"Object\"}}",
          encoding: "json"
        })
        expect(byClient["client_encoded"]).toMatchObject({
          data: "HO4cYSP8LybPYBPZPHQOtuD53yrD3YV3NBoTEYBh4U0N1QXHbtkfsDfTspKeLQFt",
          encoding: "json/utf-8/cipher+aes-128-cbc/base64"
        })
      }))

    it.effect("over msgpack, binary data travels as bin without the base64 step", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const reply = yield* call("GET", `${fixtures}/presence?clientId=client_encoded`, {
          key: keyOf(app, 0),
          protocol: "msgpack"
        })
        const [member] = members(reply.body)
        expect(member!.encoding).toBe("json/utf-8/cipher+aes-128-cbc")
        expect(member!.data).toBeInstanceOf(Uint8Array)
      }))

    it.effect("limit pages with Link headers relative to ./presence; bad limit is 40003", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const first = yield* call("GET", `${fixtures}/presence?limit=4`, { key })
        expect(members(first.body)).toHaveLength(4)
        const next = linkTarget(first.headers["link"], "next")
        expect(next).toMatch(/^\.\/presence\?limit=4&cursor=/)
        const second = yield* call("GET", new URL(next!, first.url).toString(), { key })
        expect(members(second.body)).toHaveLength(2)
        expect(linkTarget(second.headers["link"], "next")).toBeUndefined()
        const ids = new Set([...members(first.body), ...members(second.body)].map((m) => m.id))
        expect(ids.size).toBe(6)
        const bad = yield* call("GET", `${fixtures}/presence?limit=0`, { key })
        expect([bad.status, decodeError(bad.body).error.code]).toEqual([400, 40003])
      }))
  })

  describe("the admin API and presence history", () => {
    it.effect("POST /_emulator/channels/:channel/presence enters, updates and leaves; history records it", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const admin = `/_emulator/channels/${encodeURIComponent("a room")}/presence`
        const entered = yield* call("POST", admin, {
          key,
          body: [{ action: "enter", clientId: "ann", connectionId: "c1", data: { hi: 1 } }]
        })
        expect(entered.status).toBe(204)
        yield* TestClock.adjust("1 second")
        yield* call("POST", admin, {
          key,
          body: { action: "update", clientId: "ann", connectionId: "c1", data: "AQI=", encoding: "base64" }
        })
        yield* call("POST", admin, { key, body: { action: "leave", clientId: "ann", connectionId: "c1" } })
        const now = yield* call("GET", `/channels/${encodeURIComponent("a room")}/presence`, { key })
        expect(now.body).toEqual([])
        const history = yield* call(
          "GET",
          `/channels/${encodeURIComponent("a room")}/presence/history?direction=forwards&limit=2`,
          { key }
        )
        expect(members(history.body).map((m) => [m.action, m.data, m.encoding])).toEqual([
          [2, "{\"hi\":1}", "json"],
          [4, "AQI=", "base64"]
        ])
        expect(linkTarget(history.headers["link"], "next")).toMatch(/^\.\/history\?/)
        const rest = yield* call("GET", new URL(linkTarget(history.headers["link"], "next")!, history.url).toString(), {
          key
        })
        expect(members(rest.body).map((m) => [m.action, m.data])).toEqual([[3, "AQI="]])
      }))

    it.effect("admin routes need a key of the app (40101) and a valid body (40001)", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const path = "/_emulator/channels/x/presence"
        const anonymous = yield* call("POST", path, { body: { action: "enter", clientId: "a" } })
        expect([anonymous.status, decodeError(anonymous.body).error.code]).toEqual([401, 40101])
        const invalid = yield* call("POST", path, { key: keyOf(app, 0), body: { action: "dance", clientId: "a" } })
        expect([invalid.status, decodeError(invalid.body).error.code]).toEqual([400, 40001])
      }))

    it.effect("the in-process handle and occupancy: PUT /_emulator/channels/:channel/occupancy answers ChannelDetails", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const emulator = yield* Emulator
        yield* emulator.admin.updatePresence(app.appId, "busy", [{ action: "enter", clientId: "a" }])
        const reply = yield* call("PUT", "/_emulator/channels/busy/occupancy", {
          key: keyOf(app, 0),
          body: { connections: 4, subscribers: 3 }
        })
        expect(reply.body).toEqual({
          channelId: "busy",
          status: {
            isActive: true,
            occupancy: {
              metrics: {
                connections: 4,
                publishers: 0,
                subscribers: 3,
                presenceSubscribers: 0,
                presenceConnections: 1,
                presenceMembers: 1,
                objectPublishers: 0,
                objectSubscribers: 0
              }
            }
          }
        })
        const status = yield* call("GET", "/channels/busy", { key: keyOf(app, 0) })
        expect(status.body).toEqual(reply.body)
      }))
  })
})
