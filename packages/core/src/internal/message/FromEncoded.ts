/**
 * Messages that did not come from a REST list: messages from queues, webhooks and
 * integrations (`Message.fromEncoded`, TM3), decoded and decrypted with a channel's options
 * like every history message. (The one message `getMessage` answers is read by `MessageUpdates`.)
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as ChannelOptions from "../../ChannelOptions.js"
import type * as DataCodec from "../../DataCodec.js"
import { type AblyError, ablyError } from "../../Errors.js"
import type { Message } from "../../Message.js"
import * as Codecs from "../channel/Codecs.js"
import * as Input from "../Input.js"
import * as Lazy from "../Lazy.js"
import * as Decode from "./Decode.js"
import { WireMessage } from "./WireMessage.js"

/**
 * The `WireMessage` Schema's decoder, made on first use: for the one message `getMessage`
 * answers (`MessageUpdates`) and the caller's values here.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as FromEncoded from "./FromEncoded.js"
 * FromEncoded.decodeWire({ name: "a", data: "b" }) // Effect<WireMessage, ParseError>
 */
export const decodeWire = Lazy.onFirstCall(() => Schema.decodeUnknown(WireMessage))
const decodeWireArray = Lazy.onFirstCall(() => Schema.decodeUnknown(Schema.Array(WireMessage)))

// A caller's value is read by the Schema only (the fast reader is for the SDK's own bodies), and
// whatever reading it throws (a getter, a proxy) is a 40013 too, never a defect.
const readCallerValue = <A>(
  read: () => Effect.Effect<A, unknown>,
  what: string
): Effect.Effect<A, AblyError> =>
  Effect.suspend(read).pipe(
    Effect.mapError((cause) => ablyError(40013, 400, `Invalid ${what}`, { cause, reason: "Decode" })),
    Effect.catchAllDefect(() => Effect.fail(Input.unreadable(what, 40013)))
  )

const codecOf = <A, I extends DataCodec.PayloadData>(
  options: ChannelOptions.ChannelOptions<A, I> | undefined
): Effect.Effect<DataCodec.DataCodec<A>, AblyError> =>
  Effect.map(Codecs.forChannel(options), (codecs) => codecs.messages)

/**
 * Decodes one encoded message (TM3): its wire shape checked (anything else fails with 40013),
 * its payload decoded and decrypted with the channel options' cipher, and checked by their
 * `schema`. Invalid options fail with 40003, as on a channel.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as FromEncoded from "./FromEncoded.js"
 * const message = FromEncoded.fromEncoded({ id: "a:0", data: '{"n":1}', encoding: "json" }) // Effect of data { n: 1 }
 */
export const fromEncoded = <A = unknown, I extends DataCodec.PayloadData = DataCodec.PayloadData>(
  value: unknown,
  options?: ChannelOptions.ChannelOptions<A, I>
): Effect.Effect<Message<A>, AblyError> =>
  Effect.flatMap(
    codecOf(options),
    (codec) =>
      Effect.flatMap(readCallerValue(() => decodeWire(value), "message"), (wire) => Decode.fromWire(wire, codec))
  )

/**
 * Decodes an array of encoded messages (TM3); not an array of messages fails with 40013.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as FromEncoded from "./FromEncoded.js"
 * const messages = FromEncoded.fromEncodedArray([{ name: "a" }, { name: "b", data: "aGk=", encoding: "base64" }])
 */
export const fromEncodedArray = <A = unknown, I extends DataCodec.PayloadData = DataCodec.PayloadData>(
  values: unknown,
  options?: ChannelOptions.ChannelOptions<A, I>
): Effect.Effect<ReadonlyArray<Message<A>>, AblyError> =>
  Effect.flatMap(codecOf(options), (codec) =>
    Effect.flatMap(
      readCallerValue(() => decodeWireArray(values), "message list"),
      (wires) => Effect.forEach(wires, (wire) => Decode.fromWire(wire, codec))
    ))
