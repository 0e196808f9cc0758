/**
 * From wire messages to API messages: Schema decoding of the wire shape, then the payload
 * (RSL6, decryption included), then the channel's data Schema if it has one. Presence
 * messages and every other payload carrier go through `decodeData` too.
 *
 * How a payload that cannot be decoded surfaces:
 * - ordinary channel: the message is kept with the data decoded so far and the remaining
 *   `encoding` (RSL6b), and a warning with code 40013 is logged; the read goes on;
 * - typed channel: the read fails with `AblyError` 40013 whose `cause` is an
 *   `UndecodableData` holding the wire message as received and the issue.
 * JSON data nested deeper than `Limits.maxDepth` is such a payload, with code 50000 instead
 * of 40013: an ordinary channel keeps the JSON text (encoding `json`), a typed channel fails
 * with 50000 (statusCode 500) before its Schema sees the value.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import type * as DataCodec from "../../DataCodec.js"
import { type AblyError, ablyError, describeParseError, isAblyError, SafeCause } from "../../Errors.js"
import type { Message } from "../../Message.js"
import type { AblyResponse } from "../http/AblyRequest.js"
import * as ArrayBody from "../http/ArrayBody.js"
import * as ResponseDecoding from "../http/ResponseDecoding.js"
import * as Payload from "./Payload.js"
import { WireMessage } from "./WireMessage.js"
import * as WireShape from "./WireShape.js"

/**
 * A decodable wire item: a message, a presence message… Only the payload fields (and the
 * `id`, for diagnostics) are known; the other fields are kept as they are.
 *
 * @since 0.1.0
 * @category models
 * @example
 * import type * as Decode from "./Decode.js"
 * const wire: Decode.EncodedData = { id: "a:0", name: "n", data: "aGk=", encoding: "base64" }
 */
export type EncodedData = {
  readonly id?: string | undefined
  readonly data?: unknown
  readonly encoding?: string | undefined
  readonly [field: string]: unknown
}

/**
 * A wire item with its payload decoded to `A`.
 *
 * @since 0.1.0
 * @category models
 * @example
 * import type { Message } from "@effect-ably/core"
 * import type * as Decode from "./Decode.js"
 * type Decoded = Decode.DecodedData<typeof Message.WireMessage.Type, string> // data: string
 */
export type DecodedData<W extends EncodedData, A> = Omit<W, "data" | "encoding"> & {
  readonly data: A
  readonly encoding?: string
}

/**
 * The `cause` of a typed channel's decode failure: the wire item exactly as received (its
 * payload still encoded) and what went wrong (a payload step or the Schema's parse issue).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { Errors } from "@effect-ably/core"
 * import * as Decode from "./Decode.js"
 * const rawOf = (error: Errors.AblyError) => error.cause instanceof Decode.UndecodableData ? error.cause.wire : undefined
 */
export class UndecodableData extends Data.TaggedClass("UndecodableData")<{
  readonly wire: EncodedData
  readonly issue: AblyError | ParseResult.ParseError
}> {
  /** Kept as the `AblyError` cause as it is: the caller's own server data, no credential. */
  get [SafeCause](): true {
    return true
  }
}

/**
 * The `UndecodableData` behind a typed channel's decode failure, if that is what it is.
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * import { Errors } from "@effect-ably/core"
 * import * as Decode from "./Decode.js"
 * const wire = (error: Errors.AblyError) => Decode.undecodable(error) // Option<UndecodableData>
 */
export const undecodable = (error: AblyError): Option.Option<UndecodableData> =>
  error.cause instanceof UndecodableData ? Option.some(error.cause) : Option.none()

// An unreadable answer (data nested too deep: 50000) keeps its code; anything else is 40013.
const undecodableError = (wire: EncodedData, issue: AblyError | ParseResult.ParseError): AblyError =>
  ablyError(
    isAblyError(issue) && issue.statusCode >= 500 ? issue.code : 40013,
    isAblyError(issue) && issue.statusCode >= 500 ? issue.statusCode : 400,
    `Data of message ${wire.id ?? "(no id)"} does not decode for this typed channel: ${
      isAblyError(issue) ? issue.message : describeParseError(issue)
    }`,
    { cause: new UndecodableData({ wire, issue }), reason: "Decode" }
  )

