/**
 * Every channel name reaches exactly its own channel (design.md §8): one percent-encoded path
 * segment per name, checked against the emulator's state; names no URL can carry (`.`, `..`)
 * and names with no UTF-8 form (lone surrogates) are refused with 40010 before any request.
 */
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Stream from "effect/Stream"
import * as ChannelName from "../src/internal/channel/ChannelName.js"
import { emulatedRest } from "./integration/emulated.js"
import { json } from "./utils/FakeHttp.js"
import { restWith, testKey } from "./utils/restWith.js"

const oneChannelEach = [
  "plain",
  "...",
  ".a",
  "a.",
  "a/b",
  "/",
  "a/../b",
  "?x",
  "a?b=c",
  "#",
  "a#b",
  "%",
  "%2F",
  "a%2Fb",
  "%2e",
  "%2e%2e",
  "a b",
  "+",
  "&=;",
  "\\",
  "chat:lobby",
  "ünïcødé",
  "频道",
  "🎉 party",
  "x".repeat(100)
]

const longName = "y".repeat(2000)

describe("channel names", () => {
  it("RSL1 - validate accepts every name that is one channel, path makes it one segment", () => {
    for (const name of [...oneChannelEach, "[meta]log", "[?rewind=1]..", longName]) {
      expect([name, Either.isRight(ChannelName.validate(name))]).toEqual([name, true])
      const path = ChannelName.path(name)
      const url = new URL(`https://main.realtime.ably.net${path}/messages`)
      // Exactly two segments after /channels: the name and "messages"; the name decodes back.
      const segments = url.pathname.split("/")
      expect([name, segments.length, decodeURIComponent(segments[2]!)]).toEqual([name, 4, name])
      expect(url.search + url.hash).toBe("")
    }
  })

  it("40010 - '.', '..', lone surrogates and the existing rules are refused, saying why", () => {
    const refused: ReadonlyArray<readonly [string, string]> = [
      [".", "URLs remove those path segments"],
      ["..", "URLs remove those path segments"],
      ["a\uD800", "lone surrogate"],
      ["\uDC00b", "lone surrogate"],
      ["\uDFFF\uD800", "lone surrogate"],
      ["", "must not be empty"],
      ["a\nb", "newline"],
      [":x", "':'"],
      ["[meta", "qualifier"]
    ]
    for (const [name, why] of refused) {
      const outcome = ChannelName.validate(name)
      expect([name, Either.isLeft(outcome)]).toEqual([name, true])
      if (Either.isLeft(outcome)) {
        expect(outcome.left).toMatchObject({ code: 40010, statusCode: 400 })
        expect(outcome.left.message).toContain(why)
      }
    }
    // A surrogate pair is one well-formed character.
    expect(Either.isRight(ChannelName.validate("a\uD83C\uDF89"))).toBe(true)
  })

  it("path never throws, even for a lone surrogate", () => {
    expect(() => ChannelName.path("a\uD800")).not.toThrow()
    expect(ChannelName.path("a\uD800")).toBe("/channels/a%EF%BF%BD")
  })

  it.effect("40010 - channels.get never throws; each operation on a refused name fails typed and sends nothing", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () => json(201, { serials: [] }))
      for (const name of [".", "..", "lone\uD800"]) {
        const channel = rest.channels.get(name)
        expect(yield* Effect.flip(channel.publish("n", "d"))).toMatchObject({ code: 40010 })
        expect(yield* Effect.flip(channel.historyPage())).toMatchObject({ code: 40010 })
        expect(yield* Effect.flip(Stream.runDrain(channel.presence.get()))).toMatchObject({ code: 40010 })
        expect(yield* Effect.flip(channel.status)).toMatchObject({ code: 40010 })
      }
      expect(yield* seen).toEqual([])
    }))

  it.effect("RSL1 - each awkward name is its own channel on the emulator: published there, stored under exactly that name", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest({ useBinaryProtocol: false })
      for (const [index, name] of oneChannelEach.entries()) {
        yield* rest.channels.get(name).publish("m", `to ${index}`)
      }
      for (const [index, name] of oneChannelEach.entries()) {
        const stored = yield* emulator.messages(app.appId, name)
        expect([name, stored.map((message) => message.data)]).toEqual([name, [`to ${index}`]])
        const read = yield* Stream.runCollect(rest.channels.get(name).history())
        expect([name, Array.from(read, (message) => message.data)]).toEqual([name, [`to ${index}`]])
      }
      // Nothing landed in a channel named after a piece of another name.
      for (const piece of ["a", "b", "x", "messages", ""]) {
        expect(yield* emulator.messages(app.appId, piece)).toEqual([])
      }
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSL1 - a 2000-character name is one channel on the emulator", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest()
      yield* rest.channels.get(longName).publish("m", "long")
      const stored = yield* emulator.messages(app.appId, longName)
      expect(stored.map((message) => message.data)).toEqual(["long"])
    }).pipe(Effect.provide(Emulator.layer)))
})
