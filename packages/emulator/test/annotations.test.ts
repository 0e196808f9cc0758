import { describe, expect, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { layer as emulatorLayer } from "../src/index.js"
import type { StoredAnnotation } from "../src/state/Annotations.js"
import * as AnnotationSummary from "../src/state/AnnotationSummary.js"
import {
  call,
  createTestApp,
  decodeError,
  decodeMessages,
  decodePublish,
  keyOf,
  linkTarget,
  messagesPath
} from "./support.js"

const WireAnnotations = Schema.Array(Schema.Struct({
  id: Schema.String,
  action: Schema.Literal(0, 1),
  type: Schema.String,
  serial: Schema.String,
  messageSerial: Schema.String,
  timestamp: Schema.Number,
  name: Schema.optional(Schema.String),
  clientId: Schema.optional(Schema.String),
  data: Schema.optional(Schema.Unknown),
  encoding: Schema.optional(Schema.String)
}))
const decodeAnnotations = Schema.decodeUnknownSync(WireAnnotations)

// The raw annotation routes, as any SDK's own tests would drive them.
layer(emulatorLayer)("annotations over raw HTTP", (it) => {
  describe("RSAN1 / RSAN2 / RSAN3", () => {
    it.effect("POST takes an array of annotations (201), GET pages them in serial order with Link headers", () =>
      Effect.gen(function*() {
        const key = keyOf(yield* createTestApp, 0)
        const path = messagesPath("mutable:raw-annotations")
        const serial = decodePublish((yield* call("POST", path, { key, body: [{ name: "n", data: "a" }] })).body)
          .serials[0]!
        const target = `${path}/${encodeURIComponent(serial)}/annotations`
        const single = yield* call("POST", target, { key, body: [{ action: 0, type: "v:total.v1", data: "one" }] })
        expect(single.status).toBe(201)
        const many = yield* call("POST", target, {
          key,
          protocol: "msgpack",
          body: [{ action: 0, type: "v:total.v1", data: new Uint8Array([1]) }, { action: 1, type: "v:total.v1" }]
        })
        expect(many.status).toBe(201)
        const first = yield* call("GET", `${target}?limit=2`, { key })
        const items = decodeAnnotations(first.body)
        expect(items.map((a) => [a.action, a.data, a.encoding, a.messageSerial])).toEqual([
          [0, "one", undefined, serial],
          [0, "AQ==", "base64", serial]
        ])
        const next = linkTarget(first.headers["link"], "next")
        expect(next).toMatch(/^\.\/annotations\?limit=2&cursor=/)
        // `./annotations?…` is relative to the annotations path itself.
        const second = decodeAnnotations(
          (yield* call("GET", `${target}${next!.slice("./annotations".length)}`, { key }))
            .body
        )
        expect(second.map((a) => a.action)).toEqual([1])
        expect([...items, ...second].map((a) => a.serial)).toEqual([...items, ...second].map((a) => a.serial).sort())
        const [message] = decodeMessages([(yield* call("GET", `${path}/${encodeURIComponent(serial)}`, { key })).body])
        expect(message!.annotations).toEqual({ summary: { "v:total.v1": { total: 1 } } })
      }))

    it.effect("as Ably: a bare object or no action is 40001; any type is taken, summarised only for a known method; 40003 for a missing name or an unidentified flag", () =>
      Effect.gen(function*() {
        const key = keyOf(yield* createTestApp, 0)
        const path = messagesPath("mutable:raw-annotation-errors")
        const serial = decodePublish((yield* call("POST", path, { key, body: [{ data: "a" }] })).body).serials[0]!
        const target = `${path}/${encodeURIComponent(serial)}/annotations`
        const codes: Array<unknown> = []
        for (
          const body of [
            { action: 0, type: "com.ably.reactions", name: "like" },
            [{ type: "com.ably.reactions", name: "like" }],
            [{ action: 0, name: "no type" }],
            [{ action: 0, type: "" }],
            [{ action: 0, type: "reactions:distinct.v1", clientId: "alice" }],
            [{ action: 0, type: "receipts:flag.v1" }],
            [{ action: 0, type: "claps:multiple.v1", name: "up", count: -1 }]
          ]
        ) {
          const reply = yield* call("POST", target, { key, body })
          codes.push([reply.status, decodeError(reply.body).error.code])
        }
        expect(codes).toEqual([
          [400, 40001],
          [400, 40001],
          [400, 40001],
          [400, 40003],
          [400, 40003],
          [400, 40003],
          [400, 40003]
        ])
        // The sandbox's own test types: taken, listed, and not summarised (no known method).
        for (const type of ["com.ably.reactions", "reactions:nope.v1"]) {
          const taken = yield* call("POST", target, { key, body: [{ action: 0, type, name: "like" }] })
          expect([type, taken.status]).toEqual([type, 201])
        }
        const listed = decodeAnnotations((yield* call("GET", target, { key })).body)
        expect(listed.map((a) => [a.type, a.name, a.action])).toEqual([
          ["com.ably.reactions", "like", 0],
          ["reactions:nope.v1", "like", 0]
        ])
        const [annotated] = decodeMessages([
          (yield* call("GET", `${path}/${encodeURIComponent(serial)}`, { key })).body
        ])
        expect(annotated!.annotations).toEqual({ summary: {} })
        const unknown = yield* call("GET", `${path}/nope/annotations`, { key })
        expect([unknown.status, decodeError(unknown.body).error.code]).toEqual([404, 40400])
        const plain = yield* call("POST", `${messagesPath("plain")}/${encodeURIComponent(serial)}/annotations`, {
          key,
          body: [{ action: 0, type: "v:total.v1" }]
        })
        expect([plain.status, decodeError(plain.body).error.code]).toEqual([400, 93002])
      }))
  })
})

const event = (
  serial: number,
  fields: Partial<StoredAnnotation> & Pick<StoredAnnotation, "type">
): StoredAnnotation => ({
  id: `id${serial}:0`,
  action: "annotation.create",
  serial: String(serial).padStart(4, "0"),
  messageSerial: "m",
  timestamp: serial,
  ...fields
})

describe("TM7 - summaries as the emulator rolls them up", () => {
  it("a delete takes back exactly the client's contribution; a type once annotated stays", () => {
    const summary = AnnotationSummary.summarize([
      event(1, { type: "r:distinct.v1", name: "a", clientId: "x" }),
      event(2, { type: "r:distinct.v1", name: "a", clientId: "x" }),
      event(3, { type: "r:distinct.v1", name: "b", clientId: "x" }),
      event(4, { type: "r:distinct.v1", name: "a", clientId: "x", action: "annotation.delete" }),
      event(5, { type: "t:total.v1", action: "annotation.delete" }),
      event(6, { type: "f:flag.v1", clientId: "x" }),
      event(7, { type: "f:flag.v1", clientId: "x", action: "annotation.delete" })
    ])
    expect(summary).toEqual({
      "r:distinct.v1": { b: { total: 1, clientIds: ["x"], clipped: false } },
      "t:total.v1": { total: 0 },
      "f:flag.v1": { total: 0, clientIds: [], clipped: false }
    })
  })
})
