import { Limits } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"

const nested = (depth: number): unknown => {
  let value: unknown = 1
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { v: value }
  return value
}

describe("Limits.depthWithin", () => {
  it("accepts values exactly at the limit and refuses one level past it", () => {
    expect(Limits.depthWithin(nested(Limits.maxDepth))).toBe(true)
    expect(Limits.depthWithin(nested(Limits.maxDepth + 1))).toBe(false)
  })

  it("checks a million levels without recursion", () => {
    expect(Limits.depthWithin(nested(1_000_000))).toBe(false)
  })

  it("treats scalars and byte arrays as leaves and cycles as too deep", () => {
    expect(Limits.depthWithin("text")).toBe(true)
    expect(Limits.depthWithin([new Uint8Array(10)], 1)).toBe(true)
    const cyclic: Record<string, unknown> = {}
    cyclic["self"] = cyclic
    expect(Limits.depthWithin(cyclic)).toBe(false)
  })
})
