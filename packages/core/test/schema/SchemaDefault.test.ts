/**
 * `withDefault` is `Schema.optionalWith(self, { default })` rebuilt from smaller primitives: on
 * any input both decode, encode and construct alike, and their JSON Schemas are equal.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as JSONSchema from "effect/JSONSchema"
import * as Schema from "effect/Schema"
import { withDefault } from "../../src/internal/SchemaDefault.js"

const cases = [
  ["boolean", Schema.Boolean, () => true],
  ["positive int", Schema.Int.pipe(Schema.positive()), () => 10_000],
  ["literal", Schema.Literal("GET", "POST"), () => "GET" as const],
  ["nullable string", Schema.NullOr(Schema.String), () => null],
  ["array", Schema.Array(Schema.NullOr(Schema.String)), () => []],
  ["record", Schema.Record({ key: Schema.String, value: Schema.Unknown }), () => ({})],
  ["transformation", Schema.NumberFromString, () => 0]
] as const

const inputs = FastCheck.oneof(
  FastCheck.constant({}),
  FastCheck.record({ value: FastCheck.anything() }),
  FastCheck.record({
    value: FastCheck.oneof(
      FastCheck.constant(undefined),
      FastCheck.constant(null),
      FastCheck.boolean(),
      FastCheck.integer(),
      FastCheck.double(),
      FastCheck.constantFrom("GET", "POST", "1", "x"),
      FastCheck.array(FastCheck.oneof(FastCheck.string(), FastCheck.constant(null))),
      FastCheck.dictionary(FastCheck.string(), FastCheck.anything())
    )
  })
)

const outcome = <A>(result: Either.Either<A, unknown>) =>
  Either.isRight(result) ? { right: result.right } : { left: String(result.left) }

describe("withDefault", () => {
  for (const [name, schema, defaultValue] of cases) {
    const ours = Schema.Struct({ value: withDefault<unknown, unknown, never>(schema, defaultValue) })
    const effects = Schema.Struct({
      value: Schema.optionalWith<typeof schema, { default: () => unknown }>(schema, { default: defaultValue })
    })
    it(`decodes, encodes and constructs as Schema.optionalWith does (${name})`, () => {
      FastCheck.assert(
        FastCheck.property(inputs, (input) => {
          expect(outcome(Schema.decodeUnknownEither(ours)(input))).toEqual(
            outcome(Schema.decodeUnknownEither(effects)(input))
          )
          expect(outcome(Schema.encodeUnknownEither(ours)(input))).toEqual(
            outcome(Schema.encodeUnknownEither(effects)(input))
          )
        }),
        { numRuns: 300 }
      )
      expect(ours.make({})).toEqual(effects.make({}))
      expect(JSONSchema.make(ours)).toEqual(JSONSchema.make(effects))
    })
  }
})
