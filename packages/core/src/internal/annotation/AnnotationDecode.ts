/**
 * From wire annotations to API annotations (TAN3, RSAN3): the wire shape checked by its
 * Schema, then the payload decoded and decrypted with the channel cipher like a message's
 * (RSL6; an undecodable step stays in `encoding`, RSL6b). Annotation data is never checked by
 * a channel's `schema`, which is about message data.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as ChannelOptions from "../../ChannelOptions.js"
import * as DataCodec from "../../DataCodec.js"
import { type AblyError, ablyError } from "../../Errors.js"
import * as Codecs from "../channel/Codecs.js"
import type { AblyResponse } from "../http/AblyRequest.js"
import * as ArrayBody from "../http/ArrayBody.js"
import * as Input from "../Input.js"
import * as Decode from "../message/Decode.js"
import { WireAnnotation } from "./WireAnnotation.js"

/**
 * An annotation read from Ably (TAN2), its `data` decoded.
 *
 * @since 0.1.0
 * @category models
 */
export interface Annotation extends Omit<typeof WireAnnotation.Type, "data" | "encoding"> {
  /** The payload: a string, a JSON value or bytes (`undefined` when there is none). */
  readonly data?: unknown
  /** Any encoding step that could not be reversed (RSL6b); absent when fully decoded. */
  readonly encoding?: string
}

/**
 * Decodes one wire annotation's payload with the channel's codec (untyped, with its cipher).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as AnnotationDecode from "./AnnotationDecode.js"
 * import { DataCodec } from "@effect-ably/core"
 * const annotation = AnnotationDecode.fromWire({
 *   id: "a:0", action: "annotation.create", type: "t:total.v1", serial: "s2", messageSerial: "s1", timestamp: 1
 * }, DataCodec.untyped())
 */
export const fromWire = (
  wire: typeof WireAnnotation.Type,
  codec: DataCodec.DataCodec<unknown>
): Effect.Effect<Annotation, AblyError> => Decode.decodeData(wire, codec)

const decodeList = ArrayBody.decoder(WireAnnotation, "annotation list")

/**
 * Decodes a response body holding an array of annotations (`[]` for an empty body); one that
 * is not fails with 50000.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as AnnotationDecode from "./AnnotationDecode.js"
 * import { DataCodec } from "@effect-ably/core"
 * const decode = (response: Parameters<typeof AnnotationDecode.fromResponse>[0]) =>
 *   AnnotationDecode.fromResponse(response, DataCodec.untyped())
 */
export const fromResponse = (
  response: AblyResponse,
  codec: DataCodec.DataCodec<unknown>
): Effect.Effect<ReadonlyArray<Annotation>, AblyError> =>
  Effect.flatMap(decodeList(response), (wires) => Effect.forEach(wires, (wire) => fromWire(wire, codec)))

const decodeWire = Schema.decodeUnknown(WireAnnotation)
const decodeWireArray = Schema.decodeUnknown(Schema.Array(WireAnnotation))

/**
 * The options annotations are decoded with: a channel's `cipher` (any other channel option is
 * checked but unused: a channel's `schema` is for message data).
 *
 * @since 0.1.0
 * @category models
 */
export interface DecodeOptions {
  readonly cipher?: ChannelOptions.ChannelOptions["cipher"]
}

const codecOf = (options: DecodeOptions | undefined) =>
  Effect.map(Codecs.forChannel(options), (codecs) => DataCodec.untyped(codecs.messages.cipher))

// Whatever reading the caller's value throws (a getter, a proxy) is a 40013 too, never a defect.
const readCallerValue = <A>(read: () => Effect.Effect<A, unknown>, what: string): Effect.Effect<A, AblyError> =>
  Effect.suspend(read).pipe(
    Effect.mapError((cause) => ablyError(40013, 400, `Invalid ${what}`, { cause, reason: "Decode" })),
    Effect.catchAllDefect(() => Effect.fail(Input.unreadable(what, 40013)))
  )

/**
 * Decodes one encoded annotation that arrived outside a REST response (TAN3): its shape
 * checked (anything else fails with 40013), its data decoded and decrypted with the options'
 * `cipher`. Invalid options fail with 40003.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as AnnotationDecode from "./AnnotationDecode.js"
 * const annotation = AnnotationDecode.fromEncoded({
 *   id: "a:0", action: 0, type: "t:total.v1", serial: "s2", messageSerial: "s1", timestamp: 1, data: "aGk=", encoding: "base64"
 * }) // Effect of data Uint8Array [104, 105]
 */
export const fromEncoded = (
  value: unknown,
  options?: DecodeOptions
): Effect.Effect<Annotation, AblyError> =>
  Effect.flatMap(
    codecOf(options),
    (codec) => Effect.flatMap(readCallerValue(() => decodeWire(value), "annotation"), (wire) => fromWire(wire, codec))
  )

/**
 * Decodes an array of encoded annotations (TAN3), like `fromEncoded`; not an array of
 * annotations fails with 40013.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as AnnotationDecode from "./AnnotationDecode.js"
 * const annotations = AnnotationDecode.fromEncodedArray([])
 */
export const fromEncodedArray = (
  values: unknown,
  options?: DecodeOptions
): Effect.Effect<ReadonlyArray<Annotation>, AblyError> =>
  Effect.flatMap(codecOf(options), (codec) =>
    Effect.flatMap(
      readCallerValue(() => decodeWireArray(values), "annotation list"),
      (wires) => Effect.forEach(wires, (wire) => fromWire(wire, codec))
    ))
