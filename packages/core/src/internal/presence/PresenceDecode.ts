/**
 * From wire presence messages to API presence messages: Schema decoding of the wire shape,
 * then the payload (RSL6, RSP5). Every presence payload the SDK reads (`presence.get`,
 * `presence.history`, `batchPresence`, `fromEncoded`) is decoded by `fromWire`, which hands it
 * to the message payload decoder with the channel's presence codec.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as DataCodec from "../../DataCodec.js"
import { type AblyError, ablyError } from "../../Errors.js"
import { type PresenceMessage, WirePresenceMessage } from "../../PresenceMessage.js"
import type { AblyResponse } from "../http/AblyRequest.js"
import * as ArrayBody from "../http/ArrayBody.js"
import * as Decode from "../message/Decode.js"
import * as PresenceShape from "./PresenceShape.js"

const decodeWire = Schema.decodeUnknown(WirePresenceMessage)
const decodeEncodedArray = Schema.decodeUnknown(Schema.Array(WirePresenceMessage))
const decodeWireArray = ArrayBody.arrayDecoder(WirePresenceMessage, "presence message list", PresenceShape.presence)

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

// Presence messages the SDK decoded itself (new objects nobody else holds) with no encoding
// steps, on a codec that takes data as it is: finished in place, as `Decode.decodeData` would
// give them.
const finishPlain = <P>(
  wires: ReadonlyArray<typeof WirePresenceMessage.Type>,
  plain: (data: unknown) => P
): ReadonlyArray<PresenceMessage<P>> | undefined => {
  for (const wire of wires) if (wire.encoding !== undefined) return undefined
  const members: Array<PresenceMessage<P>> = new Array(wires.length)
  for (let index = 0; index < wires.length; index++) {
    const member: Mutable<typeof WirePresenceMessage.Type> = wires[index]!
    member.data = plain(member.data)
    // `data` now holds the codec's `P`.
    members[index] = member as PresenceMessage<P>
  }
  return members
}
const untypedCodec = DataCodec.untyped()

/**
 * Decodes the payload of one wire presence message with a channel's presence codec (untyped
 * and unencrypted when none is given). Untyped: a payload step that cannot be undone stays in
 * `encoding` (RSL6b) and is logged; typed: it fails with 40013.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as PresenceDecode from "./PresenceDecode.js"
 * PresenceDecode.fromWire({ clientId: "a", action: "present", data: '{"x":1}', encoding: "json" }) // Effect of data { x: 1 }
 */
export const fromWire = <P = unknown>(
  wire: typeof WirePresenceMessage.Type,
  codec?: DataCodec.DataCodec<P>
): Effect.Effect<PresenceMessage<P>, AblyError> =>
  // Without a codec the data stays `unknown`, which is what `P` defaults to.
  Decode.decodeData(wire, codec ?? (untypedCodec as DataCodec.DataCodec<P>))

/**
 * Decodes an array of wire presence messages (a response body or a batch result). A value of
 * the wrong shape fails with 50000 and the parse issue as cause.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as PresenceDecode from "./PresenceDecode.js"
 * const members = PresenceDecode.fromWireArray([{ action: 1, clientId: "a" }])
 */
export const fromWireArray = <P = unknown>(
  body: unknown,
  codec?: DataCodec.DataCodec<P>,
  requestId?: string
): Effect.Effect<ReadonlyArray<PresenceMessage<P>>, AblyError> =>
  Effect.flatMap(decodeWireArray(body, requestId), (wires) => {
    const plain = (codec ?? untypedCodec).plain
    const finished = plain === undefined ? undefined : finishPlain(wires, plain)
    return finished === undefined
      ? Effect.forEach(wires, (wire) => fromWire(wire, codec))
      : Effect.succeed(finished as ReadonlyArray<PresenceMessage<P>>)
  })

/**
 * Decodes a response body holding an array of presence messages (`[]` for an empty body).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as PresenceDecode from "./PresenceDecode.js"
 * const decode = (codec: Parameters<typeof PresenceDecode.presenceFromResponse>[0]) => PresenceDecode.presenceFromResponse(codec)
 */
export const presenceFromResponse =
  <P = unknown>(codec?: DataCodec.DataCodec<P>) =>
  (response: AblyResponse): Effect.Effect<ReadonlyArray<PresenceMessage<P>>, AblyError> =>
    response.body === undefined ? Effect.succeed([]) : fromWireArray(response.body, codec, response.requestId)

/**
 * Decodes a presence message that arrived outside a REST response, e.g. from a queue or a
 * webhook (TP4). A value that is not a presence message fails with 40013.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as PresenceDecode from "./PresenceDecode.js"
 * const member = PresenceDecode.fromEncoded({ action: 2, clientId: "bob", data: "aGk=", encoding: "base64" })
 */
export const fromEncoded = <P = unknown>(
  value: unknown,
  codec?: DataCodec.DataCodec<P>
): Effect.Effect<PresenceMessage<P>, AblyError> =>
  decodeWire(value).pipe(
    Effect.mapError((cause) => ablyError(40013, 400, "Invalid presence message", { cause, reason: "Decode" })),
    Effect.flatMap((wire) => fromWire(wire, codec))
  )

/**
 * Decodes an array of presence messages that arrived outside a REST response (TP4).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as PresenceDecode from "./PresenceDecode.js"
 * const members = PresenceDecode.fromEncodedArray([{ action: 1, clientId: "a" }, { action: 1, clientId: "b" }])
 */
export const fromEncodedArray = <P = unknown>(
  values: unknown,
  codec?: DataCodec.DataCodec<P>
): Effect.Effect<ReadonlyArray<PresenceMessage<P>>, AblyError> =>
  decodeEncodedArray(values).pipe(
    Effect.mapError((cause) => ablyError(40013, 400, "Invalid presence message list", { cause, reason: "Decode" })),
    Effect.flatMap((wires) => Effect.forEach(wires, (wire) => fromWire(wire, codec)))
  )
