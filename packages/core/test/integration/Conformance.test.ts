/**
 * Wire conformance: the official `ably` client (2.28.0) and this SDK talk to the loopback
 * emulator over real HTTP, in JSON and msgpack, and read what the other wrote.
 */
import * as EmulatorServer from "@effect-ably/emulator/server"
import { describe, expect, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { bothClients } from "./bothClients.js"

const bytes = new Uint8Array([1, 2, 3, 250])

// The server runs on the live clock, like a real Ably would.
layer(EmulatorServer.layerServer({ port: 0 }), { timeout: "30 seconds", excludeTestServices: true })(
  "official ably client against the loopback emulator",
  (it) => {
    describe.each([true, false])("useBinaryProtocol: %s", (useBinaryProtocol) => {
      it.scoped("RSC16 - ably-js time() reads the emulator's clock", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const theirs = yield* Effect.promise(() => official.time())
          const mine = yield* ours.time
          expect(Math.abs(theirs - mine)).toBeLessThan(5_000)
        }))

      it.scoped("RSL1/RSL2 - ably-js publishes and reads history; our SDK reads the same messages", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const channel = official.channels.get("conformance:from-ably-js")
          yield* Effect.promise(() =>
            channel.publish([
              { name: "text", data: "héllo" },
              { name: "json", data: { a: [1, "b"] } },
              { name: "binary", data: Buffer.from(bytes) }
            ])
          )
          const page = yield* Effect.promise(() => channel.history({ direction: "forwards" }))
          expect(page.items.map((m) => m.name)).toEqual(["text", "json", "binary"])
          expect(page.items[0]!.data).toBe("héllo")
          expect(page.items[1]!.data).toEqual({ a: [1, "b"] })
          expect(new Uint8Array(page.items[2]!.data)).toEqual(bytes)

          const read = Chunk.toReadonlyArray(
            yield* Stream.runCollect(ours.channel("conformance:from-ably-js").history({ direction: "forwards" }))
          )
          expect(read.map((m) => m.id)).toEqual(page.items.map((m) => m.id))
          expect(read.map((m) => m.data)).toEqual(["héllo", { a: [1, "b"] }, bytes])
        }))

      it.scoped("RSL1/RSL2 - our SDK publishes; ably-js reads the same data, ids and pages", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const published = yield* ours.channel("conformance:from-effect").publish([
            { name: "text", data: "plain" },
            { name: "json", data: { nested: { ok: true } } },
            { name: "binary", data: bytes },
            ...Array.from({ length: 4 }, (_, i) => ({ name: `extra${i}`, data: `e${i}` }))
          ])
          expect(published.serials).toHaveLength(7)
          const channel = official.channels.get("conformance:from-effect")
          const first = yield* Effect.promise(() => channel.history({ direction: "forwards", limit: 3 }))
          expect(first.items.map((m) => m.name)).toEqual(["text", "json", "binary"])
          expect(first.items[0]!.data).toBe("plain")
          expect(first.items[1]!.data).toEqual({ nested: { ok: true } })
          expect(new Uint8Array(first.items[2]!.data)).toEqual(bytes)
          expect(first.items[0]!.id).toMatch(/^[A-Za-z0-9_-]{12}:0$/)
          expect(first.hasNext()).toBe(true)
          const second = yield* Effect.promise(async () => (await first.next())!)
          expect(second.items.map((m) => m.name)).toEqual(["extra0", "extra1", "extra2"])
          const third = yield* Effect.promise(async () => (await second.next())!)
          expect(third.items.map((m) => m.name)).toEqual(["extra3"])
          expect(third.isLast()).toBe(true)
        }))

      it.scoped("RSC19 - ably-js request() and ours see the same error for an unknown route", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const theirs = yield* Effect.promise(() => official.request("get", "/no/such/route", 6))
          const mine = yield* ours.request("GET", "/no/such/route")
          expect(theirs.statusCode).toBe(404)
          expect(theirs.errorCode).toBe(40400)
          expect(mine.statusCode).toBe(404)
          expect(mine.errorCode._tag === "Some" && mine.errorCode.value).toBe(40400)
        }))
    })
  }
)
