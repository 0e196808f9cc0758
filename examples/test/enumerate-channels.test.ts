import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { run } from "../enumerate-channels.js"

describe("examples/enumerate-channels.ts", () => {
  it.live("5000 active channels → one NDJSON line for each kept one (one in five), 5 pages of 1000", () =>
    Effect.gen(function*() {
      const outcome = yield* run({ channels: 5_000, concurrency: 8, faults: false })
      expect(outcome).toMatchObject({ lines: 1_000, distinctChannels: 1_000, pagesFetched: 5 })
    }))

  it.live("with empty and short pages, repeated names and a 40011 restart: still each kept channel once", () =>
    Effect.gen(function*() {
      const outcome = yield* run({ channels: 5_000, concurrency: 8, faults: true })
      expect(outcome.lines).toBe(1_000)
      expect(outcome.distinctChannels).toBe(1_000)
      expect(outcome.pagesFetched).toBeGreaterThan(5)
    }))
})
