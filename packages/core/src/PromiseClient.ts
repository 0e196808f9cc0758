/**
 * The Promise facade, for code that does not use Effect: core's `Rest` client behind a
 * `ManagedRuntime`, with ably-js-shaped async methods. Lists are `AsyncIterable`s fetched
 * page by page as the loop asks (`break` stops fetching), with `…Page` variants giving a
 * `PaginatedResult`-like page; every method takes an optional `{ signal }` last; every
 * rejection is an `AblyError` (an `Error` with `code`, `statusCode`, `href`, `requestId`).
 * `@effect-ably/node/promise` and `@effect-ably/browser/promise` give `createClient(options)`.
 *
 * @since 0.1.0
 */
import type * as Layer from "effect/Layer"
import * as Client from "./internal/promise/Client.js"
import * as Runner from "./internal/promise/Runner.js"
import type * as Rest from "./Rest.js"

export {
  /**
   * What every Promise rejects with: core's `AblyError`, an `Error` subclass with Ably's
   * `code`, `statusCode`, `message`, `href`, `requestId` and a bounded `cause` (never a
   * secret). Interruption and defects are `AblyError`s too (see `aborted`, `closed`).
   *
   * @since 0.1.0
   * @category errors
   */
  AblyError,
  /**
   * `true` for an `AblyError`.
   *
   * @since 0.1.0
   * @category guards
   */
  isAblyError
} from "./Errors.js"

export {
  /**
   * Code and statusCode of a call aborted by its `signal`: 40000, 499.
   *
   * @since 0.1.0
   * @category constants
   */
  aborted,
  /**
   * Code and statusCode of a call made after `close()` or cut short by it: 80017, 400.
   *
   * @since 0.1.0
   * @category constants
   */
  closed
} from "./internal/promise/Runner.js"

export type {
  /**
   * The optional last argument of every method: `{ signal?: AbortSignal }`.
   *
   * @since 0.1.0
   * @category models
   */
  CallOptions
} from "./internal/promise/Runner.js"

export type {
  /**
   * `client.auth`: `requestToken`, `createTokenRequest`, `authorize`, `revokeTokens`, identity.
   *
   * @since 0.1.0
   * @category models
   */
  Auth,
  /**
   * `client.batchPublish`.
   *
   * @since 0.1.0
   * @category models
   */
  BatchPublish,
  /**
   * The client: `channels`, `time`, `stats`, `request`, `auth`, `batchPublish`,
   * `batchPresence`, `push.admin`, `close`.
   *
   * @since 0.1.0
   * @category models
   */
  Client
} from "./internal/promise/Client.js"

export type {
  /**
   * `client.channels.get(name).annotations`.
   *
   * @since 0.1.0
   * @category models
   */
  Annotations,
  /**
   * A channel: `publish`, `history`, `historyPage`, `presence`, `status`, mutable messages,
   * `annotations`.
   *
   * @since 0.1.0
   * @category models
   */
  Channel,
  /**
   * `updateMessage`, `deleteMessage`, `appendMessage`.
   *
   * @since 0.1.0
   * @category models
   */
  MessageChange,
  /**
   * `channel.presence`: `get`, `getPage`, `history`, `historyPage`.
   *
   * @since 0.1.0
   * @category models
   */
  Presence
} from "./internal/promise/Channel.js"

export type {
  /**
   * The answer of `client.request()`: a page plus status, success, error code and headers.
   *
   * @since 0.1.0
   * @category models
   */
  HttpPaginatedResponse,
  /**
   * A page: `items`, `hasNext()`, `isLast()`, `next()` (`null` after the last), `first()`, `current()`.
   *
   * @since 0.1.0
   * @category models
   */
  PaginatedResult
} from "./internal/promise/Pages.js"

export type {
  /**
   * `push.admin.channelSubscriptions`.
   *
   * @since 0.1.0
   * @category models
   */
  ChannelSubscriptions,
  /**
   * `push.admin.deviceRegistrations`.
   *
   * @since 0.1.0
   * @category models
   */
  DeviceRegistrations,
  /**
   * `push.admin.liveActivity`.
   *
   * @since 0.1.0
   * @category models
   */
  LiveActivity,
  /**
   * `client.push.admin`.
   *
   * @since 0.1.0
   * @category models
   */
  PushAdmin
} from "./internal/promise/Push.js"

/**
 * A Promise client over a layer giving `Rest` (`NodeRest.layer(options)`, the emulator's
 * `layerRest()`, your own). The layer is built on the first call, once; a layer that fails
 * (invalid options) rejects every call with its `AblyError`. Call `close()` when done.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { PromiseClient, Rest } from "@effect-ably/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 *
 * const client = PromiseClient.fromLayer(Rest.layer({ key: "app.key:secret" }).pipe(Layer.provide(FetchHttpClient.layer)))
 * const main = async () => {
 *   const channel = client.channels.get("orders")
 *   await channel.publish("created", { id: 42 })
 *   for await (const message of channel.history({ limit: 10 })) console.log(message.name)
 *   await client.close()
 * }
 */
export const fromLayer = <E>(layer: Layer.Layer<Rest.Rest, E>): Client.Client => Client.make(Runner.make(layer))
