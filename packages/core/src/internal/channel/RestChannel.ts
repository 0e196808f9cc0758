/**
 * `RestChannel` (RSL): publish, history, presence and status for one channel.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { ResolvedOptions } from "../../AblyOptions.js"
import type { ChannelDetails } from "../../ChannelDetails.js"
import type * as ChannelOptions from "../../ChannelOptions.js"
import type { PayloadData } from "../../DataCodec.js"
import { type AblyError, ablyError, unexpectedResponse } from "../../Errors.js"
import * as HistoryParams from "../../HistoryParams.js"
import { type Message, type PublishMessage, PublishResult } from "../../Message.js"
import type * as RestAnnotations from "../annotation/RestAnnotations.js"
import type { Service as Http } from "../http/AblyHttp.js"
import type { AblyResponse } from "../http/AblyRequest.js"
import * as Input from "../Input.js"
import * as Lazy from "../Lazy.js"
import { messagesFromResponse } from "../message/Decode.js"
import * as Publish from "../message/Publish.js"
import * as WireShape from "../message/WireShape.js"
import * as Paginated from "../paginated/Paginated.js"
import * as Query from "../params/Query.js"
import type * as RestPresence from "../presence/RestPresence.js"
import * as ChannelLimiter from "../rateLimit/ChannelLimiter.js"
import * as Span from "../Span.js"
import * as Step from "../Step.js"
import * as ChannelName from "./ChannelName.js"
import * as Codecs from "./Codecs.js"
import * as LazyParts from "./LazyParts.js"
import type * as MessageUpdates from "./MessageUpdates.js"

/**
 * A channel. `A` is the type of its message data (`unknown` unless the channel was created
 * with a `schema`), `P` the type of its presence data (`presenceSchema`).
 *
 * @since 0.1.0
 * @category models
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect, Schema } from "effect"
 * const Order = Schema.Struct({ id: Schema.Number })
 * const program = Effect.gen(function*() {
 *   const rest = yield* Rest.Rest
 *   const orders = rest.channels.get("orders", { schema: Order }) // RestChannel<{ readonly id: number }>
 *   yield* orders.publish("created", { id: 42 })
 * })
 */
export interface RestChannel<A = unknown, P = unknown> extends MessageUpdates.MessageUpdates<A> {
  readonly name: string
  /**
   * Publishes `(name, data)`, one message, or many messages in one request (RSL1). Messages
   * without ids get idempotent ids; data is checked by the channel Schema, encoded and
   * encrypted, and the size is checked (40009), all before anything is sent. Arguments are
   * checked at runtime too: not a name, message or array of messages is 40013, a field of the
   * wrong type 40003, unserialisable data or extras 40013.
   *
   * The idempotent ids are fixed when the publish Effect is built (drawn on its first run and
   * kept in the Effect value): `Effect.retry(channel.publish(m))`, or running the same Effect
   * value again, resends the same ids, so Ably stores the message once however many attempts
   * reach it. Calling `publish` again builds a new publish with new ids.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect, Schedule } from "effect"
   * const once = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.channel("orders").publish("created", { id: 42 }).pipe(Effect.retry(Schedule.recurs(3))))
   */
  readonly publish: {
    (name: string, ...data: unknown extends A ? [data?: unknown] : [data: A]): Effect.Effect<PublishResult, AblyError>
    (
      messages: PublishMessage<A> | ReadonlyArray<PublishMessage<A>>,
      params?: Readonly<Record<string, string>>
    ): Effect.Effect<PublishResult, AblyError>
  }
  /** Message history as a lazy stream over all pages (RSL2), data decoded to `A`. */
  readonly history: (params?: HistoryParams.HistoryParams) => Stream.Stream<Message<A>, AblyError>
  /** The first page of history, for paging by hand. */
  readonly historyPage: (params?: HistoryParams.HistoryParams) => Effect.Effect<Paginated.Page<Message<A>>, AblyError>
  /** Presence members and presence history (RSL3, RSP), data decoded to `P`. */
  readonly presence: RestPresence.RestPresence<P>
  /**
   * The channel's details and occupancy (RSL8). Activates the channel as a side effect; needs
   * the `channel-metadata` capability.
   */
  readonly status: Effect.Effect<ChannelDetails, AblyError>
  /**
   * Annotations of this channel's messages (RSL10, RSAN): `publish`, `delete`, `get`. Built on
   * first use.
   */
  readonly annotations: RestAnnotations.RestAnnotations
}

