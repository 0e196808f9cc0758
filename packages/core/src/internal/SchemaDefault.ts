/**
 * `Schema.optionalWith(schema, { default })` built from the smaller primitives it uses itself
 * (`optionalToRequired` over `UndefinedOr`, `withConstructorDefault`): the same property
 * signature AST, so the same decoding, encoding, constructor default and JSON Schema. Effect's
 * `optionalWith` handles every combination of its options in one function, 2 KiB minified that a
 * bundle loads with `effect/Schema` as soon as one Schema anywhere in the app (a lazily loaded
 * part included) uses it.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"

/**
 * An optional property that decodes a missing or `undefined` value as `defaultValue()` and has
 * that constructor default, as `Schema.optionalWith(self, { default: defaultValue })` does.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { withDefault } from "./SchemaDefault.js"
 * import { Schema } from "effect"
 * const Options = Schema.Struct({ tls: withDefault(Schema.Boolean, () => true) })
 * Schema.decodeUnknownSync(Options)({}) // { tls: true }
 */
export const withDefault = <A, I, R>(
  self: Schema.Schema<A, I, R>,
  defaultValue: () => NoInfer<A>
): Schema.PropertySignature<":", A, never, "?:", I | undefined, true, R> =>
  Schema.optionalToRequired(Schema.UndefinedOr(self), Schema.typeSchema(self), {
    decode: Option.match({ onNone: defaultValue, onSome: (a) => a === undefined ? defaultValue() : a }),
    encode: Option.some
  }).pipe(Schema.withConstructorDefault(defaultValue))
