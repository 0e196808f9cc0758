/**
 * Code loaded on first use (`internal/Lazy.ts`): the optional parts of the client are
 * imported once, a failed import is a typed 50000 error that the next run retries, and a
 * retried call runs the same inner Effect.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Lazy from "../src/internal/Lazy.js"

describe("Lazy", () => {
  it.effect("imports once however many runs, concurrent ones included", () =>
    Effect.gen(function*() {
      let imports = 0
      const module = Lazy.module("test", async () => {
        imports++
        await new Promise((resolve) => setTimeout(resolve, 5))
        return { value: 42 }
      })
      const values = yield* Effect.all(Array.from({ length: 10 }, () => module), { concurrency: "unbounded" })
      expect(values.map((loaded) => loaded.value)).toEqual(Array(10).fill(42))
      yield* module
      expect(imports).toBe(1)
    }))

  it.effect("a failed import is an AblyError 50000 naming the part; the next run imports again", () =>
    Effect.gen(function*() {
      let attempts = 0
      const module = Lazy.module("presence", () => {
        attempts++
        return attempts === 1 ? Promise.reject(new Error("chunk fetch failed")) : Promise.resolve({ ok: true })
      })
      const error = yield* Effect.flip(module)
      expect([error._tag, error.code, error.statusCode]).toEqual(["AblyError", 50000, 500])
      expect(error.message).toContain("presence")
      expect((yield* module).ok).toBe(true)
      expect(attempts).toBe(2)
    }))

  it.effect("built: one value per owner; call: a retry reruns the same inner Effect", () =>
    Effect.gen(function*() {
      let builds = 0
      let inners = 0
      const built = Lazy.built(Lazy.module("test", () => Promise.resolve({ make: () => ({ n: ++builds }) })), (m) =>
        m.make())
      const call = Lazy.call(built, () => {
        inners++
        return Effect.succeed(inners)
      })
      expect([yield* call, yield* call, yield* call]).toEqual([1, 1, 1])
      expect([builds, inners]).toEqual([1, 1])
    }))
})
