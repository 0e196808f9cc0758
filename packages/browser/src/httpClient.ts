/**
 * A `fetch`-based `HttpClient` (`@effect/platform`'s `FetchHttpClient.layer`), for `Rest.layer`
 * with your own middleware around it (`BrowserRest.layer` uses the leaner `BrowserRest.EngineLive`).
 * An entry of its own, outside the package index: an app that does not use it neither loads nor
 * bundles the platform's client (a lazy `import()` would still put the effect code it uses in
 * the first-loaded chunks: bundlers make every `import()` target a chunk and share its
 * dependencies with the app's).
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Layer from "effect/Layer"

/**
 * The `fetch` `HttpClient` layer (`FetchHttpClient.layer`; provide `FetchHttpClient.Fetch` for
 * your own `fetch`).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import * as BrowserHttpClient from "@effect-ably/browser/httpClient"
 * import * as Rest from "@effect-ably/core/Rest"
 * import { Layer } from "effect"
 * const RestLive = Rest.layer({ token: "t" }).pipe(Layer.provide(BrowserHttpClient.layer))
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer
