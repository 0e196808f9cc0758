import { describe, expect, it } from "@effect/vitest"
import { Capability } from "../src/index.js"

describe("Capability algebra for tokens", () => {
  it("covers compares patterns: '*' ⊇ 'ns:*' ⊇ 'ns:a', '[*]*' ⊇ everything, qualifiers must agree", () => {
    const cases: ReadonlyArray<readonly [wider: string, narrower: string, expected: boolean]> = [
      ["*", "*", true],
      ["*", "ns:*", true],
      ["*", "news", true],
      ["ns:*", "ns:a", true],
      ["ns:*", "ns:a:*", true],
      ["ns:*", "*", false],
      ["ns:*", "other:*", false],
      ["news", "*", false],
      ["*", "[meta]x", false],
      ["[*]*", "*", true],
      ["[*]*", "[meta]x", true],
      ["[*]*", "[*]news", true],
      ["[meta]*", "[meta]x", true],
      ["[meta]*", "[*]*", false],
      ["[meta]*", "x", false]
    ]
    for (const [wider, narrower, expected] of cases) {
      expect(Capability.covers(wider, narrower), `${wider} ⊇ ${narrower}`).toBe(expected)
    }
  })

  it("intersect keeps the narrower resource with the operations both allow", () => {
    expect(Capability.intersect({ "*": ["*"] }, { a: ["publish"], "b:*": ["subscribe"] })).toEqual({
      a: ["publish"],
      "b:*": ["subscribe"]
    })
    expect(Capability.intersect({ "b:x": ["publish", "subscribe"] }, { "b:*": ["subscribe"], "*": ["history"] }))
      .toEqual({
        "b:x": ["subscribe"]
      })
    expect(Capability.intersect({ a: ["publish"] }, { b: ["publish"] })).toEqual({})
    expect(Capability.intersect({ "[*]*": ["*"] }, { "*": ["history"] })).toEqual({ "*": ["history"] })
    // Resource names come from requests: `__proto__` is just a channel name.
    const withProto = Capability.intersect({ ["__proto__"]: ["publish"] }, { "*": ["*"] })
    expect(Object.hasOwn(withProto, "__proto__")).toBe(true)
    expect(Capability.canonical(withProto)).toBe("{\"__proto__\":[\"publish\"]}")
    expect(Capability.isEmpty(Capability.intersect({ a: ["publish"] }, { a: ["subscribe"] }))).toBe(true)
  })

  it("canonical sorts resources and operations and drops duplicates and whitespace", () => {
    expect(Capability.canonical({ z: ["subscribe", "publish", "publish"], a: ["*"] })).toBe(
      "{\"a\":[\"*\"],\"z\":[\"publish\",\"subscribe\"]}"
    )
  })
})
