/**
 * RSC24 batchPresence: the members of many channels in one call, decoded like presence.get,
 * with per-channel failures as data.
 */
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as BatchPresence from "../../src/internal/batch/BatchPresence.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"
import { countingRest } from "./countingRest.js"

const protocols = [{ useBinaryProtocol: true }, { useBinaryProtocol: false }] as const
const fixturesChannel = "persisted:presence_fixtures"

describe.each(protocols)("batchPresence against the emulator (useBinaryProtocol: $useBinaryProtocol)", (protocol) => {
  it.effect("RSC24 - members of each channel, data decoded; a channel with nobody is an empty success", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* countingRest(protocol)
      yield* emulator.admin.updatePresence(app.appId, "room", [
        { action: "enter", clientId: "alice", data: { status: "away" } },
        { action: "enter", clientId: "bob", data: "aGk=", encoding: "base64" }
      ])
      const result = yield* rest.batchPresence([fixturesChannel, "room", "empty"])
      expect([result.successCount, result.failureCount]).toEqual([3, 0])
      const [fixtures, room, empty] = result.results
      if (fixtures?._tag !== "Success" || room?._tag !== "Success") throw new Error("expected successes")
      expect(fixtures.presence).toHaveLength(6)
      expect(fixtures.presence.find((m) => m.clientId === "client_decoded")?.data).toEqual({
        example: { json: "Object" }
      })
      expect(room.presence.map((m) => [m.clientId, m.action, m.data])).toEqual([
        ["alice", "present", { status: "away" }],
        ["bob", "present", new Uint8Array([104, 105])]
      ])
      expect(empty).toEqual({ _tag: "Success", channel: "empty", presence: [] })
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("40160/40010 - channels that fail are typed Failure results", () =>
    Effect.gen(function*() {
      // Key 2 may subscribe on channel4, not on channel5 (presence only).
      const { rest } = yield* countingRest(protocol, 2)
      const result = yield* rest.batchPresence(["channel4", "channel5", "[bad"])
      expect([result.successCount, result.failureCount]).toEqual([1, 2])
      expect(result.results.map((r) => [r.channel, r._tag, r._tag === "Failure" ? r.error.code : undefined])).toEqual([
        ["channel4", "Success", undefined],
        ["channel5", "Failure", 40160],
        ["[bad", "Failure", 40010]
      ])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("names with commas go with another separator; more than 100 channels are split and merged in order", () =>
    Effect.gen(function*() {
      const { app, emulator, requests, rest } = yield* countingRest(protocol)
      yield* emulator.admin.updatePresence(app.appId, "a,b", [{ action: "enter", clientId: "comma" }])
      const commas = yield* rest.batchPresence(["a,b", "c"])
      expect(commas.results.map((r) => [r.channel, r._tag === "Success" ? r.presence.map((m) => m.clientId) : []]))
        .toEqual([
          ["a,b", ["comma"]],
          ["c", []]
        ])
      expect(Object.fromEntries(requests.at(-1)!.url.searchParams)).toEqual({ channels: "a,b|c", separator: "|" })

      const channels = Array.from({ length: 230 }, (_, i) => `many:${i}`)
      const many = yield* rest.batchPresence(channels)
      expect(many.results.map((r) => r.channel)).toEqual(channels)
      expect(requests.filter((r) => r.url.pathname === "/presence")).toHaveLength(1 + 3)
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("batchPresence over a scripted transport", () => {
  it("channelsQuery picks a separator no name contains", () => {
    expect(BatchPresence.channelsQuery(["a", "b"])).toEqual([["channels", "a,b"]])
    expect(BatchPresence.channelsQuery(["a,1", "b|2"])).toEqual([["channels", "a,1;b|2"], ["separator", ";"]])
  })

  it.effect("legacy answers (a bare array, 400/40020) read as per-channel results", () =>
    Effect.gen(function*() {
      const bare = yield* restWith({ key: testKey, useBinaryProtocol: false }, () =>
        json(200, [{ channel: "a", presence: [{ action: 1, clientId: "x", data: "{\"k\":1}", encoding: "json" }] }]))
      expect(yield* bare.rest.batchPresence(["a"])).toEqual({
        successCount: 1,
        failureCount: 0,
        results: [{ _tag: "Success", channel: "a", presence: [{ action: "present", clientId: "x", data: { k: 1 } }] }]
      })
      const legacy = yield* restWith({ key: testKey, useBinaryProtocol: false }, () =>
        json(400, {
          error: { code: 40020, statusCode: 400, message: "partial" },
          batchResponse: [{ channel: "a", presence: [] }, {
            channel: "b",
            error: { code: 40160, statusCode: 401, message: "no" }
          }]
        }))
      const result = yield* legacy.rest.batchPresence(["a", "b"])
      expect(result.results.map((r) =>
        r._tag
      )).toEqual(["Success", "Failure"])
    }))
})
