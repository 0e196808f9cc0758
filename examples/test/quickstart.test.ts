import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { program } from "../quickstart.js"

describe("examples/quickstart.ts", () => {
  it.effect("publishes three messages, reads them back in order over two-message pages, reads the time", () =>
    Effect.gen(function*() {
      const outcome = yield* program
      expect(outcome).toMatchObject({ published: 3, history: ["greeting", "order", "bytes"] })
      expect(typeof outcome.time).toBe("number")
    }).pipe(Effect.provide(Emulator.layerRest())))
})
