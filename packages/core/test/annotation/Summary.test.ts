/**
 * The typed summary readers (TM7) as pure functions: well-formed summaries decode with their
 * defaults, absent types are `None`, anything else is a 40013 in the `Either`, and no input
 * makes them throw.
 */
import { Annotation, type Errors } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { pipe } from "effect/Function"
import * as Option from "effect/Option"
import fc from "fast-check"

const clientIds = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 5 })
const clientIdList = fc.record({ total: fc.nat(), clientIds, clipped: fc.option(fc.boolean(), { nil: undefined }) }, {
  requiredKeys: ["total", "clientIds"]
})
const clientIdCounts = fc.record({
  total: fc.nat(),
  clientIds: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.nat()),
  totalUnidentified: fc.option(fc.nat(), { nil: undefined }),
  clipped: fc.option(fc.boolean(), { nil: undefined })
}, { requiredKeys: ["total", "clientIds"] })
const names = <A>(value: fc.Arbitrary<A>) =>
  fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), value, { maxKeys: 4 })

// What the readers give for a well-formed value: the value with `clipped`/`totalUnidentified` defaults.
const withListDefaults = (list: { clipped?: boolean | undefined }) => ({ ...list, clipped: list.clipped ?? false })
const withCountDefaults = (counts: { clipped?: boolean | undefined; totalUnidentified?: number | undefined }) => ({
  ...counts,
  clipped: counts.clipped ?? false,
  totalUnidentified: counts.totalUnidentified ?? 0
})
const mapValues = <A, B>(record: Readonly<Record<string, A>>, f: (a: A) => B) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]))

const drop = <A extends object>(value: A): A => JSON.parse(JSON.stringify(value)) // leaves out the undefined fields, as the wire does

describe("TM7 - annotation summary readers", () => {
  it("distinct.v1/unique.v1 decode per-name client lists, clipped false by default", () => {
    fc.assert(
      fc.property(names(clientIdList), (entry) => {
        const summary = { "r:distinct.v1": drop(entry), "p:unique.v1": drop(entry) }
        const expected = Either.right(Option.some(mapValues(drop(entry), withListDefaults)))
        expect(Annotation.distinct(summary, "r:distinct.v1")).toEqual(expected)
        expect(Annotation.unique(summary, "p:unique.v1")).toEqual(expected)
      })
    )
  })

  it("multiple.v1 decodes per-name counts; flag.v1 a client list; total.v1 a total", () => {
    fc.assert(
      fc.property(names(clientIdCounts), clientIdList, fc.nat(), (entry, flagged, total) => {
        const summary = { "c:multiple.v1": drop(entry), "f:flag.v1": drop(flagged), "t:total.v1": { total } }
        expect(Annotation.multiple(summary, "c:multiple.v1")).toEqual(
          Either.right(Option.some(mapValues(drop(entry), withCountDefaults)))
        )
        expect(Annotation.flag(summary, "f:flag.v1")).toEqual(
          Either.right(Option.some(withListDefaults(drop(flagged))))
        )
        expect(pipe(summary, Annotation.total("t:total.v1"))).toEqual(Either.right(Option.some({ total })))
      })
    )
  })

  it("an absent type is None; another summary's shape is a 40013; no value makes a reader throw", () => {
    expect(Annotation.flag({}, "f:flag.v1")).toEqual(Either.right(Option.none()))
    const wrong = Annotation.total({ "t:total.v1": { total: "many" } }, "t:total.v1")
    expect(Either.isLeft(wrong) && wrong.left.code).toBe(40013)
    // A type of another method is refused even at run time (the static type forbids it).
    const mismatched = Annotation.flag({}, "r:distinct.v1" as "r:flag.v1")
    expect(Either.isLeft(mismatched) && mismatched.left.code).toBe(40003)
    const throwing = new Proxy({}, {
      get: () => {
        throw new Error("trap")
      },
      getOwnPropertyDescriptor: () => {
        throw new Error("trap")
      }
    })
    const readers: ReadonlyArray<
      (summary: Annotation.Summaries) => Either.Either<Option.Option<unknown>, Errors.AblyError>
    > = [
      Annotation.distinct("a:distinct.v1"),
      Annotation.unique("a:unique.v1"),
      Annotation.multiple("a:multiple.v1"),
      Annotation.flag("a:flag.v1"),
      Annotation.total("a:total.v1")
    ]
    for (const read of readers) expect(Either.isLeft(read(throwing))).toBe(true)
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const types = ["a:distinct.v1", "a:unique.v1", "a:multiple.v1", "a:flag.v1", "a:total.v1"]
        for (const [index, read] of readers.entries()) {
          const result = read({ [types[index]!]: value })
          expect(Either.isEither(result)).toBe(true)
          if (Either.isLeft(result)) expect(result.left.code).toBe(40013)
        }
      })
    )
  })
})
