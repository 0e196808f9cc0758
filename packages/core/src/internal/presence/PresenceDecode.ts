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
import { type AblyError, ablyError, unexpectedResponse } from "../../Errors.js"
import { type PresenceMessage, WirePresenceMessage } from "../../PresenceMessage.js"
import type { AblyResponse } from "../http/AblyRequest.js"
import * as Decode from "../message/Decode.js"

const decodeWire = Schema.decodeUnknown(WirePresenceMessage)
const decodeWireArray = Schema.decodeUnknown(Schema.Array(WirePresenceMessage))
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
  decodeWireArray(body).pipe(
    Effect.mapError((cause) => unexpectedResponse("presence message list", cause, requestId)),
    Effect.flatMap((wires) => Effect.forEach(wires, (wire) => fromWire(wire, codec)))
  )

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
  decodeWireArray(values).pipe(
    Effect.mapError((cause) => ablyError(40013, 400, "Invalid presence message list", { cause, reason: "Decode" })),
    Effect.flatMap((wires) => Effect.forEach(wires, (wire) => fromWire(wire, codec)))
  )
