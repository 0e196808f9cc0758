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

// The same property built by withDefault and by Schema.optionalWith, compared on any input.
const check = <A, I>(name: string, schema: Schema.Schema<A, I>, defaultValue: () => A) => {
  const ours = Schema.Struct({ value: withDefault(schema, defaultValue) })
  const effects = Schema.Struct({ value: Schema.optionalWith(schema, { default: defaultValue }) })
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

describe("withDefault", () => {
  check("boolean", Schema.Boolean, () => true)
  check("positive int", Schema.Int.pipe(Schema.positive()), () => 10_000)
  check("literal", Schema.Literal("GET", "POST"), () => "GET" as const)
  check("nullable string", Schema.NullOr(Schema.String), () => null)
  check("array", Schema.Array(Schema.NullOr(Schema.String)), () => [])
  check("record", Schema.Record({ key: Schema.String, value: Schema.Unknown }), () => ({}))
  check("transformation", Schema.NumberFromString, () => 0)
})
