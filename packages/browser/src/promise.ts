/**
 * The Promise facade for browsers (fetch, JSON by default), for code that does not use Effect:
 * `createClient(options)` gives ably-js-shaped async methods over the Effect client
 * (`BrowserRest.layer(options)`) through a `ManagedRuntime`. Every rejection is an `AblyError`.
 *
 * @since 0.1.0
 */
import type * as ClientOptions from "@effect-ably/core/ClientOptions"
import * as PromiseClient from "@effect-ably/core/PromiseClient"
import * as BrowserRest from "./BrowserRest.js"

// What every Promise of the client rejects with (core's `Errors.AblyError`: `code`,
// `statusCode`, `message`, `href`, `requestId`), and the client's types.
export {
  AblyError,
  type CallOptions,
  type Channel,
  type Client,
  type PaginatedResult
} from "@effect-ably/core/PromiseClient"

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
