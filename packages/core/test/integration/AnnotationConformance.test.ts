/**
 * Annotations both ways with the official `ably` client (2.28.0) on the loopback emulator,
 * JSON and msgpack: what one client annotates, the other reads, and both see the same summary.
 */
import { Annotation } from "@effect-ably/core"
import * as EmulatorServer from "@effect-ably/emulator/server"
import { describe, expect, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { bothClients } from "./bothClients.js"

layer(EmulatorServer.layerServer({ port: 0 }), { timeout: "30 seconds", excludeTestServices: true })(
  "annotations: official ably client and ours on the loopback emulator",
  (it) => {
    describe.each([true, false])("useBinaryProtocol: %s", (useBinaryProtocol) => {
      it.scoped("RSAN1/RSAN2/RSAN3 - ours publishes and deletes; ably-js get and getMessage see it", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const name = `mutable:annot-ours-${useBinaryProtocol}`
          const channel = ours.channel(name)
          const serial = (yield* channel.publish("m", "hello")).serials[0]!
          yield* channel.annotations.publish(serial, { type: "reactions:distinct.v1", name: "👍", clientId: "alice" })
          yield* channel.annotations.publish({ serial }, {
            type: "reactions:distinct.v1",
            name: "👍",
            clientId: "bob",
            data: { note: "nice" }
          })
          yield* channel.annotations.publish(serial, { type: "bytes:total.v1", data: new Uint8Array([1, 2, 3]) })
          yield* channel.annotations.delete(serial, { type: "reactions:distinct.v1", name: "👍", clientId: "alice" })

          const theirs = official.channels.get(name)
          const page = yield* Effect.promise(() => theirs.annotations.get(serial, null))
          expect(page.items.map((a) => [a.action, a.type, a.name, a.clientId, a.messageSerial])).toEqual([
            ["annotation.create", "reactions:distinct.v1", "👍", "alice", serial],
            ["annotation.create", "reactions:distinct.v1", "👍", "bob", serial],
            ["annotation.create", "bytes:total.v1", undefined, undefined, serial],
            ["annotation.delete", "reactions:distinct.v1", "👍", "alice", serial]
          ])
          expect(page.items[1]!.data).toEqual({ note: "nice" })
          expect(new Uint8Array(page.items[2]!.data)).toEqual(new Uint8Array([1, 2, 3]))
          // RSAN1c4: our idempotent ids, which ably-js reads as they are.
          expect(page.items.every((a) => /^[A-Za-z0-9_-]{12}:0$/.test(a.id))).toBe(true)

          const ourRead = Chunk.toReadonlyArray(yield* Stream.runCollect(channel.annotations.get(serial)))
          expect(ourRead.map((a) => [a.id, a.serial])).toEqual(page.items.map((a) => [a.id, a.serial]))

          const theirMessage = yield* Effect.promise(() => theirs.getMessage(serial))
          const ourMessage = yield* channel.getMessage(serial)
          expect(theirMessage.annotations?.summary).toEqual(ourMessage.annotations.summary)
          expect(Annotation.distinct(ourMessage.annotations.summary, "reactions:distinct.v1")).toEqual(
            Either.right(Option.some({ "👍": { total: 1, clientIds: ["bob"], clipped: false } }))
          )
          expect(theirMessage.annotations?.summary["bytes:total.v1"]).toEqual({ total: 1 })
        }))

      it.scoped("RSAN1/RSAN2/RSAN3 - ably-js publishes and deletes; ours get and getMessage see it", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const name = `mutable:annot-theirs-${useBinaryProtocol}`
          const theirs = official.channels.get(name)
          const serial = (yield* Effect.promise(() => theirs.publish("m", "hello"))).serials[0]!
          const message = yield* Effect.promise(() => theirs.getMessage(serial))
          yield* Effect.promise(() =>
            theirs.annotations.publish(message, { type: "claps:multiple.v1", name: "up", clientId: "alice", count: 3 })
          )
          yield* Effect.promise(() =>
            theirs.annotations.publish(serial, {
              type: "receipts:flag.v1",
              clientId: "bob",
              data: { read: true },
              extras: { headers: { k: "v" } }
            })
          )
          yield* Effect.promise(() => theirs.annotations.publish(serial, { type: "notes:total.v1", data: "text" }))
          yield* Effect.promise(() => theirs.annotations.delete(serial, { type: "receipts:flag.v1", clientId: "bob" }))

          const channel = ours.channel(name)
          const read = Chunk.toReadonlyArray(yield* Stream.runCollect(channel.annotations.get({ serial })))
          expect(read.map((a) => [a.action, a.type, a.clientId, a.messageSerial])).toEqual([
            ["annotation.create", "claps:multiple.v1", "alice", serial],
            ["annotation.create", "receipts:flag.v1", "bob", serial],
            ["annotation.create", "notes:total.v1", undefined, serial],
            ["annotation.delete", "receipts:flag.v1", "bob", serial]
          ])
          expect(read[0]!.count).toBe(3)
          expect(read[1]!.data).toEqual({ read: true })
          expect(read[1]!.extras).toEqual({ headers: { k: "v" } })
          expect(read[2]!.data).toBe("text")

          const ourMessage = yield* channel.getMessage(serial)
          const theirMessage = yield* Effect.promise(() => theirs.getMessage(serial))
          expect(ourMessage.annotations.summary).toEqual(theirMessage.annotations?.summary)
          const { summary } = ourMessage.annotations
          expect(Annotation.multiple(summary, "claps:multiple.v1")).toEqual(Either.right(Option.some({
            up: { total: 3, clientIds: { alice: 3 }, totalUnidentified: 0, clipped: false, totalClientIds: 1 }
          })))
          expect(Annotation.flag(summary, "receipts:flag.v1")).toEqual(
            Either.right(Option.some({ total: 0, clientIds: [], clipped: false }))
          )
          expect(Annotation.total(summary, "notes:total.v1")).toEqual(Either.right(Option.some({ total: 1 })))
          const [fromHistory] = Chunk.toReadonlyArray(yield* Stream.runCollect(channel.history()))
          expect(fromHistory!.annotations.summary).toEqual(summary)
        }))

      it.scoped("RSAN1 - an encrypted channel: ours encrypts annotation data, ably-js decrypts it, and the reverse", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const name = `mutable:annot-secret-${useBinaryProtocol}`
          const key = "WUP6u0K7MXI5Zeo0VppPwg=="
          const channel = ours.channel(name, { cipher: { key } })
          const theirs = official.channels.get(name, { cipher: { key } })
          const serial = (yield* channel.publish("m", "hello")).serials[0]!
          yield* channel.annotations.publish(serial, { type: "notes:total.v1", data: { from: "ours" } })
          yield* Effect.promise(() => theirs.annotations.publish(serial, { type: "notes:total.v1", data: "theirs" }))
          const theirRead = yield* Effect.promise(() => theirs.annotations.get(serial, null))
          const ourRead = Chunk.toReadonlyArray(yield* Stream.runCollect(channel.annotations.get(serial)))
          expect(theirRead.items.map((a) => a.data)).toEqual([{ from: "ours" }, "theirs"])
          expect(ourRead.map((a) => a.data)).toEqual([{ from: "ours" }, "theirs"])
        }))
    })
  }
)