const decodePublishResult = Lazy.onFirstCall(() => Schema.decodeUnknown(PublishResult))

/**
 * Builds the channel object. An invalid name (40010) or invalid channel options (40003) are
 * reported by each operation.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as RestChannel from "./RestChannel.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { AblyOptions, Crypto } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const orders = Effect.gen(function*() {
 *   const http = yield* AblyHttp.AblyHttp
 *   const options = yield* AblyOptions.AblyOptions
 *   const key = yield* Crypto.generateRandomKey()
 *   return RestChannel.make(http, options, "orders", { cipher: { key } })
 * })
 */
export const make = <
  A = unknown,
  I extends PayloadData = PayloadData,
  P = unknown,
  J extends PayloadData = PayloadData
>(
  http: Http,
  options: ResolvedOptions,
  name: string,
  channelOptions?: ChannelOptions.ChannelOptions<A, I, P, J>
): RestChannel<A, P> => {
  const path = `${ChannelName.path(name)}/messages`
  const spanAttributes = { captureStackTrace: false, attributes: { "ably.channel": name } }
  const validName = ChannelName.validate(name)
  const codecs = Codecs.forChannel(channelOptions)
  let annotations: RestAnnotations.RestAnnotations | undefined
  // `undefined` unless the client sets `publishRateLimit`: one check per publish.
  const limited = ChannelLimiter.forChannel(options, name)

  // The answer of a publish: its serials, by the hand-written check or else the Schema.
  const publishResult = (response: AblyResponse): Effect.Effect<PublishResult, AblyError> => {
    if (response.body === undefined) return Effect.succeed({ serials: [] })
    const result = WireShape.publishResult(response.body)
    return result !== undefined ? Effect.succeed(result) : Effect.mapError(
      decodePublishResult(response.body),
      (cause) => unexpectedResponse("publish result", cause, response.requestId)
    )
  }

  const sendPublish = (body: ReadonlyArray<Publish.WireOutbound>, query: Query.Query | undefined) =>
    Effect.flatMap(http.send({ method: "POST", path, body, query }), publishResult)

  // The steps of one run, as plain continuations (no generator): each check that is already
  // an `Either` is read here rather than yielded.
  const publishWith = (
    { messages, params }: Publish.PublishArguments,
    codec: ChannelOptions.ChannelCodecs<A, P>["messages"],
    idBase: Effect.Effect<string>
  ): Effect.Effect<PublishResult, AblyError> => {
    const prepared = Publish.prepare(messages, {
      protocol: http.protocol,
      maxMessageSize: options.maxMessageSize,
      idempotent: options.idempotentRestPublishing,
      codec,
      idBase
    })
    const query = params === undefined ? undefined : Object.entries(params)
    const send = limited === undefined
      ? (body: ReadonlyArray<Publish.WireOutbound>) => sendPublish(body, query)
      : (body: ReadonlyArray<Publish.WireOutbound>) =>
        Effect.flatMap(limited(messages.length), () => sendPublish(body, query))
    if (Step.isEither(prepared)) return Either.isLeft(prepared) ? Either.left(prepared.left) : send(prepared.right)
    return Effect.flatMap(prepared, send)
  }

  const publishMessages = (checked: Either.Either<Publish.PublishArguments, AblyError>) => {
    // Built only when a span is made.
    const spanOptions = () => ({
      attributes: Either.isRight(checked)
        ? { "ably.channel": name, "ably.message.count": checked.right.messages.length }
        : spanAttributes.attributes
    })
    // Drawn once per publish Effect: every run of it (retries included) resends the same ids.
    const idBase = Publish.idBaseOnce()
    return Span.suspendWithSpan("RestChannel.publish", spanOptions, (): Effect.Effect<PublishResult, AblyError> => {
      if (Either.isLeft(validName)) return Either.left(validName.left)
      if (Either.isLeft(checked)) return Either.left(checked.left)
      const args = checked.right
      if (Step.isEither(codecs)) {
        return Either.isLeft(codecs) ? Either.left(codecs.left) : publishWith(args, codecs.right.messages, idBase)
      }
      return Effect.flatMap(codecs, (channelCodecs) => publishWith(args, channelCodecs.messages, idBase))
    })
  }

  // The arguments are checked at runtime, whatever their static type said; the channel codec
  // checks the data.
  const publish: RestChannel<A, P>["publish"] = (first: unknown, second?: unknown) =>
    publishMessages(Publish.publishArguments(first, second))

  const historyPage = (params?: HistoryParams.HistoryParams) =>
    Effect.gen(function*() {
      yield* validName
      const query = yield* Query.history(params)
      const { messages: codec } = yield* codecs
      return yield* Paginated.fetchPage(
        { send: http.send, decode: (response) => messagesFromResponse(response, codec), origins: http.origins },
        // `messagesFromResponse` checks the depth of what it keeps as it reads the page.
        { method: "GET", path, query, depthCheckedByReader: true }
      )
    }).pipe(Span.withSpan("RestChannel.history", spanAttributes))

  return {
    name,
    publish,
    history: (params) => Paginated.items(historyPage(params)),
    historyPage,
    presence: LazyParts.presence(http, {
      name,
      path: ChannelName.path(name),
      validName,
      codec: Effect.map(codecs, (channelCodecs) => channelCodecs.presence)
    }),
    status: LazyParts.status(http, { name, path: ChannelName.path(name), validName }),
    ...LazyParts.messageUpdates(http, {
      path,
      validName,
      codecs,
      maxMessageSize: options.maxMessageSize,
      spanAttributes
    }),
    get annotations() {
      return annotations ??= LazyParts.annotations(http, {
        path,
        validName,
        codecs,
        idempotent: options.idempotentRestPublishing,
        spanAttributes
      })
    }
  }
}

