/**
 * The mutable-message operations of a channel (RSL11, RSL14, RSL15): read one message by
 * serial, update, delete or append to it, and list its versions.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type * as ChannelOptions from "../../ChannelOptions.js"
import type * as DataCodec from "../../DataCodec.js"
import { type AblyError, unexpectedResponse } from "../../Errors.js"
import type * as HistoryParams from "../../HistoryParams.js"
import { type Message, type MessageEdit, type MessageOperation, UpdateDeleteResult } from "../../Message.js"
import type { Service as Http } from "../http/AblyHttp.js"
import type { AblyResponse } from "../http/AblyRequest.js"
import { fromWire, messagesFromResponse } from "../message/Decode.js"
import { decodeWire } from "../message/FromEncoded.js"
import * as Mutation from "../message/Mutation.js"
import * as WireShape from "../message/WireShape.js"
import * as Paginated from "../paginated/Paginated.js"
import * as Query from "../params/Query.js"
import * as Span from "../Span.js"

// A response body holding one message (`getMessage`, RSL11) decoded with a channel's codec; an
// empty body or one that is not a message fails with 50000. Here, not in `FromEncoded` (which
// every app loads): only this lazy part reads one message from a response.
const messageFromResponse = <A>(
  response: AblyResponse,
  codec: DataCodec.DataCodec<A>
): Effect.Effect<Message<A>, AblyError> => {
  const fast = WireShape.message(response.body)
  const wire = fast !== undefined ? Effect.succeed(fast) : Effect.mapError(
    decodeWire(response.body),
    (cause) => unexpectedResponse("message", cause, response.requestId)
  )
  return Effect.flatMap(wire, (decoded) => fromWire(decoded, codec))
}

/**
 * A message or its serial: what `getMessage` and `getMessageVersions` address.
 *
 * @since 0.1.0
 * @category models
 */
export type SerialOrMessage = string | { readonly serial?: string | undefined }

/**
 * Query params of an update, delete or append: sent as text (RSL15f).
 *
 * @since 0.1.0
 * @category models
 */
export type OperationParams = Readonly<Record<string, string | number | boolean>>

/**
 * The mutable-message operations of a channel whose data is `A`. They need a channel in a
 * namespace with the "message annotations, updates, deletes and appends" rule (else Ably
 * answers 93002); reads need the `history` capability, changes `message-update-*` /
 * `message-delete-*` (an unidentified client holding only an `*-own` one gets 40166).
 *
 * @since 0.1.0
 * @category models
 */
export interface MessageUpdates<A = unknown> {
  /**
   * The latest version of one message, by serial or from a message carrying it (RSL11). No
   * serial: 40003, nothing sent; an unknown serial: 40400.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect } from "effect"
   * const latest = Effect.flatMap(Rest.Rest, (rest) => rest.channel("mutable:chat").getMessage("0123@1700000000000"))
   */
  readonly getMessage: (serialOrMessage: SerialOrMessage) => Effect.Effect<Message<A>, AblyError>
  /**
   * Publishes a new version of `message` (its `serial` says which) with its name, data and
   * extras (RSL15). The message is copied and encoded like a publish (channel Schema and
   * cipher included), never changed; `operation` says who, why, and metadata.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect } from "effect"
   * const fixed = Effect.gen(function*() {
   *   const channel = (yield* Rest.Rest).channel("mutable:chat")
   *   const message = yield* channel.getMessage("0123@1700000000000")
   *   const { versionSerial } = yield* channel.updateMessage({ ...message, data: "fixed" }, { description: "typo" })
   * })
   */
  readonly updateMessage: (
    message: MessageEdit<A>,
    operation?: MessageOperation,
    params?: OperationParams
  ) => Effect.Effect<UpdateDeleteResult, AblyError>
  /** Marks `message` deleted (RSL15); the data it carries (when it has some) is the deleted version's. */
  readonly deleteMessage: (
    message: MessageEdit<A>,
    operation?: MessageOperation,
    params?: OperationParams
  ) => Effect.Effect<UpdateDeleteResult, AblyError>
  /** Appends `message.data` to the message's string data (RSL15), e.g. a streamed reply. */
  readonly appendMessage: (
    message: MessageEdit<A>,
    operation?: MessageOperation,
    params?: OperationParams
  ) => Effect.Effect<UpdateDeleteResult, AblyError>
  /**
   * Every version of one message, oldest first (RSL14), fetched lazily page by page.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect, Stream } from "effect"
   * const versions = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.channel("mutable:chat").getMessageVersions("0123@1700000000000").pipe(Stream.runCollect))
   */
  readonly getMessageVersions: (
    serialOrMessage: SerialOrMessage,
    params?: HistoryParams.HistoryParams
  ) => Stream.Stream<Message<A>, AblyError>
  /** The first page of a message's versions, for paging by hand. */
  readonly getMessageVersionsPage: (
    serialOrMessage: SerialOrMessage,
    params?: HistoryParams.HistoryParams
  ) => Effect.Effect<Paginated.Page<Message<A>>, AblyError>
}

