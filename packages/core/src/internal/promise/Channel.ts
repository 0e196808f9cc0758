/**
 * A channel of the Promise client: core's `RestChannel` with Promises and `AsyncIterable`s.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { Annotation, GetAnnotationsParams, OutboundAnnotation } from "../../Annotation.js"
import type { ChannelDetails } from "../../ChannelDetails.js"
import type * as ChannelOptions from "../../ChannelOptions.js"
import type { PayloadData } from "../../DataCodec.js"
import type { AblyError } from "../../Errors.js"
import type { HistoryParams } from "../../HistoryParams.js"
import type {
  Message,
  MessageEdit,
  MessageOperation,
  PublishMessage,
  PublishResult,
  UpdateDeleteResult
} from "../../Message.js"
import type { PresenceMessage } from "../../PresenceMessage.js"
import type { PresenceParams } from "../../PresenceParams.js"
import { Rest } from "../../Rest.js"
import type { OperationParams, RestChannel, SerialOrMessage } from "../../RestChannel.js"
import type * as Paginated from "../paginated/Paginated.js"
import * as Pages from "./Pages.js"
import type { CallOptions, Runner } from "./Runner.js"

/**
 * A channel's presence (RSP): members now (`get`) and presence events (`history`), as
 * `AsyncIterable`s fetched page by page, or first pages.
 *
 * @since 0.1.0
 * @category models
 */
export interface Presence<P = unknown> {
  readonly get: (params?: PresenceParams, options?: CallOptions) => AsyncIterable<PresenceMessage<P>>
  readonly getPage: (
    params?: PresenceParams,
    options?: CallOptions
  ) => Promise<Pages.PaginatedResult<PresenceMessage<P>>>
  readonly history: (params?: HistoryParams, options?: CallOptions) => AsyncIterable<PresenceMessage<P>>
  readonly historyPage: (
    params?: HistoryParams,
    options?: CallOptions
  ) => Promise<Pages.PaginatedResult<PresenceMessage<P>>>
}

/**
 * Annotations of a channel's messages (RSAN): `publish`, `delete`, `get` (every page), `getPage`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Annotations {
  readonly publish: (message: SerialOrMessage, annotation: OutboundAnnotation, options?: CallOptions) => Promise<void>
  readonly delete: (message: SerialOrMessage, annotation: OutboundAnnotation, options?: CallOptions) => Promise<void>
  readonly get: (
    message: SerialOrMessage,
    params?: GetAnnotationsParams,
    options?: CallOptions
  ) => AsyncIterable<Annotation>
  readonly getPage: (
    message: SerialOrMessage,
    params?: GetAnnotationsParams,
    options?: CallOptions
  ) => Promise<Pages.PaginatedResult<Annotation>>
}

/**
 * One of `updateMessage`, `deleteMessage`, `appendMessage`.
 *
 * @since 0.1.0
 * @category models
 */
export type MessageChange<A> = (
  message: MessageEdit<A>,
  operation?: MessageOperation,
  params?: OperationParams,
  options?: CallOptions
) => Promise<UpdateDeleteResult>

/**
 * A channel (RSL) whose message data is `A` and presence data `P`: the operations of core's
 * `RestChannel`, each taking an optional `{ signal }` last.
 *
 * @since 0.1.0
 * @category models
 */
export interface Channel<A = unknown, P = unknown> {
  readonly name: string
  /** `(name, data)`, one message or an array of messages, in one request (RSL1). */
  readonly publish: {
    (name: string, data?: A, options?: CallOptions): Promise<PublishResult>
    (
      messages: PublishMessage<A> | ReadonlyArray<PublishMessage<A>>,
      params?: Readonly<Record<string, string>>,
      options?: CallOptions
    ): Promise<PublishResult>
  }
  /** Every message of the history (RSL2), fetched page by page as the loop asks. */
  readonly history: (params?: HistoryParams, options?: CallOptions) => AsyncIterable<Message<A>>
  readonly historyPage: (params?: HistoryParams, options?: CallOptions) => Promise<Pages.PaginatedResult<Message<A>>>
  readonly presence: Presence<P>
  /** Details and occupancy (RSL8). */
  readonly status: (options?: CallOptions) => Promise<ChannelDetails>
  readonly getMessage: (serialOrMessage: SerialOrMessage, options?: CallOptions) => Promise<Message<A>>
  readonly updateMessage: MessageChange<A>
  readonly deleteMessage: MessageChange<A>
  readonly appendMessage: MessageChange<A>
  readonly getMessageVersions: (
    serialOrMessage: SerialOrMessage,
    params?: HistoryParams,
    options?: CallOptions
  ) => AsyncIterable<Message<A>>
  readonly getMessageVersionsPage: (
    serialOrMessage: SerialOrMessage,
    params?: HistoryParams,
    options?: CallOptions
  ) => Promise<Pages.PaginatedResult<Message<A>>>
  readonly annotations: Annotations
}

