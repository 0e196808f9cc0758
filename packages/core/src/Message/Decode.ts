/**
 * From wire messages to API messages: Schema decoding, then payload decoding (RSL6).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type AblyError, unexpectedResponse } from "../Errors.js"
import type { AblyResponse } from "../Http/AblyRequest.js"
import { type Message, WireMessage } from "./Message.js"
import * as Payload from "./Payload.js"

const decodeWireArray = Schema.decodeUnknown(Schema.Array(WireMessage))

/**
 * Decodes one wire message: payload decoded, `version` filled in from `serial`/`timestamp`
 * when absent (TM2s).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Decode } from "@effect-ably/core"
 * Decode.fromWire({ id: "a:0", data: "aGk=", encoding: "base64" }) // data: Uint8Array [104, 105]
 */
export const fromWire = (wire: typeof WireMessage.Type): Message => {
  const { data: _data, encoding: _encoding, ...rest } = wire
  const payload = Payload.decode(wire.data, wire.encoding)
  const version = wire.version ?? (wire.serial === undefined && wire.timestamp === undefined
    ? undefined
    : { serial: wire.serial, timestamp: wire.timestamp })
  return {
    ...rest,
    ...(version === undefined ? {} : { version }),
    ...(payload.data === undefined ? {} : { data: payload.data }),
    ...(payload.encoding === undefined ? {} : { encoding: payload.encoding })
  }
}

/**
 * Decodes a response body holding an array of messages (`[]` for an empty body).
 *
 * @since 0.1.0
 * @category decoding
 */
export const messagesFromResponse = (response: AblyResponse): Effect.Effect<ReadonlyArray<Message>, AblyError> =>
  response.body === undefined
    ? Effect.succeed([])
    : decodeWireArray(response.body).pipe(
      Effect.mapError((cause) => unexpectedResponse("message list", cause, response.requestId)),
      Effect.map((wires) => wires.map(fromWire))
    )