const warn = (wire: EncodedData, issue: AblyError, residual: string | undefined) =>
  Effect.logWarning(issue.message).pipe(
    Effect.annotateLogs({
      "ably.code": issue.code,
      "ably.encoding": residual ?? "",
      ...(wire.id === undefined ? {} : { "ably.messageId": wire.id })
    })
  )

/**
 * Decodes the payload of any wire item (message, presence message, …) with a channel's codec.
 * Untyped codecs never fail: an undecodable payload keeps its residual `encoding` and is
 * logged as a warning (RSL6b). Typed codecs fail with 40013 and an `UndecodableData` cause.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { DataCodec } from "@effect-ably/core"
 * import * as Decode from "./Decode.js"
 * const decoded = Decode.decodeData({ id: "a:0", data: "aGk=", encoding: "base64" }, DataCodec.untyped())
 */
export const decodeData = <W extends EncodedData, A>(
  wire: W,
  codec: DataCodec.DataCodec<A>
): Effect.Effect<DecodedData<W, A>, AblyError> =>
  isPlain(wire, codec) ? Effect.succeed(plainData(wire, codec.plain)) : Effect.gen(function*() {
    const { data: _data, encoding: _encoding, ...rest } = wire
    const payload = yield* Payload.decode(wire.data, wire.encoding, { cipher: codec.cipher })
    if (payload.issue !== undefined) {
      if (codec.typed) return yield* Effect.fail(undecodableError(wire, payload.issue))
      yield* warn(wire, payload.issue, payload.encoding)
    }
    const data = yield* Effect.mapError(codec.fromData(payload.data), (issue) => undecodableError(wire, issue))
    return { ...rest, data, ...(payload.encoding === undefined ? {} : { encoding: payload.encoding }) }
  })

/**
 * Decodes one wire message with a channel's codec: payload decoded (and decrypted, and checked
 * by the channel's Schema), `version` filled in from `serial`/`timestamp` when absent (TM2s),
 * `annotations` an empty summary when absent (TM2u).
 * With an untyped codec this never fails.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { DataCodec } from "@effect-ably/core"
 * import * as Decode from "./Decode.js"
 * Decode.fromWire({ id: "a:0", data: "aGk=", encoding: "base64" }, DataCodec.untyped()) // Effect of a Message with data Uint8Array [104, 105]
 */
export const fromWire = <A>(
  wire: typeof WireMessage.Type,
  codec: DataCodec.DataCodec<A>
): Effect.Effect<Message<A>, AblyError> => Effect.map(decodeData(wire, codec), (decoded) => withVersion(wire, decoded))

// Most messages carry no encoding steps: for channels without a Schema their data is final
// as it arrives, and decoding them needs no effects (measurably faster on history reads).
const isPlain = <A>(
  wire: EncodedData,
  codec: DataCodec.DataCodec<A>
): codec is DataCodec.DataCodec<A> & { readonly plain: (data: unknown) => A } =>
  codec.plain !== undefined && (wire.encoding === undefined || wire.encoding === "")

const plainData = <W extends EncodedData, A>(wire: W, plain: (data: unknown) => A): DecodedData<W, A> => {
  const { data, encoding: _encoding, ...rest } = wire
  return { ...rest, data: plain(data) }
}

// TM2s: a missing version is made from `serial`/`timestamp`; a version without its own serial
// or timestamp takes the message's (TM2s1, TM2s2).
const versionOf = (wire: typeof WireMessage.Type): typeof WireMessage.Type["version"] => {
  const version = wire.version
  if (version === undefined) {
    return wire.serial === undefined && wire.timestamp === undefined
      ? undefined
      : { serial: wire.serial, timestamp: wire.timestamp }
  }
  if (
    (version.serial !== undefined || wire.serial === undefined) &&
    (version.timestamp !== undefined || wire.timestamp === undefined)
  ) return version
  const serial = version.serial ?? wire.serial
  const timestamp = version.timestamp ?? wire.timestamp
  return {
    ...version,
    ...(serial === undefined ? {} : { serial }),
    ...(timestamp === undefined ? {} : { timestamp })
  }
}

