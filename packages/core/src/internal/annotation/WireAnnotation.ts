/**
 * The wire shape of an annotation (TAN2) as Schemas: its action and fields, `data` still
 * encoded. `Annotation` re-exports them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { numbered } from "../message/Action.js"
import { Extras } from "../message/WireMessage.js"
import { withDefault } from "../SchemaDefault.js"

/**
 * Annotation actions in wire order (TAN2b): the index is the number on the wire.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { Annotation } from "@effect-ably/core"
 * Annotation.actionNames.indexOf("annotation.delete") // 1
 */
export const actionNames = ["annotation.create", "annotation.delete"] as const

/**
 * The action of an annotation: a number on the wire (0 create, 1 delete), a name in the API,
 * as ably-js exposes it; unknown numbers decode to `"unknown"` (RSF1).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Annotation } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Annotation.AnnotationAction)(1) // "annotation.delete"
 */
export const AnnotationAction = numbered(actionNames)

/**
 * @since 0.1.0
 * @category models
 */
export type AnnotationAction = typeof AnnotationAction.Type

/**
 * The fields of an annotation as they travel (TAN2). Ably sets `id`, `serial`,
 * `messageSerial`, `type` and `timestamp` on every annotation it answers; `action` is
 * `annotation.create` when absent. `data` is still encoded; unknown fields are ignored.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Annotation } from "@effect-ably/core"
 * import { Schema } from "effect"
 * const wire = Schema.decodeUnknownSync(Annotation.WireAnnotation)({
 *   id: "a:0", action: 0, type: "reactions:distinct.v1", name: "👍", serial: "s2", messageSerial: "s1", timestamp: 1
 * })
 */
export const WireAnnotation = Schema.Struct({
  id: Schema.String,
  action: withDefault(AnnotationAction, () => "annotation.create" as const),
  type: Schema.String,
  serial: Schema.String,
  messageSerial: Schema.String,
  timestamp: Schema.Number,
  clientId: Schema.optional(Schema.String),
  name: Schema.optional(Schema.String),
  count: Schema.optional(Schema.Number),
  data: Schema.optional(Schema.Unknown),
  encoding: Schema.optional(Schema.String),
  extras: Schema.optional(Extras)
})
