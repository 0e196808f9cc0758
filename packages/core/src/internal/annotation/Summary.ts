/**
 * Typed readers of the annotation summaries on a message (TM7): each summarisation method's
 * shape as a Schema, and a pure function from `message.annotations.summary` and a type to
 * that type's summary, decoded. Absent is `None`; present but not of the method's shape is an
 * `AblyError` 40013 in the `Either`; nothing throws.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { dual } from "effect/Function"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError, describeParseError } from "../../Errors.js"
import * as Input from "../Input.js"
import { withDefault } from "../SchemaDefault.js"

/**
 * The clients behind one name (distinct.v1, unique.v1) or one type (flag.v1): how many, who,
 * and whether the list was cut short (`clipped`, `false` when absent).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Annotation } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Annotation.SummaryClientIdList)({ total: 1, clientIds: ["alice"] }) // clipped: false
 */
export const SummaryClientIdList = Schema.Struct({
  total: Schema.Number,
  clientIds: Schema.Array(Schema.String),
  clipped: withDefault(Schema.Boolean, () => false)
})

/**
 * @since 0.1.0
 * @category models
 */
export type SummaryClientIdList = typeof SummaryClientIdList.Type

/**
 * The counts behind one name (multiple.v1): the sum of all counts, each client's count, the
 * sum from unidentified clients, whether the map was cut short, and how many clients there
 * are (`totalClientIds`, the map's size when absent).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Annotation } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Annotation.SummaryClientIdCounts)({ total: 3, clientIds: { alice: 2 }, totalUnidentified: 1 })
 */
export const SummaryClientIdCounts = Schema.Struct({
  total: Schema.Number,
  clientIds: Schema.Record({ key: Schema.String, value: Schema.Number }),
  totalUnidentified: withDefault(Schema.Number, () => 0),
  clipped: withDefault(Schema.Boolean, () => false),
  totalClientIds: Schema.optional(Schema.Number)
})

/**
 * @since 0.1.0
 * @category models
 */
export type SummaryClientIdCounts = typeof SummaryClientIdCounts.Type

/**
 * A total.v1 summary: how many annotations of the type there are.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Annotation } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Annotation.SummaryTotal)({ total: 42 })
 */
export const SummaryTotal = Schema.Struct({ total: Schema.Number })

/**
 * @since 0.1.0
 * @category models
 */
export type SummaryTotal = typeof SummaryTotal.Type

/**
 * A distinct.v1 or unique.v1 summary: per annotation name, the clients behind it.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Annotation } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Annotation.SummaryDistinctValues)({ "👍": { total: 1, clientIds: ["alice"] } })
 */
export const SummaryDistinctValues = Schema.Record({ key: Schema.String, value: SummaryClientIdList })

/**
 * @since 0.1.0
 * @category models
 */
export type SummaryDistinctValues = typeof SummaryDistinctValues.Type

/**
 * A multiple.v1 summary: per annotation name, the counts behind it.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Annotation } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Annotation.SummaryMultipleValues)({ up: { total: 2, clientIds: { alice: 2 } } })
 */
export const SummaryMultipleValues = Schema.Record({ key: Schema.String, value: SummaryClientIdCounts })

/**
 * @since 0.1.0
 * @category models
 */
export type SummaryMultipleValues = typeof SummaryMultipleValues.Type

/**
 * What the readers read: the `summary` of a message's `annotations` (type → raw summary).
 *
 * @since 0.1.0
 * @category models
 */
export type Summaries = Readonly<Record<string, unknown>>

