/**
 * `RestChannel` (RSL): publish and history for one channel.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { type AblyError, unexpectedResponse } from "../Errors.js"
import type { Service as Http } from "../Http/AblyHttp.js"
import type { ResolvedOptions } from "../Options/AblyOptions.js"
import { messagesFromResponse } from "../Message/Decode.js"
import { type Message, type OutboundMessage, PublishResult } from "../Message/Message.js"
import * as Publish from "../Message/Publish.js"
import * as Paginated from "../Paginated/Paginated.js"
import * as ChannelName from "./ChannelName.js"
import * as HistoryParams from "./HistoryParams.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface RestChannel {
  readonly name: string
  /**
   * Publishes `(name, data)`, one message, or many messages in one request (RSL1). Messages
   * without ids get idempotent ids; the size is checked first (40009).
   */
  readonly publish: {
    (name: string, data?: unknown): Effect.Effect<PublishResult, AblyError>
    (
      messages: OutboundMessage | ReadonlyArray<OutboundMessage>,
      params?: Readonly<Record<string, string>>
    ): Effect.Effect<PublishResult, AblyError>
  }
  /** Message history as a lazy stream over all pages (RSL2). */
  readonly history: (params?: HistoryParams.HistoryParams) => Stream.Stream<Message, AblyError>
  /** The first page of history, for paging by hand. */
  readonly historyPage: (params?: HistoryParams.HistoryParams) => Effect.Effect<Paginated.Page<Message>, AblyError>
}

const isMessageList = (
  messages: OutboundMessage | ReadonlyArray<OutboundMessage>
): messages is ReadonlyArray<OutboundMessage> => Array.isArray(messages)

const decodePublishResult = Schema.decodeUnknown(PublishResult)

/**
 * Builds the channel object. An invalid name is reported (40010) by each operation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (http: Http, options: ResolvedOptions, name: string): RestChannel => {
  const path = `${ChannelName.path(name)}/messages`
  const spanAttributes = { attributes: { "ably.channel": name } }
  const validName = ChannelName.validate(name)

  const publishMessages = (messages: ReadonlyArray<OutboundMessage>, params?: Readonly<Record<string, string>>) =>
    Effect.gen(function*() {
      yield* validName
      const body = yield* Publish.prepare(messages, {
        protocol: http.protocol,
        maxMessageSize: options.maxMessageSize,
        idempotent: options.idempotentRestPublishing
      })
      const response = yield* http.send({
        method: "POST",
        path,
        body,
        query: params === undefined ? undefined : Object.entries(params)
      })
      if (response.body === undefined) return { serials: [] }
      return yield* Effect.mapError(decodePublishResult(response.body), (cause) =>
        unexpectedResponse("publish result", cause, response.requestId))
    }).pipe(Effect.withSpan("RestChannel.publish", spanAttributes))

  const publish: RestChannel["publish"] = (
    first: string | OutboundMessage | ReadonlyArray<OutboundMessage>,
    second?: unknown
  ) =>
    Predicate.isString(first)
      ? publishMessages([{ name: first, data: second }])
      // The overloads guarantee that `second` is the params map here.
      : publishMessages(isMessageList(first) ? first : [first], second as Readonly<Record<string, string>> | undefined)

  const historyPage = (params?: HistoryParams.HistoryParams) =>
    Effect.gen(function*() {
      yield* validName
      const query = yield* HistoryParams.toQuery(params)
      return yield* Paginated.fetchPage({ send: http.send, decode: messagesFromResponse }, { method: "GET", path, query })
    }).pipe(Effect.withSpan("RestChannel.history", spanAttributes))

  return {
    name,
    publish,
    history: (params) => Paginated.items(historyPage(params)),
    historyPage
  }
}
