/**
 * `Annotation` (TAN): annotations of messages (reactions, receipts, tags…) as Ably sends
 * them, what to publish, decoding annotations that arrived from elsewhere (TAN3), and typed
 * readers of the summaries Ably rolls up on each message (TM7).
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type { AblyError } from "./Errors.js"
import * as AnnotationDecode from "./internal/annotation/AnnotationDecode.js"

export {
  /**
   * Annotation actions in wire order: the index is the number on the wire.
   *
   * @since 0.1.0
   * @category constants
   */
  actionNames,
  /**
   * The action of an annotation: 0/1 on the wire, `"annotation.create"`/`"annotation.delete"`
   * in the API.
   *
   * @since 0.1.0
   * @category schemas
   */
  AnnotationAction,
  /**
   * The fields of an annotation as they travel on the wire; `data` still encoded.
   *
   * @since 0.1.0
   * @category schemas
   */
  WireAnnotation
} from "./internal/annotation/WireAnnotation.js"

export type {
  /**
   * An annotation read from Ably (TAN2), its data decoded.
   *
   * @since 0.1.0
   * @category models
   */
  Annotation,
  /**
   * The options annotations are decoded with: a channel's `cipher`.
   *
   * @since 0.1.0
   * @category models
   */
  DecodeOptions
} from "./internal/annotation/AnnotationDecode.js"

export type {
  /**
   * An annotation to publish or delete: `type` required.
   *
   * @since 0.1.0
   * @category models
   */
  OutboundAnnotation
} from "./internal/annotation/Outbound.js"

export {
  /**
   * Query parameters of `annotations.get`: `limit` 1–1000.
   *
   * @since 0.1.0
   * @category schemas
   */
  GetAnnotationsParams
} from "./internal/annotation/RestAnnotations.js"

export type {
  /**
   * `channel.annotations`: publish, delete and get (RSAN).
   *
   * @since 0.1.0
   * @category models
   */
  RestAnnotations
} from "./internal/annotation/RestAnnotations.js"

export {
  /**
   * The distinct.v1 summary of a type: per name, its clients.
   *
   * @since 0.1.0
   * @category summaries
   */
  distinct,
  /**
   * The flag.v1 summary of a type: the clients that flagged.
   *
   * @since 0.1.0
   * @category summaries
   */
  flag,
  /**
   * The multiple.v1 summary of a type: per name, the counts.
   *
   * @since 0.1.0
   * @category summaries
   */
  multiple,
  /**
   * A reader of one summarisation method.
   *
   * @since 0.1.0
   * @category models
   */
  type Reader,
  /**
   * What the summary readers read: `message.annotations.summary`.
   *
   * @since 0.1.0
   * @category models
   */
  type Summaries,
  /**
   * The clients behind one name or type, and whether the list was clipped.
   *
   * @since 0.1.0
   * @category schemas
   */
  SummaryClientIdCounts,
  /**
   * The counts behind one multiple.v1 name.
   *
   * @since 0.1.0
   * @category schemas
   */
  SummaryClientIdList,
  /**
   * A distinct.v1 or unique.v1 summary.
   *
   * @since 0.1.0
   * @category schemas
   */
  SummaryDistinctValues,
  /**
   * A multiple.v1 summary.
   *
   * @since 0.1.0
   * @category schemas
   */
  SummaryMultipleValues,
  /**
   * A total.v1 summary.
   *
   * @since 0.1.0
   * @category schemas
   */
  SummaryTotal,
  /**
   * The total.v1 summary of a type.
   *
   * @since 0.1.0
   * @category summaries
   */
  total,
  /**
   * The unique.v1 summary of a type: per name, the clients whose one name it is.
   *
   * @since 0.1.0
   * @category summaries
   */
  unique
} from "./internal/annotation/Summary.js"

/**
 * Decodes an annotation that arrived outside a REST response, from a queue, a webhook or an
 * integration (TAN3): its data decoded and decrypted with the options' `cipher`, as on a
 * channel with those options. A value that is not an annotation fails with 40013, invalid
 * options with 40003; a step that cannot be undone stays in `encoding` (RSL6b).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Annotation } from "@effect-ably/core"
 * const reaction = Annotation.fromEncoded({
 *   id: "a:0", action: 0, type: "reactions:distinct.v1", name: "👍",
 *   serial: "s2", messageSerial: "s1", timestamp: 1700000000000, data: '{"n":1}', encoding: "json"
 * }) // Effect<Annotation, AblyError> with data { n: 1 }
 */
export const fromEncoded: (
  value: unknown,
  options?: AnnotationDecode.DecodeOptions
) => Effect.Effect<AnnotationDecode.Annotation, AblyError> = AnnotationDecode.fromEncoded

/**
 * Decodes an array of annotations that arrived outside a REST response (TAN3), like
 * `fromEncoded`; not an array of annotations fails with 40013.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Annotation } from "@effect-ably/core"
 * const annotations = Annotation.fromEncodedArray([], { cipher: { key: "WUP6u0K7MXI5Zeo0VppPwg==" } })
 */
export const fromEncodedArray: (
  values: unknown,
  options?: AnnotationDecode.DecodeOptions
) => Effect.Effect<ReadonlyArray<AnnotationDecode.Annotation>, AblyError> = AnnotationDecode.fromEncodedArray