/**
 * A reader of one summarisation method: data-first `(summary, type)` or data-last `(type)`.
 * `type` is the full annotation type and must end with the method (e.g.
 * `"reactions:distinct.v1"`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Reader<Method extends string, A> {
  <T extends `${string}:${Method}`>(type: T): (summary: Summaries) => Either.Either<Option.Option<A>, AblyError>
  <T extends `${string}:${Method}`>(summary: Summaries, type: T): Either.Either<Option.Option<A>, AblyError>
}

const reader = <Method extends string, A, I>(method: Method, schema: Schema.Schema<A, I>): Reader<Method, A> => {
  const decode = Schema.decodeUnknownEither(schema)
  // A summary built by hand may hold a throwing getter or proxy: that is a 40013 too, never a throw.
  const read = (summary: Summaries, type: string): Either.Either<Option.Option<A>, AblyError> => {
    if (!type.endsWith(`:${method}`)) {
      return Either.left(ablyError(40003, 400, `Annotation type ${type} does not use ${method}`))
    }
    const raw = Object.prototype.hasOwnProperty.call(summary, type) ? summary[type] : undefined
    if (raw === undefined) return Either.right(Option.none())
    return Either.mapBoth(decode(raw), {
      onLeft: (cause) =>
        ablyError(40013, 400, `Invalid ${method} summary for ${type}: ${describeParseError(cause)}`, {
          cause,
          reason: "Decode"
        }),
      onRight: Option.some
    })
  }
  return dual(
    2,
    (summary: Summaries, type: string): Either.Either<Option.Option<A>, AblyError> =>
      Input.guard(() => read(summary, type), () => Input.unreadable(`${method} summary`, 40013))
  )
}

/**
 * The distinct.v1 summary of `type`: per name, the clients that published it (each once).
 *
 * @since 0.1.0
 * @category summaries
 * @example
 * import { Annotation } from "@effect-ably/core"
 * const summary = { "reactions:distinct.v1": { "👍": { total: 2, clientIds: ["alice", "bob"] } } }
 * Annotation.distinct(summary, "reactions:distinct.v1") // Either.right(Option.some({ "👍": { total: 2, clientIds: ["alice", "bob"], clipped: false } }))
 */
export const distinct: Reader<"distinct.v1", SummaryDistinctValues> = reader("distinct.v1", SummaryDistinctValues)

/**
 * The unique.v1 summary of `type`: per name, the clients whose one name it is.
 *
 * @since 0.1.0
 * @category summaries
 * @example
 * import { Annotation } from "@effect-ably/core"
 * import { Either, Option } from "effect"
 * const votes = Annotation.unique({}, "poll:unique.v1") // Either.right(Option.none())
 */
export const unique: Reader<"unique.v1", SummaryDistinctValues> = reader("unique.v1", SummaryDistinctValues)

/**
 * The multiple.v1 summary of `type`: per name, the total count and each client's count.
 *
 * @since 0.1.0
 * @category summaries
 * @example
 * import { Annotation } from "@effect-ably/core"
 * import { pipe } from "effect"
 * const claps = pipe({ "claps:multiple.v1": { up: { total: 3, clientIds: { alice: 3 } } } }, Annotation.multiple("claps:multiple.v1"))
 */
export const multiple: Reader<"multiple.v1", SummaryMultipleValues> = reader("multiple.v1", SummaryMultipleValues)

/**
 * The flag.v1 summary of `type`: how many clients flagged the message, and who.
 *
 * @since 0.1.0
 * @category summaries
 * @example
 * import { Annotation } from "@effect-ably/core"
 * Annotation.flag({ "receipts:flag.v1": { total: 1, clientIds: ["alice"] } }, "receipts:flag.v1")
 */
export const flag: Reader<"flag.v1", SummaryClientIdList> = reader("flag.v1", SummaryClientIdList)

/**
 * The total.v1 summary of `type`: how many annotations of that type the message has.
 *
 * @since 0.1.0
 * @category summaries
 * @example
 * import { Annotation } from "@effect-ably/core"
 * Annotation.total({ "views:total.v1": { total: 42 } }, "views:total.v1") // Either.right(Option.some({ total: 42 }))
 */
export const total: Reader<"total.v1", SummaryTotal> = reader("total.v1", SummaryTotal)
