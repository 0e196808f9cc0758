import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { program } from "../typed-channel.js"

describe("examples/typed-channel.ts", () => {
  it.effect("publishes and reads the Schema's type; refuses bad data on both sides", () =>
    Effect.gen(function*() {
      const outcome = yield* program
      expect(outcome.read).toEqual([{ sensor: "kitchen", celsius: 21.5, at: new Date("2024-05-01T09:00:00Z") }])
      expect(outcome.refused).toBe(40013) // the Schema refused -200 °C before anything was sent
      expect(outcome.badRead).toBe(40013) // { celsius: "warm" } does not decode
    }).pipe(Effect.provide(Emulator.layerRest())))
})
