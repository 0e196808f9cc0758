/**
 * TP2/TP3/TP4: the PresenceMessage wire Schema and decoding, against ably-common's
 * presence-messages-encoding.json (numeric actions 0–4 and every payload encoding).
 */
import { PresenceMessage } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as PresenceDecode from "../../src/internal/presence/PresenceDecode.js"
import { encodingCases, expectedOf } from "../encoding/fixtures.js"

const cases = encodingCases("presence-messages-encoding.json")

describe("PresenceMessage", () => {
  it("TP2 - actions are numbers on the wire and names in the API, both ways", () => {
    const decode = Schema.decodeUnknownSync(PresenceMessage.PresenceAction)
    const encode = Schema.encodeSync(PresenceMessage.PresenceAction)
    expect([0, 1, 2, 3, 4].map((n) => decode(n))).toEqual(["absent", "present", "enter", "leave", "update"])
    expect(PresenceMessage.actionNames.map((name) => encode(name))).toEqual([0, 1, 2, 3, 4])
    // RSF1: an action from a newer protocol does not break decoding.
    expect(decode(9)).toBe("unknown")
  })

  it.effect("TP4 - every fixture decodes with its action and payload (presence-messages-encoding.json)", () =>
    Effect.gen(function*() {
      expect(cases).toHaveLength(5)
      for (const [index, fixture] of cases.entries()) {
        const wire = {
          id: `conn:1:${index}`,
          clientId: "c",
          connectionId: "conn",
          action: fixture.action,
          data: fixture.data,
          encoding: fixture.encoding ?? undefined
        }
        const decoded = yield* PresenceDecode.fromEncoded(wire)
        expect(decoded.action).toBe(PresenceMessage.actionNames[fixture.action!])
        expect(decoded.data).toEqual(expectedOf(fixture))
        expect(decoded.encoding).toBeUndefined()
        expect(decoded.id).toBe(`conn:1:${index}`)
      }
      const all = yield* PresenceDecode.fromEncodedArray(
        cases.map((fixture) => ({
          action: fixture.action,
          data: fixture.data,
          encoding: fixture.encoding ?? undefined
        }))
      )
      expect(all.map((m) => m.data)).toEqual(cases.map(expectedOf))
    }))

  it.effect("TP4 - a value that is not a presence message fails with 40013", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(PresenceDecode.fromEncoded({ action: "enter", clientId: 42 }))
      expect(error).toMatchObject({ _tag: "AblyError", code: 40013, statusCode: 400 })
      const notArray = yield* Effect.flip(PresenceDecode.fromEncodedArray({ action: 1 }))
      expect(notArray.code).toBe(40013)
    }))

  it("TP3h - memberKey is connectionId:clientId", () => {
    expect(PresenceMessage.memberKey({ connectionId: "c1", clientId: "alice" })).toBe("c1:alice")
    expect(PresenceMessage.memberKey({ connectionId: "c2", clientId: "alice" })).not.toBe(
      PresenceMessage.memberKey({ connectionId: "c1", clientId: "alice" })
    )
  })
})
