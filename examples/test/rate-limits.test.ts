import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { limitedApp, run } from "../rate-limits.js"

describe("examples/rate-limits.ts", () => {
  it.live("retry: every message published once although the server refused some", () =>
    Effect.gen(function*() {
      const outcome = yield* run("retry", 40, 5, 8).pipe(Effect.provide(Emulator.layerRest({ app: limitedApp })))
      expect(outcome).toMatchObject({ published: 200, failed: 0, distinctIds: 200 })
      expect(outcome.refusedByServer).toBeGreaterThan(0)
    }), 30_000)

  it.live(
    "limiter: every message published, none refused, paced at 50 a second after the first 25",
    () =>
      Effect.gen(function*() {
        const outcome = yield* run("limiter", 40, 2, 8).pipe(
          Effect.provide(Emulator.layerRest({ app: limitedApp, publishRateLimit: { perChannel: 50 } }))
        )
        expect(outcome).toMatchObject({ published: 80, failed: 0, distinctIds: 80, refusedByServer: 0 })
        expect(outcome.millis).toBeGreaterThanOrEqual(1_000) // 80 messages: 25 at once, 55 more at 50/s
      }),
    30_000
  )
})