/**
 * `channels.get` / `channel`: a channel by name, with options. The data types `A` and `P`
 * come from `options.schema` and `options.presenceSchema` (`unknown` without them).
 *
 * @since 0.1.0
 * @category models
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect, Schema } from "effect"
 * const program = Effect.gen(function*() {
 *   const rest = yield* Rest.Rest
 *   const plain = rest.channel("plain") // RestChannel<unknown, unknown>
 *   const secret = rest.channels.get("secret", { cipher: { key: "WUP6u0K7MXI5Zeo0VppPwg==" } })
 *   const typed = rest.channel("typed", { schema: Schema.Struct({ n: Schema.Number }) })
 * })
 */
export interface GetChannel {
  <A = unknown, I extends PayloadData = PayloadData, P = unknown, J extends PayloadData = PayloadData>(
    name: string,
    options?: ChannelOptions.ChannelOptions<A, I, P, J>
  ): RestChannel<A, P>
}

/**
 * A channel for a name that is not a string (plain JavaScript or a cast): every operation fails
 * with 40010 and nothing is sent.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as RestChannel from "./RestChannel.js"
 * const channel = RestChannel.rejected(42) // channel.publish("n", "d") fails with AblyError 40010
 */
export const rejected = <A = unknown, P = unknown>(name: unknown): RestChannel<A, P> => {
  const error = ablyError(40010, 400, `Invalid channel name: expected a string, got ${Input.describe(name)}`)
  const fail = () => Effect.fail(error)
  const failStream = () => Stream.fail(error)
  return {
    name: "",
    publish: fail,
    history: failStream,
    historyPage: fail,
    presence: { get: failStream, getPage: fail, history: failStream, historyPage: fail },
    status: Effect.fail(error),
    getMessage: fail,
    updateMessage: fail,
    deleteMessage: fail,
    appendMessage: fail,
    getMessageVersions: failStream,
    getMessageVersionsPage: fail,
    annotations: LazyParts.failingAnnotations(error)
  }
}
