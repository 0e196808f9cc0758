import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { EmulatedRest, program } from "../mutable-messages.js"

describe("examples/mutable-messages.ts", () => {
  it.effect("RSL15: append, update and delete are versions; history shows the latest", () =>
    Effect.gen(function*() {
      expect(yield* program).toEqual({
        appended: "Hello wrld",
        edited: "Hello world",
        history: ["message.delete"],
        versions: ["message.create", "message.update", "message.update", "message.delete"]
      })
    }).pipe(Effect.provide(EmulatedRest)))
})
