import { Errors } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { emulatedRest } from "../integration/emulated.js"
import { restWith, testKey } from "../utils/restWith.js"

const fixturesChannel = "persisted:presence_fixtures"
const cipherKey = "WUP6u0K7MXI5Zeo0VppPwg=="
const protocols = [{ useBinaryProtocol: true }, { useBinaryProtocol: false }] as const

describe.each(protocols)("presence against the emulator (useBinaryProtocol: $useBinaryProtocol)", (protocol) => {
  it.effect("RSP3 - presence.get reads the test app's fixture members with their data decoded", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest(protocol)
      const members = Chunk.toReadonlyArray(yield* Stream.runCollect(rest.channel(fixturesChannel).presence.get()))
      const byClient = Object.fromEntries(members.map((member) => [member.clientId, member]))
      expect(Object.keys(byClient).sort()).toEqual([
        "client_bool",
        "client_decoded",
        "client_encoded",
        "client_int",
        "client_json",
        "client_string"
      ])
      for (const member of members) {
        expect(member.action).toBe("present")
        expect(typeof member.id).toBe("string")
        expect(typeof member.connectionId).toBe("string")
        expect(typeof member.timestamp).toBe("number")
      }
      expect(byClient["client_bool"]!.data).toBe("true")
      expect(byClient["client_int"]!.data).toBe("24")
      expect(byClient["client_json"]!.data).toBe("{ \"test\": \"This is a JSONObject clientData payload\"}")
      expect(byClient["client_decoded"]!.data).toEqual({ example: { json: "Object" } })
      expect(byClient["client_decoded"]!.encoding).toBeUndefined()
      // Without the channel cipher the encrypted member stops at the cipher step (RSL6b).
      expect(byClient["client_encoded"]!.encoding).toBe("json/utf-8/cipher+aes-128-cbc")
      expect(byClient["client_encoded"]!.data).toBeInstanceOf(Uint8Array)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSL5/RSP5 - with the fixture cipher, the encrypted member decrypts to its JSON", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest(protocol)
      const members = yield* rest.channel(fixturesChannel, { cipher: { key: cipherKey } }).presence.get({
        clientId: "client_encoded"
      }).pipe(
        Stream.runCollect
      )
      expect(Chunk.toReadonlyArray(members).map((member) => [member.clientId, member.data, member.encoding])).toEqual([
        ["client_encoded", { example: { json: "Object" } }, undefined]
      ])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSP3a - limit pages through every member; clientId and connectionId filter", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest(protocol)
      yield* emulator.admin.updatePresence(app.appId, "room", [
        ...["a", "b", "c", "d", "e"].map((clientId) => ({ action: "enter" as const, clientId, connectionId: "conn1" })),
        { action: "enter", clientId: "a", connectionId: "conn2", data: { on: 2 } }
      ])
      const presence = rest.channel("room").presence
      const first = yield* presence.getPage({ limit: 2 })
      expect(first.items).toHaveLength(2)
      expect(first.hasNext).toBe(true)
      const all = Chunk.toReadonlyArray(yield* Stream.runCollect(presence.get({ limit: 2 })))
      expect(all.map((m) => `${m.connectionId}:${m.clientId}`)).toEqual([
        "conn1:a",
        "conn1:b",
        "conn1:c",
        "conn1:d",
        "conn1:e",
        "conn2:a"
      ])
      const alices = Chunk.toReadonlyArray(yield* Stream.runCollect(presence.get({ clientId: "a" })))
      expect(alices.map((m) => [m.connectionId, m.data])).toEqual([["conn1", undefined], ["conn2", { on: 2 }]])
      const onConn2 = Chunk.toReadonlyArray(yield* Stream.runCollect(presence.get({ connectionId: "conn2" })))
      expect(onConn2.map((m) => m.clientId)).toEqual(["a"])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSP4 - presence.history lists enter/update/leave in order, both directions, with paging and a window", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest(protocol)
      const change = (action: "enter" | "update" | "leave", data?: unknown) =>
        Effect.zipRight(
          emulator.admin.updatePresence(app.appId, "lobby", [{ action, clientId: "bob", connectionId: "c", data }]),
          TestClock.adjust(1000)
        )
      yield* change("enter", "hi")
      yield* change("update", { mood: "happy" })
      yield* change("update", new Uint8Array([1, 2, 3]))
      yield* change("leave")
      const presence = rest.channel("lobby").presence
      const forwards = Chunk.toReadonlyArray(
        yield* Stream.runCollect(presence.history({ direction: "forwards", limit: 3 }))
      )
      expect(forwards.map((m) => [m.action, m.data])).toEqual([
        ["enter", "hi"],
        ["update", { mood: "happy" }],
        ["update", new Uint8Array([1, 2, 3])],
        ["leave", new Uint8Array([1, 2, 3])]
      ])
      const backwards = Chunk.toReadonlyArray(yield* Stream.runCollect(presence.history()))
      expect(backwards.map((m) => m.action)).toEqual(["leave", "update", "update", "enter"])
      const window = Chunk.toReadonlyArray(
        yield* Stream.runCollect(
          presence.history({ start: forwards[1]!.timestamp!, end: forwards[2]!.timestamp!, direction: "forwards" })
        )
      )
      expect(window.map((m) => m.data)).toEqual([{ mood: "happy" }, new Uint8Array([1, 2, 3])])
      const page = yield* presence.historyPage({ limit: 3 })
      const next = Option.getOrThrow(yield* page.next)
      expect(next.items.map((m) => m.action)).toEqual(["enter"])
      expect(next.isLast).toBe(true)
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(presence.get()))).toEqual([])
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("presence errors", () => {
  it.effect("RSP3/RSP4 - invalid params fail with 40003 before anything is sent", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () => new Response("[]"))
      const tooMany = yield* Effect.flip(rest.channel("a").presence.getPage({ limit: 1001 }))
      expect(tooMany).toMatchObject({ _tag: "AblyError", code: 40003, statusCode: 400 })
      const backwardsWindow = yield* Effect.flip(rest.channel("a").presence.historyPage({ start: 10, end: 5 }))
      expect(backwardsWindow.code).toBe(40003)
      const badName = yield* Effect.flip(rest.channel(":bad").presence.getPage())
      expect(badName.code).toBe(40010)
      expect(yield* seen).toEqual([])
    }))

  it.effect("RSP3 - the request carries the params and the channel name percent-encoded", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, () =>
        new Response(JSON.stringify([{ action: 1, clientId: "x", data: "eyJhIjoxfQ==", encoding: "json/base64" }]), {
          headers: { "content-type": "application/json" }
        }))
      const members = yield* rest.channel("a/b c").presence.get({ limit: 10, clientId: "x", connectionId: "y" }).pipe(
        Stream.runCollect
      )
      expect(Chunk.toReadonlyArray(members)).toEqual([{ action: "present", clientId: "x", data: { a: 1 } }])
      const [request] = yield* seen
      expect(request!.url.pathname).toBe("/channels/a%2Fb%20c/presence")
      expect(Object.fromEntries(request!.url.searchParams)).toEqual({ limit: "10", clientId: "x", connectionId: "y" })
    }))

  it.effect("capabilities: reading presence history without the history capability fails with 40160", () =>
    Effect.gen(function*() {
      // Key 3 of the test app may only subscribe: enough for members, not for history.
      const { rest } = yield* emulatedRest({}, 3)
      const subscriber = rest.channel(fixturesChannel)
      expect(Chunk.size(yield* Stream.runCollect(subscriber.presence.get()))).toBe(6)
      const error = yield* Effect.flip(Stream.runCollect(subscriber.presence.history()))
      expect(error).toMatchObject({ code: 40160, statusCode: 401 })
      expect(Errors.isAblyError(error)).toBe(true)
    }).pipe(Effect.provide(Emulator.layer)))
})
