/**
 * The optional parts of a channel, loaded on first use (see `Lazy`): presence, status, the
 * mutable-message operations and annotations. Each is a facade with the same interface whose
 * operations load the part's module, build the part once per channel and call it; only types
 * are imported statically, so a bundle or a Node process that never calls them never loads
 * them.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ChannelDetails } from "../../ChannelDetails.js"
import type { AblyError } from "../../Errors.js"
import type * as RestAnnotations from "../annotation/RestAnnotations.js"
import type { Service as Http } from "../http/AblyHttp.js"
import * as Lazy from "../Lazy.js"
import * as Paginated from "../paginated/Paginated.js"
import type * as RestPresence from "../presence/RestPresence.js"
import type * as ChannelStatus from "../status/ChannelStatus.js"
import type * as MessageUpdates from "./MessageUpdates.js"

const presenceModule = Lazy.module("presence", () => import("../presence/RestPresence.js"))
const statusModule = Lazy.module("channel status", () => import("../status/ChannelStatus.js"))
const updatesModule = Lazy.module("mutable messages", () => import("./MessageUpdates.js"))
const annotationsModule = Lazy.module("annotations", () => import("../annotation/RestAnnotations.js"))

/**
 * `channel.presence`, loaded on first use.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as LazyParts from "./LazyParts.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { DataCodec } from "@effect-ably/core"
 * import { Effect, Either } from "effect"
 * const room = { name: "room", path: "/channels/room", validName: Either.right("room"), codec: Effect.succeed(DataCodec.untyped()) }
 * const presence = Effect.map(AblyHttp.AblyHttp, (http) => LazyParts.presence(http, room))
 */
export const presence = <P>(
  http: Http,
  channel: Parameters<typeof RestPresence.make<P>>[1]
): RestPresence.RestPresence<P> => {
  const built = Lazy.built(presenceModule, (module) => module.make<P>(http, channel))
  const getPage: RestPresence.RestPresence<P>["getPage"] = (params) => Lazy.call(built, (part) => part.getPage(params))
  const historyPage: RestPresence.RestPresence<P>["historyPage"] = (params) =>
    Lazy.call(built, (part) => part.historyPage(params))
  return {
    get: (params) => Paginated.items(getPage(params)),
    getPage,
    history: (params) => Paginated.items(historyPage(params)),
    historyPage
  }
}

/**
 * `channel.status`, loaded on first use.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as LazyParts from "./LazyParts.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect, Either } from "effect"
 * const details = Effect.flatMap(AblyHttp.AblyHttp, (http) =>
 *   LazyParts.status(http, { name: "room", path: "/channels/room", validName: Either.right("room") }))
 */
export const status = (
  http: Http,
  channel: Parameters<typeof ChannelStatus.status>[1]
): Effect.Effect<ChannelDetails, AblyError> => Effect.flatMap(statusModule, (module) => module.status(http, channel))

/**
 * The mutable-message operations of a channel, loaded on first use.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as LazyParts from "./LazyParts.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { DataCodec } from "@effect-ably/core"
 * import { Effect, Either } from "effect"
 * const updates = Effect.map(AblyHttp.AblyHttp, (http) =>
 *   LazyParts.messageUpdates(http, {
 *     path: "/channels/mutable%3Achat/messages",
 *     validName: Either.right("mutable:chat"),
 *     codecs: Either.right({ messages: DataCodec.untyped(), presence: DataCodec.untyped() }),
 *     maxMessageSize: 65536,
 *     spanAttributes: { attributes: { "ably.channel": "mutable:chat" } }
 *   }))
 */
export const messageUpdates = <A, P>(
  http: Http,
  channel: MessageUpdates.ChannelContext<A, P>
): MessageUpdates.MessageUpdates<A> => {
  const built = Lazy.built(updatesModule, (module) => module.make(http, channel))
  const getMessageVersionsPage: MessageUpdates.MessageUpdates<A>["getMessageVersionsPage"] = (serial, params) =>
    Lazy.call(built, (part) => part.getMessageVersionsPage(serial, params))
  return {
    getMessage: (serial) => Lazy.call(built, (part) => part.getMessage(serial)),
    updateMessage: (message, operation, params) =>
      Lazy.call(built, (part) => part.updateMessage(message, operation, params)),
    deleteMessage: (message, operation, params) =>
      Lazy.call(built, (part) => part.deleteMessage(message, operation, params)),
    appendMessage: (message, operation, params) =>
      Lazy.call(built, (part) => part.appendMessage(message, operation, params)),
    getMessageVersions: (serial, params) => Paginated.items(getMessageVersionsPage(serial, params)),
    getMessageVersionsPage
  }
}

/**
 * `channel.annotations`, loaded on first use.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as LazyParts from "./LazyParts.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { DataCodec } from "@effect-ably/core"
 * import { Effect, Either } from "effect"
 * const annotations = Effect.map(AblyHttp.AblyHttp, (http) =>
 *   LazyParts.annotations(http, {
 *     path: "/channels/mutable%3Achat/messages",
 *     validName: Either.right("mutable:chat"),
 *     codecs: Either.right({ messages: DataCodec.untyped(), presence: DataCodec.untyped() }),
 *     idempotent: true,
 *     spanAttributes: { attributes: { "ably.channel": "mutable:chat" } }
 *   }))
 */
export const annotations = <A, P>(
  http: Http,
  channel: RestAnnotations.ChannelContext<A, P>
): RestAnnotations.RestAnnotations => {
  const built = Lazy.built(annotationsModule, (module) => module.make(http, channel))
  const getPage: RestAnnotations.RestAnnotations["getPage"] = (serial, params) =>
    Lazy.call(built, (part) => part.getPage(serial, params))
  return {
    publish: (serial, annotation) => Lazy.call(built, (part) => part.publish(serial, annotation)),
    delete: (serial, annotation) => Lazy.call(built, (part) => part.delete(serial, annotation)),
    get: (serial, params) => Paginated.items(getPage(serial, params)),
    getPage
  }
}

/**
 * Annotations of a channel whose name was rejected: every operation fails with `error`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as LazyParts from "./LazyParts.js"
 * import { Errors } from "@effect-ably/core"
 * const none = LazyParts.failingAnnotations(Errors.ablyError(40010, 400, "Invalid channel name"))
 */
export const failingAnnotations = (error: AblyError): RestAnnotations.RestAnnotations => ({
  publish: () => Effect.fail(error),
  delete: () => Effect.fail(error),
  get: () => Stream.fail(error),
  getPage: () => Effect.fail(error)
})
