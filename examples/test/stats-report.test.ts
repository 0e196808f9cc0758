import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { day, report, seed } from "../stats-report.js"

describe("examples/stats-report.ts", () => {
  it.effect("RSC6: a day of hourly stats, oldest first, with totals and the busiest hour", () =>
    Effect.gen(function*() {
      yield* seed
      const result = yield* report(day, day + 23 * 3_600_000)
      expect(result.hours).toHaveLength(24)
      expect(result.hours[0]).toEqual({ hour: "2024-05-01:00", messages: 0, peakConnections: 0 })
      expect(result.hours[23]).toEqual({ hour: "2024-05-01:23", messages: 230, peakConnections: 23 })
      expect(result.totalMessages).toBe(10 * (23 * 24) / 2 + 500)
      expect(result.busiestHour).toBe("2024-05-01:15")
      // The window is respected, its end included: 12:00 to 17:00.
      const afternoon = yield* report(day + 12 * 3_600_000, day + 17 * 3_600_000)
      expect(afternoon.hours.map((line) => line.hour)).toEqual(
        ["12", "13", "14", "15", "16", "17"].map((hour) => `2024-05-01:${hour}`)
      )
    }).pipe(Effect.provide(Emulator.layerRest())))
})
