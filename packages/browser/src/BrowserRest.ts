/**
 * The Ably REST client for browsers and other `fetch` runtimes (workers, edge).
 *
 * @since 0.1.0
 */
// Module by module, not the package index: an app loads what it uses (bench/startup.ts).
import * as AblyOptions from "@effect-ably/core/AblyOptions"
import type * as ClientOptions from "@effect-ably/core/ClientOptions"
import type * as Errors from "@effect-ably/core/Errors"
import * as Rest from "@effect-ably/core/Rest"
import * as Layer from "effect/Layer"
import * as FetchEngine from "./internal/FetchEngine.js"

type Input = ClientOptions.ClientOptionsInput

/**
 * The `fetch` `HttpEngine` used by `layer`: no `HttpClient` in between, redirects not
 * followed, one timer per attempt. Give it to `Rest.fromEngineLayer` for a client from your
 * own options layer.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { BrowserRest } from "@effect-ably/browser"
 * import { AblyOptions, Rest } from "@effect-ably/core"
 * import { Layer } from "effect"
 * const RestLive = Rest.fromEngineLayer(AblyOptions.layer({ token: "t" })).pipe(Layer.provide(BrowserRest.EngineLive))
 */
export const EngineLive: Layer.Layer<Rest.HttpEngine> = FetchEngine.layer

/**
 * Browser defaults: JSON unless `useBinaryProtocol` is set (faster in browsers, smaller
 * bundles), and the `browser` agent (RSC7d).
 *
 * @since 0.1.0
 * @category options
 * @example
 * import { BrowserRest } from "@effect-ably/browser"
 * BrowserRest.browserDefaults({ key: "app.key:secret" }).useBinaryProtocol // false
 */
export const browserDefaults = (options: Input | string): Input => {
  const input = AblyOptions.normalize(options)
  return { useBinaryProtocol: false, ...input, agents: { browser: null, ...input.agents } }
}

/**
 * A ready `Rest` client from options, over `fetch` (from configuration: `BrowserRestConfig.layer`).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { BrowserRest } from "@effect-ably/browser"
 * const RestLive = BrowserRest.layer({ token: "a-token-from-your-server" })
 */
export const layer = (options: Input | string): Layer.Layer<Rest.Rest, Errors.AblyError> =>
  Rest.fromEngineLayer(AblyOptions.layer(browserDefaults(options))).pipe(Layer.provide(EngineLive))
