/**
 * The Ably REST client for Node.js: the core client over undici's dispatcher.
 *
 * @since 0.1.0
 */
// Module by module, not the package index: an app loads what it uses (bench/startup.ts).
import * as AblyOptions from "@effect-ably/core/AblyOptions"
import type * as ClientOptions from "@effect-ably/core/ClientOptions"
import type * as Errors from "@effect-ably/core/Errors"
import * as Rest from "@effect-ably/core/Rest"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

type Input = ClientOptions.ClientOptionsInput

/**
 * A Node `HttpClient` over undici's `Agent.request` with a keep-alive connection pool (closed
 * with the layer's scope), for `Rest.layer` with your own middleware around it (`layer` uses
 * the leaner `EngineLive`). Redirects are not followed. Needs only `@effect/platform` and
 * `undici`, not `@effect/platform-node`. The adapter (and the platform's `HttpClient`) is
 * imported when this layer is built, not when the package is.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { NodeRest } from "@effect-ably/node"
 * import * as Rest from "@effect-ably/core/Rest"
 * import { Layer } from "effect"
 * const RestLive = Rest.layer({ key: "app.key:secret" }).pipe(Layer.provide(NodeRest.HttpClientLive))
 */
export const HttpClientLive: Layer.Layer<HttpClient.HttpClient> = /*#__PURE__*/ Layer.unwrapEffect(
  Effect.map(Effect.promise(() => import("./internal/UndiciHttpClient.js")), (adapter) => adapter.layer)
)

/**
 * The Node `HttpEngine` used by `layer`: undici's `Agent.dispatch` directly, with a keep-alive
 * connection pool closed with the layer's scope, one timer per attempt and no redirects
 * followed. A connection not made within `httpOpenTimeout` is closed then, not at undici's
 * default 10 s (undici's connect timeout is the client's). Give it to `Rest.fromEngineLayer`
 * for a client from your own options layer. The engine (and undici) is imported when this
 * layer is built, not when the package is.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { NodeRest } from "@effect-ably/node"
 * import { AblyOptions, Rest } from "@effect-ably/core"
 * import { Layer } from "effect"
 * const RestLive = Rest.fromEngineLayer(AblyOptions.layer({ key: "app.key:secret" })).pipe(Layer.provide(NodeRest.EngineLive))
 */
export const EngineLive: Layer.Layer<Rest.HttpEngine> = /*#__PURE__*/ Layer.unwrapEffect(
  Effect.map(Effect.promise(() => import("./internal/UndiciEngine.js")), (engine) => engine.layer)
)

// RSC7d: identify the runtime in Ably-Agent ("nodejs" is a registered agent).
const withNodeAgent = (options: Input | string): Input => {
  const input = AblyOptions.normalize(options)
  return { ...input, agents: { nodejs: process.versions.node, ...input.agents } }
}

/**
 * A ready `Rest` client from options.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { NodeRest } from "@effect-ably/node"
 * import * as Rest from "@effect-ably/core/Rest"
 * import { Effect } from "effect"
 *
 * const program = Effect.flatMap(Rest.Rest, (rest) => rest.time)
 * Effect.runPromise(program.pipe(Effect.provide(NodeRest.layer({ key: process.env.ABLY_API_KEY ?? "" }))))
 */
export const layer = (options: Input | string): Layer.Layer<Rest.Rest, Errors.AblyError> =>
  Rest.fromEngineLayer(AblyOptions.layer(withNodeAgent(options))).pipe(Layer.provide(EngineLive))

/**
 * A ready `Rest` client from configuration, over undici: `layerConfig()` reads `ABLY_API_KEY`,
 * `ABLY_ENDPOINT`, … (see `AblyOptions.config`); `layerConfig(config)` takes each option as a
 * `Config` (a `Config.Config.Wrap`, as `@effect/ai-openai`'s `layerConfig` does).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { NodeRest } from "@effect-ably/node"
 * import { Config } from "effect"
 * const FromEnv = NodeRest.layerConfig()
 * const Custom = NodeRest.layerConfig({ key: Config.redacted("MY_ABLY_KEY") })
 */
export const layerConfig = (
  config?: Config.Config.Wrap<Input>
): Layer.Layer<Rest.Rest, Errors.AblyError | ConfigError.ConfigError> =>
  Rest.fromEngineLayer(AblyOptions.layerConfig(config, { defaults: withNodeAgent({}) })).pipe(Layer.provide(EngineLive))
