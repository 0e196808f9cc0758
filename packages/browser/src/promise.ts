/**
 * The Promise facade for browsers (fetch, JSON by default), for code that does not use Effect:
 * `createClient(options)` gives ably-js-shaped async methods over the Effect client
 * (`BrowserRest.layer(options)`) through a `ManagedRuntime`. Every rejection is an `AblyError`.
 *
 * @since 0.1.0
 */
import { type ClientOptions, PromiseClient } from "@effect-ably/core"
import * as BrowserRest from "./BrowserRest.js"

/**
 * What every Promise of the client rejects with: an `Error` with Ably's `code`, `statusCode`,
 * `message`, `href` and `requestId` (core's `Errors.AblyError`).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { AblyError, createClient } from "@effect-ably/browser/promise"
 *
 * const main = async () => {
 *   try {
 *     await createClient({ key: "app.key:secret" }).time()
 *   } catch (error) {
 *     if (error instanceof AblyError) console.log(error.code, error.statusCode, error.href)
 *   }
 * }
 */
export const AblyError: typeof PromiseClient.AblyError = PromiseClient.AblyError

/**
 * @since 0.1.0
 * @category errors
 */
export type AblyError = PromiseClient.AblyError

/**
 * The client, its channels, pages and call options (see `PromiseClient` in `@effect-ably/core`).
 *
 * @since 0.1.0
 * @category models
 */
export type Client = PromiseClient.Client

/**
 * @since 0.1.0
 * @category models
 */
export type Channel<A = unknown, P = unknown> = PromiseClient.Channel<A, P>

/**
 * @since 0.1.0
 * @category models
 */
export type PaginatedResult<A> = PromiseClient.PaginatedResult<A>

/**
 * @since 0.1.0
 * @category models
 */
export type CallOptions = PromiseClient.CallOptions

/**
 * A Promise client from options (a key string or `ClientOptions`). Invalid options reject
 * the first call (and every later one) with an `AblyError`. Call `close()` when done.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { createClient } from "@effect-ably/browser/promise"
 *
 * const client = createClient({ key: "app.key:secret" })
 * const main = async () => {
 *   await client.channels.get("orders").publish("created", { id: 42 })
 *   for await (const message of client.channels.get("orders").history({ limit: 10 })) console.log(message.data)
 *   await client.close()
 * }
 */
export const createClient = (options: ClientOptions.ClientOptionsInput | string): PromiseClient.Client =>
  PromiseClient.fromLayer(BrowserRest.layer(options))
