import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { emulatedRest } from "./emulated.js"

const protocols = [{ useBinaryProtocol: true }, { useBinaryProtocol: false }] as const

describe.each(protocols)("history against the emulator (useBinaryProtocol: $useBinaryProtocol)", (protocol) => {
  const publishSeven = (rest: Effect.Effect.Success<ReturnType<typeof emulatedRest>>["rest"], channel: string) =>
    Effect.forEach(
      Array.from({ length: 7 }, (_, i) => i),
      (i) => Effect.zipRight(rest.channel(channel).publish(`m${i}`, { i }), TestClock.adjust(i % 2 === 0 ? 0 : 5))
    )

  it.effect("RSL2 - a Stream over >= 3 pages backwards, newest first, nothing lost or repeated", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest(protocol)
      yield* publishSeven(rest, "paged")
      const names = yield* rest.channel("paged").history({ limit: 3 }).pipe(
        Stream.map((m) => m.name),
        Stream.runCollect
      )
      expect(Chunk.toReadonlyArray(names)).toEqual(["m6", "m5", "m4", "m3", "m2", "m1", "m0"])
      const pages = yield* rest.channel("paged").historyPage({ limit: 3 }).pipe(
        Effect.flatMap((first) => Effect.map(first.next, (second) => [first, Option.getOrThrow(second)] as const))
      )
      expect(pages[0].items.map((m) => m.data)).toEqual([{ i: 6 }, { i: 5 }, { i: 4 }])
      expect(pages[1].items.map((m) => m.name)).toEqual(["m3", "m2", "m1"])
      const first = yield* pages[1].first
      expect(first.items.map((m) => m.name)).toEqual(["m6", "m5", "m4"])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSL2 - forwards, with start/end filters, and the last page says isLast", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest(protocol)
      yield* publishSeven(rest, "forwards")
      const all = yield* rest.channel("forwards").history({ direction: "forwards", limit: 2 }).pipe(Stream.runCollect)
      const messages = Chunk.toReadonlyArray(all)
      expect(messages.map((m) => m.name)).toEqual(["m0", "m1", "m2", "m3", "m4", "m5", "m6"])
      expect(new Set(messages.map((m) => m.id)).size).toBe(7)
      const start = messages[2]!.timestamp!
      const end = messages[4]!.timestamp!
      const filtered = yield* rest.channel("forwards").history({ direction: "forwards", start, end }).pipe(
        Stream.runCollect
      )
      const filteredNames = Chunk.toReadonlyArray(filtered).map((m) => m.name)
      expect(filteredNames).toContain("m2")
      expect(filteredNames).toContain("m4")
      expect(filteredNames).not.toContain("m0")
      expect(filteredNames).not.toContain("m6")
      const last = yield* rest.channel("forwards").historyPage({ direction: "forwards", limit: 10 })
      expect(last.isLast).toBe(true)
      expect(yield* last.next).toEqual(Option.none())
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSL4/RSL6 - strings, JSON and bytes round-trip; server fields are filled in", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest(protocol)
      const bytes = new Uint8Array([0, 1, 254, 255])
      const result = yield* rest.channel("payloads").publish([
        { name: "text", data: "héllo" },
        { name: "json", data: { nested: [1, "two", null] }, extras: { headers: { k: "v" } } },
        { name: "binary", data: bytes },
        { name: "empty" }
      ])
      expect(result.serials).toHaveLength(4)
      const read = Chunk.toReadonlyArray(
        yield* Stream.runCollect(rest.channel("payloads").history({ direction: "forwards" }))
      )
      expect(read.map((m) => m.data)).toEqual(["héllo", { nested: [1, "two", null] }, bytes, undefined])
      expect(read[1]!.extras).toEqual({ headers: { k: "v" } })
      for (const message of read) {
        expect(message.encoding).toBeUndefined()
        expect(message.id).toMatch(/^[A-Za-z0-9_-]{12}:\d$/)
        expect(typeof message.timestamp).toBe("number")
        expect(typeof message.serial).toBe("string")
        expect(message.action).toBe("message.create")
      }
      expect(read.map((m) => m.serial)).toEqual(result.serials)
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("history streams are lazy", () => {
  it.effect("taking the first page's items fetches one page only", () =>
    Effect.gen(function*() {
      const { app, rest } = yield* emulatedRest()
      yield* rest.channel("lazy").publish(Array.from({ length: 10 }, (_, i) => ({ name: `m${i}` })))
      const requests = yield* Ref.make(0)
      const counted = HttpClient.tapRequest(yield* HttpClient.HttpClient, () => Ref.update(requests, (n) => n + 1))
      const counting = yield* Effect.provide(
        Rest.Rest,
        Rest.layer({ key: app.keys[0]!.keyStr }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, counted)))
      )
      const taken = yield* counting.channel("lazy").history({ limit: 3 }).pipe(Stream.take(3), Stream.runCollect)
      expect(Chunk.size(taken)).toBe(3)
      expect(yield* Ref.get(requests)).toBe(1)
      const six = yield* counting.channel("lazy").history({ limit: 3 }).pipe(Stream.take(4), Stream.runCollect)
      expect(Chunk.size(six)).toBe(4)
      expect(yield* Ref.get(requests)).toBe(3)
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("capabilities and errors from the emulator", () => {
  it.effect("RSL1 - publishing without the publish capability fails with 40160", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({}, 3)
      const error = yield* Effect.flip(rest.channel("anything").publish("n", "d"))
      expect(error).toMatchObject({ _tag: "AblyError", code: 40160, statusCode: 401 })
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("a wrong secret fails with 40101 in both protocols", () =>
    Effect.gen(function*() {
      const { app } = yield* emulatedRest()
      for (const useBinaryProtocol of [true, false]) {
        const key = `${app.keys[0]!.keyName}:wrongsecret`
        const rest = yield* Effect.provide(Rest.Rest, Rest.layer({ key, useBinaryProtocol }))
        const error = yield* Effect.flip(rest.channel("c").historyPage())
        expect(error).toMatchObject({ code: 40101, statusCode: 401 })
        expect(error.message).not.toContain("wrongsecret")
      }
    }).pipe(Effect.provide(Emulator.layer)))
})
