import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { options, publishWithin } from "../deadlines.js"

describe("examples/deadlines.ts", () => {
  it.effect("a publish within its deadline goes through; a deadline already reached is an outcome, and sends nothing", () =>
    Effect.gen(function*() {
      expect(yield* publishWithin("sensors", { celsius: 21.5 }, "5 seconds")).toBe("published")
      expect(yield* publishWithin("sensors", { celsius: 21.6 }, 0)).toBe("deadline reached")
      const rest = yield* Rest.Rest
      const history = yield* rest.channels.get("sensors").history().pipe(Stream.runCollect)
      expect(Array.from(history, (message) => message.data)).toEqual([{ celsius: 21.5 }])
      expect(rest.options.httpOpenTimeout).toBe(2_000)
      expect(rest.options.fallbackSchedule).toBe(options.fallbackSchedule)
    }).pipe(Effect.provide(Emulator.layerRest(options))))
})
