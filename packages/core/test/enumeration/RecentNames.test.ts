/**
 * The enumeration's de-duplication window (issue #11) against a model made of `Set`s: on
 * random runs of pages drawn from a few names (so repeats within a page and across pages are
 * common), with page sizes that grow and shrink the table, the window answers what the model
 * answers, page after page; and so it does with names longer than the tail it hashes first,
 * once it reads every character (names alike at their ends), and once it has switched to `Set`s
 * (no probe allowed).
 */
import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import * as RecentNames from "../../src/internal/enumeration/RecentNames.js"

// For each page: which names were on that page before, or on the previous page (as given).
const model = (pages: ReadonlyArray<ReadonlyArray<string>>) => {
  let previous = new Set<string>()
  return pages.map((names) => {
    const current = new Set<string>()
    const repeats = names.map((name) => {
      const repeat = previous.has(name) || current.has(name)
      current.add(name)
      return repeat
    })
    previous = current
    return repeats.includes(true) ? repeats : undefined
  })
}

const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("a", "b", "c", "room:1", "room:2", "é", "\u{1F600}", "") },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }
)
const page = fc.oneof(
  { weight: 4, arbitrary: fc.array(name, { minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.array(name, { minLength: 1, maxLength: 120 }) }
)
const run = fc.array(page, { maxLength: 12 })

// Names longer than the hashed tail: ids at the end (tails differ) or before a common suffix
// (tails alike, so the window has to read every character), from a small set so repeats happen.
const longName = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((id) => `tenant:alpha:room-${id}`),
  fc.integer({ min: 0, max: 40 }).map((id) => `room-${id}:presence-events`),
  fc.tuple(fc.string({ maxLength: 3 }), fc.constantFrom(":a-long-common-suffix", ":x")).map(([id, end]) => id + end)
)
const longRun = fc.array(fc.array(longName, { minLength: 1, maxLength: 200 }), { maxLength: 8 })

describe("RecentNames", () => {
  it("CHAN-ENUM - answers as Sets of the current and previous page do, page after page", () => {
    fc.assert(
      fc.property(run, (pages) => {
        const window = RecentNames.make()
        expect(pages.map((names) => window(names))).toEqual(model(pages))
      }),
      { numRuns: 2000 }
    )
  })

  it("CHAN-ENUM - long names, alike at their ends or not: the same answers as Sets", () => {
    fc.assert(
      fc.property(longRun, (pages) => {
        const window = RecentNames.make()
        expect(pages.map((names) => window(names))).toEqual(model(pages))
      }),
      { numRuns: 500 }
    )
  })

  it("CHAN-ENUM - names that differ only before a long common suffix: no repeat where there is none", () => {
    const window = RecentNames.make()
    for (let page = 0; page < 5; page++) {
      const names = Array.from({ length: 1000 }, (_, index) => `${page}:${index}:presence-of-the-room`)
      expect(window(names)).toBeUndefined()
    }
    expect(window(["4:999:presence-of-the-room", "3:999:presence-of-the-room"])).toEqual([true, false])
  })

  it("CHAN-ENUM - once it has switched to Sets (long probes), it still answers the same", () => {
    fc.assert(
      fc.property(run, (pages) => {
        const window = RecentNames.make(0)
        expect(pages.map((names) => window(names))).toEqual(model(pages))
      }),
      { numRuns: 1000 }
    )
  })

  it("CHAN-ENUM - distinct names over many large pages are never repeats; a name from two pages back is not one", () => {
    const window = RecentNames.make()
    for (let page = 0; page < 50; page++) {
      const names = Array.from({ length: 1000 }, (_, index) => `room:${page}:${index}`)
      expect(window(names)).toBeUndefined()
    }
    expect(window(["room:48:0"])).toBeUndefined()
    expect(window(["room:48:0", "room:49:0", "x"])).toEqual([true, false, false])
  })
})
