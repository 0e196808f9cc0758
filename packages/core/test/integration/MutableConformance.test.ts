/**
 * Mutable messages both ways with the official `ably` client (2.28.0) on the loopback
 * emulator, JSON and msgpack: what one client changes, the other reads.
 */
import * as EmulatorServer from "@effect-ably/emulator/server"
import { describe, expect, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { bothClients } from "./bothClients.js"

layer(EmulatorServer.layerServer({ port: 0 }), { timeout: "30 seconds", excludeTestServices: true })(
  "mutable messages: official ably client and ours on the loopback emulator",
  (it) => {
    describe.each([true, false])("useBinaryProtocol: %s", (useBinaryProtocol) => {
      it.scoped("RSL15/RSL11/RSL14 - ours updates, appends and deletes; ably-js getMessage and versions see it", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const name = `mutable:ours-${useBinaryProtocol}`
          const channel = ours.channel(name)
          const serial = (yield* channel.publish("reply", "Hel")).serials[0]!
          const appended = yield* channel.appendMessage({ serial, data: "lo" })
          const updated = yield* channel.updateMessage({ serial, name: "reply", data: { text: "Hello" } }, {
            description: "typo",
            metadata: { k: "v" }
          })
          const deleted = yield* channel.deleteMessage({ serial }, { description: "gone" })

          const theirs = official.channels.get(name)
          const latest = yield* Effect.promise(() => theirs.getMessage(serial))
          expect(latest.serial).toBe(serial)
          expect(latest.action).toBe("message.delete")
          expect(latest.data).toEqual({ text: "Hello" })
          expect(latest.version?.serial).toBe(deleted.versionSerial)
          expect(latest.version?.description).toBe("gone")

          const versions = yield* Effect.promise(() => theirs.getMessageVersions(serial))
          expect(versions.items.map((m) => [m.action, m.data, m.version?.serial])).toEqual([
            ["message.create", "Hel", serial],
            ["message.update", "Hello", appended.versionSerial],
            ["message.update", { text: "Hello" }, updated.versionSerial],
            ["message.delete", { text: "Hello" }, deleted.versionSerial]
          ])
          expect(versions.items[2]!.version?.metadata).toEqual({ k: "v" })
          const history = yield* Effect.promise(() => theirs.history())
          expect(history.items.map((m) => [m.serial, m.action])).toEqual([[serial, "message.delete"]])
        }))

      it.scoped("RSL15/RSL11/RSL14 - ably-js updates, appends and deletes; ours getMessage and versions see it", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const name = `mutable:theirs-${useBinaryProtocol}`
          const theirs = official.channels.get(name)
          const published = yield* Effect.promise(() => theirs.publish("reply", "Hel"))
          const serial = published.serials[0]!
          const original = yield* Effect.promise(() => theirs.getMessage(serial))
          const appended = yield* Effect.promise(() =>
            theirs.appendMessage({ ...original, data: "lo" }, { description: "more" })
          )
          const updated = yield* Effect.promise(() =>
            theirs.updateMessage({ ...original, data: new Uint8Array([1, 2, 3]) }, { metadata: { k: "v" } })
          )
          const deleted = yield* Effect.promise(() => theirs.deleteMessage({ serial }))
          expect([appended, updated, deleted].every((result) => typeof result.versionSerial === "string")).toBe(true)

          const channel = ours.channel(name)
          const latest = yield* channel.getMessage(serial)
          expect(latest).toMatchObject({ serial, name: "reply", action: "message.delete" })
          expect(latest.data).toEqual(new Uint8Array([1, 2, 3]))
          expect(latest.version?.serial).toBe(deleted.versionSerial)

          const versions = Chunk.toReadonlyArray(yield* Stream.runCollect(channel.getMessageVersions(serial)))
          expect(versions.map((m) => [m.action, m.data, m.version?.serial])).toEqual([
            ["message.create", "Hel", serial],
            ["message.update", "Hello", appended.versionSerial],
            ["message.update", new Uint8Array([1, 2, 3]), updated.versionSerial],
            ["message.delete", new Uint8Array([1, 2, 3]), deleted.versionSerial]
          ])
          expect(versions[1]!.version?.description).toBe("more")
          expect(versions[2]!.version?.metadata).toEqual({ k: "v" })
        }))

      it.scoped("RSL11/RSL15 - errors ably-js sees: 40400 unknown serial, 93002 outside a mutable namespace", () =>
        Effect.gen(function*() {
          const { official } = yield* bothClients(useBinaryProtocol)
          const unknown = yield* Effect.flip(
            Effect.tryPromise(() => official.channels.get("mutable:x").getMessage("0000000000000999@1"))
          )
          expect(unknown.error).toMatchObject({ code: 40400, statusCode: 404 })
          const plain = official.channels.get("plain-channel")
          const { serials } = yield* Effect.promise(() => plain.publish("n", "d"))
          const refused = yield* Effect.flip(
            Effect.tryPromise(() => plain.updateMessage({ serial: serials[0]!, data: "e" }))
          )
          expect(refused.error).toMatchObject({ code: 93002, statusCode: 400 })
        }))
    })
  }
)
