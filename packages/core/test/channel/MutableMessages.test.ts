/**
 * Mutable messages (RSL11, RSL14, RSL15) from our SDK against the in-memory emulator: every
 * operation, both protocols, and each documented failure.
 */
import { Crypto, type Errors, Message, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { mutableClient } from "../utils/mutableClient.js"

const protocols = [{ useBinaryProtocol: true }, { useBinaryProtocol: false }] as const

const codeOf = (error: Errors.AblyError) => ({ code: error.code, statusCode: error.statusCode })

// A client on a fresh app whose `mutable` namespace has mutable messages; `capability` on a
// second key, and the client may be identified through a token with a clientId.
const client = (options: {
  readonly useBinaryProtocol: boolean
  readonly capability?: Readonly<Record<string, ReadonlyArray<string>>>
  readonly clientId?: string
}) =>
  mutableClient(options.capability, {
    useBinaryProtocol: options.useBinaryProtocol,
    ...(options.clientId === undefined ? {} : { clientId: options.clientId, useTokenAuth: true })
  })

const publishOne = (rest: Rest.Service, channel: string, message: Message.OutboundMessage) =>
  Effect.map(rest.channel(channel).publish(message), (result) => result.serials[0]!)

describe.each(protocols)("mutable messages (useBinaryProtocol: $useBinaryProtocol)", ({ useBinaryProtocol }) => {
  it.effect("RSL11/RSL15 - get by serial or message; update, append, delete; history shows the latest", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol })
      const channel = rest.channel("mutable:chat")
      const serial = yield* publishOne(rest, "mutable:chat", {
        name: "reply",
        data: "Hel",
        extras: { headers: { a: "1" } }
      })
      const original = yield* channel.getMessage(serial)
      expect(original).toMatchObject({ serial, name: "reply", data: "Hel", action: "message.create" })
      expect(original.version).toEqual({ serial, timestamp: original.timestamp })

      const appended = yield* channel.appendMessage({ serial, data: "lo" }, { description: "stream" })
      expect(typeof appended.versionSerial).toBe("string")
      expect(appended.versionSerial! > serial).toBe(true)
      const afterAppend = yield* channel.getMessage(original)
      expect(afterAppend).toMatchObject({ serial, name: "reply", data: "Hello", extras: { headers: { a: "1" } } })
      expect(afterAppend.version).toMatchObject({ serial: appended.versionSerial, description: "stream" })

      const updated = yield* channel.updateMessage({ ...afterAppend, data: { text: "Hello!" } }, {
        description: "typo",
        metadata: { ticket: "42" }
      })
      const afterUpdate = yield* channel.getMessage(serial)
      expect(afterUpdate).toMatchObject({ serial, action: "message.update", data: { text: "Hello!" } })
      expect(afterUpdate.version).toMatchObject({
        serial: updated.versionSerial,
        description: "typo",
        metadata: { ticket: "42" }
      })
      // The original timestamp stays; the version has its own.
      expect(afterUpdate.timestamp).toBe(original.timestamp)

      const deleted = yield* channel.deleteMessage({ serial }, { description: "moderated" })
      const afterDelete = yield* channel.getMessage(serial)
      // Delete keeps the data (a soft delete).
      expect(afterDelete).toMatchObject({ action: "message.delete", data: { text: "Hello!" } })
      expect(afterDelete.version?.serial).toBe(deleted.versionSerial)

      const history = yield* Stream.runCollect(channel.history())
      expect(Chunk.toReadonlyArray(history).map((m) => [m.serial, m.action])).toEqual([[serial, "message.delete"]])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSL14 - getMessageVersions lists every version oldest first, paginated, as a Stream and pages", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol })
      const channel = rest.channel("mutable:versions")
      const serial = yield* publishOne(rest, "mutable:versions", { name: "n", data: "v0" })
      const results: Array<string | null> = []
      for (const data of ["v1", "v2", "v3"]) {
        results.push((yield* channel.updateMessage({ serial, data })).versionSerial)
      }
      const versions = Chunk.toReadonlyArray(yield* Stream.runCollect(channel.getMessageVersions(serial, { limit: 2 })))
      expect(versions.map((m) => m.data)).toEqual(["v0", "v1", "v2", "v3"])
      expect(versions.map((m) => m.version?.serial)).toEqual([serial, ...results])
      expect(versions.every((m) => m.serial === serial)).toBe(true)

      const first = yield* channel.getMessageVersionsPage({ serial }, { limit: 3 })
      expect(first.items.map((m) => m.data)).toEqual(["v0", "v1", "v2"])
      expect(first.hasNext).toBe(true)
      const second = Option.getOrThrow(yield* first.next)
      expect(second.items.map((m) => m.data)).toEqual(["v3"])
      expect(second.hasNext).toBe(false)
      const backwards = yield* channel.getMessageVersionsPage(serial, { direction: "backwards", limit: 1 })
      expect(backwards.items.map((m) => m.data)).toEqual(["v3"])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSL15 - the caller's message is never changed; data is encoded like a publish (cipher, typed Schema)", () =>
    Effect.gen(function*() {
      const { rest, emulator, app } = yield* client({ useBinaryProtocol })
      const key = yield* Crypto.generateRandomKey()
      const Order = Schema.Struct({ id: Schema.Number, note: Schema.String })
      const channel = rest.channel("mutable:orders", { cipher: { key }, schema: Order })
      const serial = (yield* channel.publish("order", { id: 1, note: "first" })).serials[0]!
      const edit = Object.freeze({ serial, name: "order", data: Object.freeze({ id: 1, note: "second" }) })
      yield* channel.updateMessage(edit, Object.freeze({ description: "edit" }))
      expect(edit).toEqual({ serial, name: "order", data: { id: 1, note: "second" } })
      const stored = (yield* emulator.messages(app.appId, "mutable:orders"))[0]!
      expect(stored.encoding).toBe("json/utf-8/cipher+aes-256-cbc")
      expect(stored.data).toBeInstanceOf(Uint8Array)
      const read = yield* channel.getMessage(serial)
      expect(read.data).toEqual({ id: 1, note: "second" })
      // Data the Schema refuses fails before anything is sent.
      const refused = yield* Effect.flip(
        channel.updateMessage({ serial, data: { id: "x" } as unknown as typeof Order.Type })
      )
      expect(codeOf(refused)).toEqual({ code: 40013, statusCode: 400 })
      // A delete without data passes no data through the Schema.
      yield* channel.deleteMessage({ serial })
      expect((yield* channel.getMessage(serial)).data).toEqual({ id: 1, note: "second" })
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("mutable message errors", () => {
  it.effect("RSL11/RSL14/RSL15 - a missing or non-string serial fails with 40003 before anything is sent", () =>
    Effect.gen(function*() {
      const { rest, emulator, app } = yield* client({ useBinaryProtocol: false })
      const channel = rest.channel("mutable:errors")
      const serial = yield* publishOne(rest, "mutable:errors", { data: "x" })
      const failures = [
        yield* Effect.flip(channel.getMessage({})),
        yield* Effect.flip(channel.getMessage("")),
        yield* Effect.flip(channel.getMessage(42 as unknown as string)),
        yield* Effect.flip(channel.updateMessage({ data: "y" })),
        yield* Effect.flip(channel.deleteMessage({ serial: 7 } as unknown as Message.MessageEdit)),
        yield* Effect.flip(channel.appendMessage({ name: "n" })),
        yield* Effect.flip(Stream.runDrain(channel.getMessageVersions({})))
      ]
      expect(failures.map(codeOf)).toEqual(Array(7).fill({ code: 40003, statusCode: 400 }))
      // Bad operation or params: 40003 too, nothing changed.
      const badOperation = yield* Effect.flip(
        channel.updateMessage({ serial, data: "y" }, { metadata: { n: 1 } } as unknown as Message.MessageOperation)
      )
      const badParams = yield* Effect.flip(
        channel.updateMessage({ serial, data: "y" }, undefined, { x: {} } as unknown as Record<string, string>)
      )
      expect([codeOf(badOperation), codeOf(badParams)]).toEqual(Array(2).fill({ code: 40003, statusCode: 400 }))
      expect((yield* emulator.messages(app.appId, "mutable:errors")).map((m) => m.data)).toEqual(["x"])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSL11/RSL14/RSL15 - an unknown serial is 404 / 40400", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol: true })
      const channel = rest.channel("mutable:unknown")
      const failures = [
        yield* Effect.flip(channel.getMessage("0000000000000999@1")),
        yield* Effect.flip(channel.updateMessage({ serial: "0000000000000999@1", data: "x" })),
        yield* Effect.flip(channel.getMessageVersionsPage("0000000000000999@1"))
      ]
      expect(failures.map(codeOf)).toEqual(Array(3).fill({ code: 40400, statusCode: 404 }))
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSL15 - a channel whose namespace has no mutable messages refuses changes with 93002", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol: false })
      const serial = yield* publishOne(rest, "plain", { data: "x" })
      const error = yield* Effect.flip(rest.channel("plain").updateMessage({ serial, data: "y" }))
      expect(codeOf(error)).toEqual({ code: 93002, statusCode: 400 })
      // Reading by serial works anywhere.
      expect((yield* rest.channel("plain").getMessage(serial)).data).toBe("x")
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSL15 - message-update-own / -delete-own: own messages only; unidentified 40166; none 40160", () =>
    Effect.gen(function*() {
      const own = { "mutable:*": ["publish", "history", "message-update-own", "message-delete-own"] }
      const alice = yield* client({ useBinaryProtocol: false, capability: own, clientId: "alice" })
      const mine = yield* publishOne(alice.rest, "mutable:caps", { data: "alice's" })
      const bobs = yield* publishOne(alice.admin, "mutable:caps", { data: "bob's", clientId: "bob" })
      const channel = alice.rest.channel("mutable:caps")
      yield* channel.updateMessage({ serial: mine, data: "edited" })
      yield* channel.deleteMessage({ serial: mine })
      const latest = yield* channel.getMessage(mine)
      expect(latest).toMatchObject({ action: "message.delete", clientId: "alice", data: "edited" })
      expect(latest.version?.clientId).toBe("alice")
      const foreign = yield* Effect.flip(channel.updateMessage({ serial: bobs, data: "mine now" }))
      expect(codeOf(foreign)).toEqual({ code: 40160, statusCode: 401 })

      const anonymous = yield* client({ useBinaryProtocol: false, capability: own })
      const serial = yield* publishOne(anonymous.rest, "mutable:caps", { data: "x" })
      const unidentified = yield* Effect.flip(
        anonymous.rest.channel("mutable:caps").updateMessage({ serial, data: "y" })
      )
      expect(codeOf(unidentified)).toEqual({ code: 40166, statusCode: 401 })

      const none = yield* client({ useBinaryProtocol: false, capability: { "mutable:*": ["publish", "history"] } })
      const other = yield* publishOne(none.rest, "mutable:caps", { data: "x" })
      const denied = yield* Effect.flip(none.rest.channel("mutable:caps").deleteMessage({ serial: other }))
      expect(codeOf(denied)).toEqual({ code: 40160, statusCode: 401 })

      const any = yield* client({
        useBinaryProtocol: false,
        capability: { "mutable:*": ["publish", "history", "message-update-any"] }
      })
      const theirs = yield* publishOne(any.admin, "mutable:caps", { data: "x", clientId: "carol" })
      yield* any.rest.channel("mutable:caps").updateMessage({ serial: theirs, data: "moderated" })
      expect((yield* any.rest.channel("mutable:caps").getMessage(theirs)).data).toBe("moderated")
      const noDelete = yield* Effect.flip(any.rest.channel("mutable:caps").deleteMessage({ serial: theirs }))
      expect(codeOf(noDelete)).toEqual({ code: 40160, statusCode: 401 })
    }).pipe(Effect.provide(Emulator.layer)))
})