const decodeResult = Schema.decodeUnknown(UpdateDeleteResult)

/**
 * What the operations need from their channel: its messages path, name check, codecs and span
 * attributes.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelContext<A, P> {
  /** `/channels/<name>/messages`, the name percent-encoded. */
  readonly path: string
  readonly validName: Either.Either<string, AblyError>
  readonly codecs: Effect.Effect<ChannelOptions.ChannelCodecs<A, P>, AblyError>
  readonly maxMessageSize: number
  readonly spanAttributes: { readonly attributes: Readonly<Record<string, string>> }
}

/**
 * Builds the operations of one channel.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as MessageUpdates from "./MessageUpdates.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { DataCodec } from "@effect-ably/core"
 * import { Effect, Either } from "effect"
 * const updates = Effect.map(AblyHttp.AblyHttp, (http) =>
 *   MessageUpdates.make(http, {
 *     path: "/channels/mutable%3Achat/messages",
 *     validName: Either.right("mutable:chat"),
 *     codecs: Either.right({ messages: DataCodec.untyped(), presence: DataCodec.untyped() }),
 *     maxMessageSize: 65536,
 *     spanAttributes: { attributes: { "ably.channel": "mutable:chat" } }
 *   }))
 */
export const make = <A, P>(http: Http, channel: ChannelContext<A, P>): MessageUpdates<A> => {
  const { path, validName, codecs } = channel
  const span = { captureStackTrace: false, attributes: channel.spanAttributes.attributes }
  const messagePath = (serial: string) => `${path}/${encodeURIComponent(serial)}`

  const getMessage = (serialOrMessage: SerialOrMessage) =>
    Effect.gen(function*() {
      yield* validName
      const serial = yield* Mutation.serialOf(serialOrMessage, "getMessage")
      const { messages: codec } = yield* codecs
      const response = yield* http.send({ method: "GET", path: messagePath(serial) })
      return yield* messageFromResponse(response, codec)
    }).pipe(Span.withSpan("RestChannel.getMessage", span))

  const change =
    (action: Mutation.MutationAction, spanName: string) =>
    (message: MessageEdit<A>, operation?: MessageOperation, params?: OperationParams) =>
      Effect.gen(function*() {
        yield* validName
        const { messages: codec } = yield* codecs
        const prepared = yield* Mutation.prepare(action, message, operation, {
          protocol: http.protocol,
          codec,
          maxMessageSize: channel.maxMessageSize
        })
        const query = yield* Mutation.checkParams(params)
        const response = yield* http.send({
          method: "PATCH",
          path: messagePath(prepared.serial),
          body: prepared.body,
          query
        })
        if (response.body === undefined) return { versionSerial: null }
        return yield* Effect.mapError(
          decodeResult(response.body),
          (cause) => unexpectedResponse("update result", cause, response.requestId)
        )
      }).pipe(Span.withSpan(spanName, span))

  const getMessageVersionsPage = (serialOrMessage: SerialOrMessage, params?: HistoryParams.HistoryParams) =>
    Effect.gen(function*() {
      yield* validName
      const serial = yield* Mutation.serialOf(serialOrMessage, "getMessageVersions")
      const query = yield* Query.history(params)
      const { messages: codec } = yield* codecs
      return yield* Paginated.fetchPage(
        { send: http.send, decode: (response) => messagesFromResponse(response, codec), origins: http.origins },
        // `messagesFromResponse` checks the depth of what it keeps as it reads the page.
        { method: "GET", path: `${messagePath(serial)}/versions`, query, depthCheckedByReader: true }
      )
    }).pipe(Span.withSpan("RestChannel.getMessageVersions", span))

  return {
    getMessage,
    updateMessage: change("message.update", "RestChannel.updateMessage"),
    deleteMessage: change("message.delete", "RestChannel.deleteMessage"),
    appendMessage: change("message.append", "RestChannel.appendMessage"),
    getMessageVersions: (serialOrMessage, params) => Paginated.items(getMessageVersionsPage(serialOrMessage, params)),
    getMessageVersionsPage
  }
}
