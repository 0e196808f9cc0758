/**
 * RSL8 channel status: the ChannelDetails / ChannelStatus / ChannelOccupancy / ChannelMetrics
 * Schemas (CHD/CHS/CHO/CHM, the channel status seed's example) and `channel.status`.
 */
import { ChannelDetails } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { emulatedRest } from "../integration/emulated.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

// The ChannelDetails example of Ably's Channel Status API documentation (the seed).
const documented = {
  channelId: "foo",
  status: {
    isActive: true,
    occupancy: {
      metrics: {
        connections: 1,
        publishers: 1,
        subscribers: 1,
        presenceConnections: 1,
        presenceMembers: 0,
        presenceSubscribers: 1
      }
    }
  }
}

const decode = Schema.decodeUnknownEither(ChannelDetails.ChannelDetails)

describe("ChannelDetails schemas", () => {
  it("CHD2/CHS2/CHO2/CHM2 - the documented example decodes, all six counters kept; LiveObjects counters default to 0", () => {
    const details = Either.getOrThrow(decode(documented))
    expect(details.channelId).toBe("foo")
    expect(details.status?.isActive).toBe(true)
    expect(details.status?.occupancy?.metrics).toEqual({
      ...documented.status.occupancy.metrics,
      objectPublishers: 0,
      objectSubscribers: 0
    })
  })

  it("regional fields and missing status or occupancy are accepted; unknown fields ignored (RSF1)", () => {
    expect(Either.getOrThrow(decode({ channelId: "r", region: "us-east-1", isGlobalMaster: false, extra: 1 }))).toEqual(
      {
        channelId: "r",
        region: "us-east-1",
        isGlobalMaster: false
      }
    )
    expect(Either.getOrThrow(decode({ channelId: "a", status: { isActive: false } })).status).toEqual({
      isActive: false
    })
    expect(
      Either.getOrThrow(decode({ channelId: "a", status: { isActive: true, occupancy: { metrics: {} } } })).status
        ?.occupancy?.metrics.connections
    ).toBe(0)
  })

  it("malformed details are rejected: no channelId, a negative or fractional counter", () => {
    expect(Either.isLeft(decode({ status: { isActive: true } }))).toBe(true)
    expect(
      Either.isLeft(decode({ channelId: "a", status: { isActive: true, occupancy: { metrics: { connections: -1 } } } }))
    ).toBe(true)
    expect(
      Either.isLeft(decode({ channelId: "a", status: { isActive: true, occupancy: { metrics: { publishers: 1.5 } } } }))
    ).toBe(true)
  })
})

describe("channel.status", () => {
  it.effect("RSL8 - GET /channels/{name}, name percent-encoded, decoded to ChannelDetails", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, () => json(200, documented))
      const details = yield* rest.channel("foo/bar baz").status
      expect(details.status?.occupancy?.metrics.presenceSubscribers).toBe(1)
      const [request] = yield* seen
      expect(request!.method).toBe("GET")
      expect(request!.url.pathname).toBe("/channels/foo%2Fbar%20baz")
    }))

  it.effect("a body that is not ChannelDetails is a typed decode error; an invalid name fails with 40010 unsent", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        () => json(200, { nope: true })
      )
      expect(yield* Effect.flip(rest.channel("x").status)).toMatchObject({ _tag: "AblyError", code: 50000 })
      expect(yield* Effect.flip(rest.channel("").status)).toMatchObject({ code: 40010 })
      expect(yield* seen).toHaveLength(1)
    }))

  it.effect("against the emulator: occupancy from the admin API and presence; asking activates the channel", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest()
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(rest.channels.list({ prefix: "quiet" })))).toEqual([])
      const details = yield* rest.channel("quiet").status
      expect(details).toMatchObject({
        channelId: "quiet",
        status: { isActive: true, occupancy: { metrics: { connections: 0 } } }
      })
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(rest.channels.list({ prefix: "quiet" })))).toEqual([
        "quiet"
      ])

      yield* emulator.admin.setOccupancy(app.appId, "busy", {
        connections: 5,
        publishers: 2,
        subscribers: 4,
        presenceSubscribers: 3
      })
      yield* emulator.admin.updatePresence(app.appId, "busy", [{ action: "enter", clientId: "a" }, {
        action: "enter",
        clientId: "b"
      }])
      const busy = yield* rest.channel("busy").status
      expect(busy.status?.occupancy?.metrics).toEqual({
        connections: 5,
        publishers: 2,
        subscribers: 4,
        presenceSubscribers: 3,
        presenceConnections: 1,
        presenceMembers: 2,
        objectPublishers: 0,
        objectSubscribers: 0
      })
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("needs channel-metadata on the channel (40160)", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({}, 2)
      expect(yield* Effect.flip(rest.channel("channel0").status)).toMatchObject({ code: 40160, statusCode: 401 })
      // channel6 allows every operation with key 2.
      expect((yield* rest.channel("channel6").status).channelId).toBe("channel6")
    }).pipe(Effect.provide(Emulator.layer)))
})
