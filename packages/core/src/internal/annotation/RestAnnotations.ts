/**
 * `channel.annotations` (RSAN): publish and delete annotations of a message, and read them
 * back as a Stream. Wire format as ably-js 2.28: `POST` and `GET
 * /channels/<name>/messages/<serial>/annotations`, the POST body a one-element array.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as ChannelOptions from "../../ChannelOptions.js"
import * as DataCodec from "../../DataCodec.js"
import type { AblyError } from "../../Errors.js"
import type { SerialOrMessage } from "../channel/MessageUpdates.js"
import type { Service as Http } from "../http/AblyHttp.js"
import * as Mutation from "../message/Mutation.js"
import * as Publish from "../message/Publish.js"
import * as Paginated from "../paginated/Paginated.js"
import * as Query from "../params/Query.js"
import * as Span from "../Span.js"
import type { Annotation } from "./AnnotationDecode.js"
import * as AnnotationDecode from "./AnnotationDecode.js"
import * as Outbound from "./Outbound.js"

/**
 * Query parameters of `annotations.get` (RSAN3): a page size, 1–1000 (server default 100).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Annotation } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Annotation.GetAnnotationsParams)({ limit: 50 })
 */
export const GetAnnotationsParams = Schema.Struct({
  /** Page size, 1–1000 (server default 100). */
  limit: Schema.optional(Schema.Int.pipe(Schema.between(1, 1000)))
})

/**
 * @since 0.1.0
 * @category models
 */
export type GetAnnotationsParams = typeof GetAnnotationsParams.Type

const annotationQuery = Query.checker({
  what: "annotation parameters",
  schema: GetAnnotationsParams,
  fields: (valid) => ({ limit: valid.limit })
})

/**
 * The annotations of a channel's messages (RSAN). The channel's namespace needs the "message
 * annotations, updates, deletes and appends" rule (else Ably answers 93002); publishing and
 * deleting need the `annotation-publish` capability.
 *
 * @since 0.1.0
 * @category models
 */
export interface RestAnnotations {
  /**
   * Publishes an annotation of a message, given by serial or as a message carrying it
   * (RSAN1). `annotation.type` is required; its data is encoded like a message's (cipher
   * included). The annotation is copied, never changed. No serial or no type: 40003, nothing
   * sent. With `idempotentRestPublishing` an annotation without `id` gets one, fixed when the
   * Effect is built, so retries resend it (RSAN1c4).
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect } from "effect"
   * const react = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.channel("mutable:chat").annotations.publish("0123@1700000000000", { type: "reactions:distinct.v1", name: "👍" }))
   */
  readonly publish: (
    serialOrMessage: SerialOrMessage,
    annotation: Outbound.OutboundAnnotation
  ) => Effect.Effect<void, AblyError>
  /**
   * Removes an annotation (RSAN2): sent as `annotation.delete`, otherwise like `publish`. What
   * it removes from the summary depends on the type (e.g. the client's `name` for
   * distinct.v1).
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect } from "effect"
   * const unreact = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.channel("mutable:chat").annotations.delete("0123@1700000000000", { type: "reactions:distinct.v1", name: "👍" }))
   */
  readonly delete: (
    serialOrMessage: SerialOrMessage,
    annotation: Outbound.OutboundAnnotation
  ) => Effect.Effect<void, AblyError>
  /**
   * Every annotation event of a message, creates and deletes, in serial order (RSAN3),
   * fetched lazily page by page, data decoded (and decrypted).
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect, Stream } from "effect"
   * const all = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.channel("mutable:chat").annotations.get("0123@1700000000000").pipe(Stream.runCollect))
   */
  readonly get: (
    serialOrMessage: SerialOrMessage,
    params?: GetAnnotationsParams
  ) => Stream.Stream<Annotation, AblyError>
  /** The first page of a message's annotations, for paging by hand. */
  readonly getPage: (
    serialOrMessage: SerialOrMessage,
    params?: GetAnnotationsParams
  ) => Effect.Effect<Paginated.Page<Annotation>, AblyError>
}

/**
 * What the operations need from their channel: its messages path, name check, codecs (for
 * the cipher), idempotency and span attributes.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelContext<A, P> {
  /** `/channels/<name>/messages`, the name percent-encoded. */
  readonly path: string
  readonly validName: Either.Either<string, AblyError>
  readonly codecs: Effect.Effect<ChannelOptions.ChannelCodecs<A, P>, AblyError>
  readonly idempotent: boolean
  readonly spanAttributes: { readonly attributes: Readonly<Record<string, string>> }
}

/**
 * Builds `channel.annotations` for one channel.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as RestAnnotations from "./RestAnnotations.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { DataCodec } from "@effect-ably/core"
 * import { Effect, Either } from "effect"
 * const annotations = Effect.map(AblyHttp.AblyHttp, (http) =>
 *   RestAnnotations.make(http, {
 *     path: "/channels/mutable%3Achat/messages",
 *     validName: Either.right("mutable:chat"),
 *     codecs: Either.right({ messages: DataCodec.untyped(), presence: DataCodec.untyped() }),
 *     idempotent: true,
 *     spanAttributes: { attributes: { "ably.channel": "mutable:chat" } }
 *   }))
 */
export const make = <A, P>(http: Http, channel: ChannelContext<A, P>): RestAnnotations => {
  const { codecs, path, validName } = channel
  const span = { captureStackTrace: false, attributes: channel.spanAttributes.attributes }
  const annotationsPath = (serial: string) => `${path}/${encodeURIComponent(serial)}/annotations`

  const send =
    (action: keyof typeof Outbound.wireActions, spanName: string) =>
    (serialOrMessage: SerialOrMessage, annotation: Outbound.OutboundAnnotation) => {
      // Drawn once per Effect: every run of it (retries included) resends the same id.
      const idBase = Publish.idBaseOnce()
      return Effect.gen(function*() {
        yield* validName
        const what = `annotations.${action}`
        const serial = yield* Mutation.serialOf(serialOrMessage, what)
        const checked = yield* Outbound.check(annotation, what)
        const { messages } = yield* codecs
        const wire = yield* Outbound.encode(checked, serial, action, {
          protocol: http.protocol,
          cipher: messages.cipher,
          idempotent: channel.idempotent,
          idBase
        })
        yield* http.send({ method: "POST", path: annotationsPath(serial), body: [wire] })
      }).pipe(Span.withSpan(spanName, span))
    }

  const getPage = (serialOrMessage: SerialOrMessage, params?: GetAnnotationsParams) =>
    Effect.gen(function*() {
      yield* validName
      const serial = yield* Mutation.serialOf(serialOrMessage, "annotations.get")
      const query = yield* annotationQuery(params)
      const { messages } = yield* codecs
      const codec = DataCodec.untyped(messages.cipher)
      return yield* Paginated.fetchPage(
        {
          send: http.send,
          decode: (response) => AnnotationDecode.fromResponse(response, codec),
          origins: http.origins
        },
        { method: "GET", path: annotationsPath(serial), query }
      )
    }).pipe(Span.withSpan("RestAnnotations.get", span))

  return {
    publish: send("publish", "RestAnnotations.publish"),
    delete: send("delete", "RestAnnotations.delete"),
    get: (serialOrMessage, params) => Paginated.items(getPage(serialOrMessage, params)),
    getPage
  }
}
