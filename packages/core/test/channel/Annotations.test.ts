/**
 * Annotations (RSAN1-3, TAN2, TM2u, TM7) from our SDK against the in-memory emulator: publish,
 * delete and get in both protocols, the summaries on the message read with the typed readers,
 * data encoding and the cipher, idempotent ids, and each documented failure.
 */
import { Annotation, Crypto, type Errors, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { mutableClient } from "../utils/mutableClient.js"

const protocols = [{ useBinaryProtocol: true }, { useBinaryProtocol: false }] as const

const codeOf = (error: Errors.AblyError) => ({ code: error.code, statusCode: error.statusCode })

// A client on a fresh app whose `mutable` namespace allows annotations; with `capability` the
// client uses a second key holding it.
const client = (options: {
  readonly useBinaryProtocol: boolean
  readonly capability?: Readonly<Record<string, ReadonlyArray<string>>>
  readonly idempotentRestPublishing?: boolean
}) =>
  mutableClient(options.capability, {
    useBinaryProtocol: options.useBinaryProtocol,
    ...(options.idempotentRestPublishing === undefined
      ? {}
      : { idempotentRestPublishing: options.idempotentRestPublishing })
  })

const publishOne = (rest: Rest.Service, channel: string, data: unknown = "hello") =>
  Effect.map(rest.channel(channel).publish("m", data), (result) => result.serials[0]!)

const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

describe.each(protocols)("annotations (useBinaryProtocol: $useBinaryProtocol)", ({ useBinaryProtocol }) => {
  it.effect("RSAN1/RSAN2/RSAN3 - publish by serial or message, delete, get; TAN2 fields and actions", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol })
      const channel = rest.channel("mutable:chat")
      const serial = yield* publishOne(rest, "mutable:chat")
      const message = yield* channel.getMessage(serial)
      yield* channel.annotations.publish(serial, { type: "reactions:distinct.v1", name: "👍", clientId: "alice" })
      yield* channel.annotations.publish(message, {
        type: "reactions:distinct.v1",
        name: "👍",
        clientId: "bob",
        data: { note: "nice" },
        extras: { headers: { k: "v" } }
      })
      yield* channel.annotations.delete(message, { type: "reactions:distinct.v1", name: "👍", clientId: "alice" })

      const annotations = yield* collect(channel.annotations.get(serial))
      expect(annotations.map((a) => [a.action, a.clientId, a.name, a.type, a.messageSerial])).toEqual([
        ["annotation.create", "alice", "👍", "reactions:distinct.v1", serial],
        ["annotation.create", "bob", "👍", "reactions:distinct.v1", serial],
        ["annotation.delete", "alice", "👍", "reactions:distinct.v1", serial]
      ])
      expect(annotations[1]!.data).toEqual({ note: "nice" })
      expect(annotations[1]!.extras).toEqual({ headers: { k: "v" } })
      expect(annotations[1]!.encoding).toBeUndefined()
      for (const annotation of annotations) {
        expect(typeof annotation.id).toBe("string")
        expect(annotation.serial > serial).toBe(true)
        expect(typeof annotation.timestamp).toBe("number")
      }
      // Serials are totally ordered, in publish order.
      expect([...annotations.map((a) => a.serial)].sort()).toEqual(annotations.map((a) => a.serial))

      // TM2u/TM7: the summary on the message, read with the typed reader.
      const latest = yield* channel.getMessage(serial)
      expect(Annotation.distinct(latest.annotations.summary, "reactions:distinct.v1")).toEqual(
        Either.right(Option.some({ "👍": { total: 1, clientIds: ["bob"], clipped: false } }))
      )
      const [fromHistory] = yield* collect(channel.history())
      expect(fromHistory!.annotations).toEqual(latest.annotations)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("TM7 - each summarisation method as the emulator rolls it up, read with its typed reader", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol })
      const annotations = rest.channel("mutable:sums").annotations
      const serial = yield* publishOne(rest, "mutable:sums")
      const publish = (annotation: Annotation.OutboundAnnotation) => annotations.publish(serial, annotation)
      yield* publish({ type: "views:total.v1" })
      yield* publish({ type: "views:total.v1" })
      yield* annotations.delete(serial, { type: "views:total.v1" })
      yield* publish({ type: "receipts:flag.v1", clientId: "alice" })
      yield* publish({ type: "receipts:flag.v1", clientId: "bob" })
      yield* publish({ type: "receipts:flag.v1", clientId: "alice" })
      yield* publish({ type: "poll:unique.v1", name: "yes", clientId: "alice" })
      yield* publish({ type: "poll:unique.v1", name: "no", clientId: "alice" })
      yield* publish({ type: "poll:unique.v1", name: "yes", clientId: "bob" })
      yield* publish({ type: "claps:multiple.v1", name: "up", clientId: "alice", count: 3 })
      yield* publish({ type: "claps:multiple.v1", name: "up", clientId: "alice" })
      yield* publish({ type: "claps:multiple.v1", name: "up", count: 2 })
      yield* publish({ type: "claps:multiple.v1", name: "up", clientId: "bob", count: 5 })
      yield* annotations.delete(serial, { type: "claps:multiple.v1", name: "up", clientId: "bob" })

      const { summary } = (yield* rest.channel("mutable:sums").getMessage(serial)).annotations
      expect(Annotation.total(summary, "views:total.v1")).toEqual(Either.right(Option.some({ total: 1 })))
      expect(Annotation.flag(summary, "receipts:flag.v1")).toEqual(
        Either.right(Option.some({ total: 2, clientIds: ["alice", "bob"], clipped: false }))
      )
      expect(Annotation.unique(summary, "poll:unique.v1")).toEqual(Either.right(Option.some({
        no: { total: 1, clientIds: ["alice"], clipped: false },
        yes: { total: 1, clientIds: ["bob"], clipped: false }
      })))
      expect(Annotation.multiple(summary, "claps:multiple.v1")).toEqual(Either.right(Option.some({
        up: { total: 6, clientIds: { alice: 4 }, totalUnidentified: 2, clipped: false, totalClientIds: 1 }
      })))
      expect(Annotation.distinct(summary, "other:distinct.v1")).toEqual(Either.right(Option.none()))
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSAN1c - data is encoded like message data and decrypted on get; fromEncoded decrypts the raw wire (TAN3)", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol })
      const key = yield* Crypto.generateRandomKey()
      const secret = rest.channel("mutable:secret", { cipher: { key } })
      const serial = yield* publishOne(rest, "mutable:secret")
      const values = ["text", { json: [1, 2] }, new Uint8Array([0, 255, 7])]
      for (const data of values) yield* secret.annotations.publish(serial, { type: "notes:total.v1", data })
      const read = yield* collect(secret.annotations.get(serial))
      expect(read.map((a) => a.data)).toEqual(values)
      expect(read.every((a) => a.encoding === undefined)).toBe(true)

      // Without the key the data stays encrypted, its cipher step left in `encoding` (RSL6b).
      const plain = yield* collect(rest.channel("mutable:secret").annotations.get(serial))
      expect(plain.every((a) => a.data instanceof Uint8Array && a.encoding?.includes("cipher+aes-256-cbc"))).toBe(true)

      // Unencrypted data round-trips as it was given.
      const open = rest.channel("mutable:chat")
      const other = yield* publishOne(rest, "mutable:chat")
      for (const data of values) yield* open.annotations.publish(other, { type: "notes:total.v1", data })
      expect((yield* collect(open.annotations.get(other))).map((a) => a.data)).toEqual(values)

      // The wire form of an encrypted annotation decodes with the same cipher (TAN3).
      const wire = {
        id: "x:0",
        action: 0,
        type: "notes:total.v1",
        serial: "s2",
        messageSerial: "s1",
        timestamp: 1,
        data: plain[0]!.data,
        encoding: plain[0]!.encoding
      }
      const decoded = yield* Annotation.fromEncoded(wire, { cipher: { key } })
      expect(decoded).toMatchObject({ action: "annotation.create", data: "text" })
      expect(decoded.encoding).toBeUndefined()
      const many = yield* Annotation.fromEncodedArray([wire, { ...wire, action: 1 }], { cipher: { key } })
      expect(many.map((a) => [a.action, a.data])).toEqual([["annotation.create", "text"], [
        "annotation.delete",
        "text"
      ]])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSAN3 - get is paginated: limit pages through a Stream and getPage", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol })
      const annotations = rest.channel("mutable:pages").annotations
      const serial = yield* publishOne(rest, "mutable:pages")
      for (let i = 0; i < 5; i++) yield* annotations.publish(serial, { type: "views:total.v1", data: `n${i}` })
      const page = yield* annotations.getPage(serial, { limit: 2 })
      expect(page.items.map((a) => a.data)).toEqual(["n0", "n1"])
      expect(page.hasNext).toBe(true)
      const all = yield* collect(annotations.get(serial, { limit: 2 }))
      expect(all.map((a) => a.data)).toEqual(["n0", "n1", "n2", "n3", "n4"])
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("annotations: inputs, ids and failures", () => {
  it.effect("RSAN1c4 - with idempotentRestPublishing an annotation gets <base>:0, fixed per Effect: a rerun is stored once", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol: false })
      const annotations = rest.channel("mutable:ids").annotations
      const serial = yield* publishOne(rest, "mutable:ids")
      const once = annotations.publish(serial, { type: "views:total.v1" })
      yield* once
      yield* once
      const stored = yield* collect(annotations.get(serial))
      expect(stored).toHaveLength(1)
      expect(stored[0]!.id).toMatch(/^[A-Za-z0-9_-]{12}:0$/)
      // A caller's id is sent as it is.
      yield* annotations.publish(serial, { type: "views:total.v1", id: "mine:7" })
      expect((yield* collect(annotations.get(serial))).map((a) => a.id)).toContain("mine:7")

      const { rest: plain } = yield* client({ useBinaryProtocol: false, idempotentRestPublishing: false })
      const plainAnnotations = plain.channel("mutable:ids").annotations
      const other = yield* publishOne(plain, "mutable:ids")
      const twice = plainAnnotations.publish(other, { type: "views:total.v1" })
      yield* twice
      yield* twice
      expect(yield* collect(plainAnnotations.get(other))).toHaveLength(2)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSAN1 - the caller's annotation and message are never changed (frozen inputs work)", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol: false })
      const channel = rest.channel("mutable:frozen")
      const serial = yield* publishOne(rest, "mutable:frozen")
      const message = Object.freeze({ serial })
      const data = Object.freeze({ deep: Object.freeze([1]) })
      const annotation = Object.freeze({ type: "reactions:distinct.v1", name: "x", clientId: "alice", data })
      const before = JSON.stringify(annotation)
      yield* channel.annotations.publish(message, annotation)
      yield* channel.annotations.delete(message, annotation)
      expect(JSON.stringify(annotation)).toBe(before)
      expect(Object.keys(annotation)).toEqual(["type", "name", "clientId", "data"])
      expect(message).toEqual({ serial })
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSAN1a3/RSAN3 - no serial, no type or a non-object annotation fail with 40003 before anything is sent", () =>
    Effect.gen(function*() {
      const { emulator, rest } = yield* client({ useBinaryProtocol: false })
      const annotations = rest.channel("mutable:bad").annotations
      const serial = yield* publishOne(rest, "mutable:bad")
      yield* emulator.faults.clearRequests
      const failures = [
        annotations.publish({}, { type: "views:total.v1" }),
        annotations.publish("", { type: "views:total.v1" }),
        annotations.delete({ serial: 5 } as never, { type: "views:total.v1" }),
        annotations.publish(serial, { name: "no type" } as never),
        annotations.publish(serial, { type: "" }),
        annotations.publish(serial, "thumbs" as never),
        annotations.publish(serial, { type: "views:total.v1", count: "2" } as never),
        annotations.getPage({ serial: undefined }),
        annotations.getPage(serial, { limit: 0 })
      ]
      for (const failure of failures) {
        expect(codeOf(yield* Effect.flip(failure))).toEqual({ code: 40003, statusCode: 400 })
      }
      expect(codeOf(yield* Effect.flip(annotations.publish(serial, { type: "t:total.v1", data: 5 })))).toEqual({
        code: 40013,
        statusCode: 400
      })
      expect(yield* emulator.faults.requests).toEqual([])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSAN1/RSAN3 - 93002 outside a mutable namespace, 40160 without the capability, 40400 for an unknown message", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol: false })
      const serial = yield* publishOne(rest, "plain")
      const notEnabled = yield* Effect.flip(rest.channel("plain").annotations.publish(serial, { type: "v:total.v1" }))
      expect(codeOf(notEnabled)).toEqual({ code: 93002, statusCode: 400 })
      expect(codeOf(yield* Effect.flip(rest.channel("plain").annotations.getPage(serial)))).toEqual({
        code: 93002,
        statusCode: 400
      })
      const unknown = yield* Effect.flip(rest.channel("mutable:x").annotations.publish("nope", { type: "v:total.v1" }))
      expect(codeOf(unknown)).toEqual({ code: 40400, statusCode: 404 })

      const readOnly = yield* client({
        useBinaryProtocol: false,
        capability: { "mutable:*": ["publish", "history", "annotation-subscribe"] }
      })
      const theirs = yield* publishOne(readOnly.rest, "mutable:caps")
      const denied = yield* Effect.flip(
        readOnly.rest.channel("mutable:caps").annotations.publish(theirs, { type: "v:total.v1" })
      )
      expect(codeOf(denied)).toEqual({ code: 40160, statusCode: 401 })
      expect(yield* collect(readOnly.rest.channel("mutable:caps").annotations.get(theirs))).toEqual([])

      const writeOnly = yield* client({
        useBinaryProtocol: false,
        capability: { "mutable:*": ["publish", "annotation-publish"] }
      })
      const mine = yield* publishOne(writeOnly.rest, "mutable:caps")
      yield* writeOnly.rest.channel("mutable:caps").annotations.publish(mine, { type: "v:total.v1" })
      const unread = yield* Effect.flip(writeOnly.rest.channel("mutable:caps").annotations.getPage(mine))
      expect(codeOf(unread)).toEqual({ code: 40160, statusCode: 401 })
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("TM2u - a message without annotations reads { summary: {} }", () =>
    Effect.gen(function*() {
      const { rest } = yield* client({ useBinaryProtocol: false })
      const serial = yield* publishOne(rest, "mutable:none")
      expect((yield* rest.channel("mutable:none").getMessage(serial)).annotations).toEqual({ summary: {} })
      const [message] = yield* collect(rest.channel("mutable:none").history())
      expect(message!.annotations).toEqual({ summary: {} })
    }).pipe(Effect.provide(Emulator.layer)))
})