// Core's publish checks its arguments at runtime whatever their static type (40013, 40003):
// its two overloads are one function of two unknown arguments.
type CheckedPublish = (first: unknown, second?: unknown) => Effect.Effect<PublishResult, AblyError>

/**
 * The channel `name` of the client behind `runner`. Core's channel is made on the first call
 * and kept.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Channel from "./Channel.js"
 * import type * as Runner from "./Runner.js"
 * declare const runner: Runner.Runner
 * const orders = Channel.make(runner, "orders")
 * const published = orders.publish("created", { id: 42 })
 */
export const make = <
  A = unknown,
  I extends PayloadData = PayloadData,
  P = unknown,
  J extends PayloadData = PayloadData
>(
  runner: Runner,
  name: string,
  channelOptions?: ChannelOptions.ChannelOptions<A, I, P, J>
): Channel<A, P> => {
  let core: RestChannel<A, P> | undefined
  const channel = Effect.map(Rest, (rest) => core ??= rest.channels.get(name, channelOptions))
  const call = <B>(f: (c: RestChannel<A, P>) => Effect.Effect<B, AblyError>, options?: CallOptions) =>
    runner.run(Effect.flatMap(channel, f), options)
  const items = <B>(f: (c: RestChannel<A, P>) => Stream.Stream<B, AblyError>, options?: CallOptions) =>
    Pages.iterable(runner, Stream.unwrap(Effect.map(channel, f)), options)
  const page = <B>(f: (c: RestChannel<A, P>) => Effect.Effect<Paginated.Page<B>, AblyError>, options?: CallOptions) =>
    runner.run(Effect.map(Effect.flatMap(channel, f), (p) => Pages.page(runner, p)), options)
  const change =
    (pick: (c: RestChannel<A, P>) => RestChannel<A, P>["updateMessage"]): MessageChange<A> =>
    (message, operation, params, options) => call((c) => pick(c)(message, operation, params), options)

  const publish = (first: unknown, second?: unknown, options?: CallOptions) =>
    call((c) => (c.publish as CheckedPublish)(first, second), options)

  return {
    name,
    publish,
    history: (params, options) => items((c) => c.history(params), options),
    historyPage: (params, options) => page((c) => c.historyPage(params), options),
    presence: {
      get: (params, options) => items((c) => c.presence.get(params), options),
      getPage: (params, options) => page((c) => c.presence.getPage(params), options),
      history: (params, options) => items((c) => c.presence.history(params), options),
      historyPage: (params, options) => page((c) => c.presence.historyPage(params), options)
    },
    status: (options) => call((c) => c.status, options),
    getMessage: (serialOrMessage, options) => call((c) => c.getMessage(serialOrMessage), options),
    updateMessage: change((c) => c.updateMessage),
    deleteMessage: change((c) => c.deleteMessage),
    appendMessage: change((c) => c.appendMessage),
    getMessageVersions: (serialOrMessage, params, options) =>
      items((c) => c.getMessageVersions(serialOrMessage, params), options),
    getMessageVersionsPage: (serialOrMessage, params, options) =>
      page((c) => c.getMessageVersionsPage(serialOrMessage, params), options),
    annotations: {
      publish: (message, annotation, options) => call((c) => c.annotations.publish(message, annotation), options),
      delete: (message, annotation, options) => call((c) => c.annotations.delete(message, annotation), options),
      get: (message, params, options) => items((c) => c.annotations.get(message, params), options),
      getPage: (message, params, options) => page((c) => c.annotations.getPage(message, params), options)
    }
  }
}
