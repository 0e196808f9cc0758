import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Capability } from "../src/index.js"

describe("Capability", () => {
  it("matches exact names, '*', namespace wildcards and qualifiers", () => {
    const cases: ReadonlyArray<readonly [pattern: string, channel: string, expected: boolean]> = [
      ["news", "news", true],
      ["news", "news2", false],
      ["*", "anything:at/all", true],
      ["*", "[meta]log", false],
      ["ns:*", "ns:a", true],
      ["ns:*", "ns:a:b", true],
      ["ns:*", "ns", false],
      ["ns:*", "other:a", false],
      ["pushenabled:admin:*", "pushenabled:admin:x", true],
      ["pushenabled:admin:*", "pushenabled:x", false],
      ["[*]*", "[meta]log", true],
      ["[*]*", "plain", true],
      ["[meta]*", "[meta]log", true],
      ["[meta]*", "[other]log", false],
      ["[meta]*", "log", false],
      ["[meta]log", "[meta]log", true]
    ]
    for (const [pattern, channel, expected] of cases) {
      expect(Capability.resourceMatches(pattern, channel), `${pattern} ~ ${channel}`).toBe(expected)
    }
  })

  it("checks operations, with '*' meaning all", () => {
    const capability = { "canpublish:*": ["publish"], "channel6": ["*"] }
    expect(Capability.allows(capability, "canpublish:x", "publish")).toBe(true)
    expect(Capability.allows(capability, "canpublish:x", "history")).toBe(false)
    expect(Capability.allows(capability, "channel6", "history")).toBe(true)
    expect(Capability.allows(Capability.fullAccess, "[meta]x", "publish")).toBe(false)
  })

  it.effect("parses JSON capabilities; absent means full access; invalid is 40000", () =>
    Effect.gen(function*() {
      expect(yield* Capability.parse(undefined)).toEqual({ "*": ["*"] })
      expect(yield* Capability.parse("{ \"a:*\": [\"publish\"] }")).toEqual({ "a:*": ["publish"] })
      const invalid = yield* Effect.flip(Capability.parse("{ \"a\": \"publish\" }"))
      expect(invalid.code).toBe(40000)
      expect(invalid.statusCode).toBe(400)
    }))
})
