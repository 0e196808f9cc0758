import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { clientCases, layerCases } from "./cases.js"
import { type Outcome, outcome } from "./outcome.js"

const runClientCases = Effect.gen(function*() {
  const emulator = yield* Emulator.Emulator
  const app = yield* emulator.createApp()
  const key = app.keys[0]!.keyStr
  const clients = {
    json: yield* Effect.provide(Rest.Rest, Rest.layer({ key, useBinaryProtocol: false })),
    msgpack: yield* Effect.provide(Rest.Rest, Rest.layer({ key, useBinaryProtocol: true }))
  }
  // Key 4 of the test app has revocable tokens (RSA17).
  const revoking = yield* Effect.provide(Rest.Rest, Rest.layer({ key: app.keys[4]!.keyStr, useBinaryProtocol: false }))
  const results: Array<{ readonly label: string; readonly expected: Outcome; readonly got: Outcome }> = []
  for (const testCase of clientCases) {
    // `authorize` switches a client to token auth: those cases get a client of their own.
    const rest = testCase.label.startsWith("auth.revokeTokens")
      ? revoking
      : testCase.label.startsWith("auth.authorize")
      ? yield* Effect.provide(Rest.Rest, Rest.layer({ key, useBinaryProtocol: false }))
      : testCase.client?.useBinaryProtocol === true
      ? clients.msgpack
      : clients.json
    results.push({
      label: testCase.label,
      expected: testCase.expected,
      got: yield* outcome(() => testCase.run({ rest }))
    })
  }
  return results
})

describe("caller inputs: every public method, awkward arguments (issue 9 point 3)", () => {
  it.effect(
    `${clientCases.length} client calls: each a typed AblyError with the expected code, or a success that reached the emulator`,
    () =>
      Effect.gen(function*() {
        const results = yield* runClientCases
        const wrong = results.filter((result) => result.got !== result.expected)
        expect(wrong).toEqual([])
        expect(results.length).toBeGreaterThanOrEqual(300)
      }).pipe(Effect.provide(Emulator.layer)),
    120_000
  )

  it.effect(`${layerCases.length} Rest.layer options: each fails the layer with the expected code, never a defect`, () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const app = yield* emulator.createApp()
      const key = app.keys[0]!.keyStr
      const wrong: Array<{ readonly label: string; readonly expected: Outcome; readonly got: Outcome }> = []
      for (const testCase of layerCases) {
        const got = yield* outcome(() => {
          const given = testCase.options()
          const options = testCase.withKey && typeof given === "object" && given !== null ? { key, ...given } : given
          return Effect.flatMap(Effect.provide(Rest.Rest, Rest.layer(options as never)), (rest) => rest.time)
        })
        if (got !== testCase.expected) wrong.push({ label: testCase.label, expected: testCase.expected, got })
      }
      expect(wrong).toEqual([])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("accepted publishes really reach the emulator with what was checked", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const app = yield* emulator.createApp()
      const rest = yield* Effect.provide(Rest.Rest, Rest.layer({ key: app.keys[0]!.keyStr, useBinaryProtocol: false }))
      yield* rest.channel("reach").publish(null as never, "nameless")
      yield* rest.channel("reach").publish({ name: null, id: "given:0", foo: 1 } as never)
      yield* rest.channel("reach").publish("bytes", new Int16Array([1, -1]))
      const stored = yield* emulator.messages(app.appId, "reach")
      expect(stored.map((message) => [message.name, message.id])).toEqual([
        [undefined, expect.stringMatching(/:0$/)],
        [undefined, "given:0"],
        ["bytes", expect.stringMatching(/:0$/)]
      ])
      expect(stored[0]!.data).toBe("nameless")
      expect(stored[1]).not.toHaveProperty("foo")
      // The bytes of the view, little-endian, as ably-js sends them.
      expect(stored[2]!.data).toEqual(new Uint8Array([1, 0, 255, 255]))
    }).pipe(Effect.provide(Emulator.layer)))
})