// TM2u: a message without annotations has an empty summary. One frozen value for all of
// them: nothing is allocated per message, and a caller cannot change what others share.
const noAnnotations: NonNullable<typeof WireMessage.Type["annotations"]> = Object.freeze({
  summary: Object.freeze({})
})

const hasAnnotations = <D extends { readonly annotations?: unknown }>(
  decoded: D
): decoded is D & { readonly annotations: NonNullable<D["annotations"]> } => decoded.annotations !== undefined

const withVersion = <A>(
  wire: typeof WireMessage.Type,
  decoded: DecodedData<typeof WireMessage.Type, A>
): Message<A> => {
  const version = versionOf(wire)
  const sameVersion = version === undefined || version === wire.version
  if (sameVersion && hasAnnotations(decoded)) return decoded
  return {
    ...decoded,
    ...(sameVersion ? {} : { version }),
    annotations: wire.annotations ?? noAnnotations
  }
}

const decodeWireArray = ArrayBody.decoder(WireMessage, "message list", WireShape.message)

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

// A wire message the SDK decoded itself (a new object nobody else holds) becomes the API
// message in place: its data, and its version from `serial`/`timestamp` (TM2s). The same
// value as `withVersion(wire, plainData(wire, plain))`, without the copies.
const finishPlain = <A>(wire: typeof WireMessage.Type, plain: (data: unknown) => A): Message<A> => {
  // An empty `encoding` leaves the message: a copy (rare).
  if (wire.encoding !== undefined) return withVersion(wire, plainData(wire, plain))
  const message: Mutable<typeof WireMessage.Type> = wire
  message.data = plain(wire.data)
  const version = versionOf(wire)
  if (version !== wire.version) message.version = version
  if (wire.annotations === undefined) message.annotations = noAnnotations
  // `data` now holds the codec's `A`.
  return message as Message<A>
}

// The usual page, read in one pass: every item the common wire shape (read by hand, a new
// object the SDK owns) with no encoding steps, finished where it is into one new array. An
// item of another shape gives `undefined`, and the page takes the general path from the start (the
// Schema's errors, the payload decoding); the reading here has no effect to undo.
const plainMessages = <A>(body: unknown, plain: (data: unknown) => A): Array<Message<A>> | undefined => {
  if (!Array.isArray(body)) return undefined
  const messages: Array<Message<A>> = new Array(body.length)
  for (let index = 0; index < body.length; index++) {
    const wire = WireShape.message(body[index])
    if (wire === undefined || (wire.encoding !== undefined && wire.encoding !== "")) return undefined
    messages[index] = finishPlain(wire, plain)
  }
  return messages
}

/**
 * Decodes a response body holding an array of messages (`[]` for an empty body) with a
 * channel's codec.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { DataCodec } from "@effect-ably/core"
 * import * as Decode from "./Decode.js"
 * const decodeMessages = (response: Parameters<typeof Decode.messagesFromResponse>[0]) =>
 *   Decode.messagesFromResponse(response, DataCodec.untyped())
 */
export const messagesFromResponse = <A>(
  response: AblyResponse,
  codec: DataCodec.DataCodec<A>
): Effect.Effect<ReadonlyArray<Message<A>>, AblyError> => {
  const plain = codec.plain
  // The usual page's reader keeps only values within `Limits.maxDepth` (`WireShape.message`).
  const usual = plain === undefined ? undefined : plainMessages(response.body, plain)
  if (usual !== undefined) return Effect.succeed(usual)
  // Every other page is walked whole first (the transport left it to the reader:
  // `AblyRequest.depthCheckedByReader`), so the Schema and its errors see no deeper value.
  const within = ResponseDecoding.bodyWithinDepth(response)
  if (Either.isLeft(within)) return Effect.fail(within.left)
  return Effect.flatMap(decodeWireArray(response), (wires) => Effect.forEach(wires, (wire) => fromWire(wire, codec)))
}
