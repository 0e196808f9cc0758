/**
 * The browser client from configuration, in a module of its own: an app that gives its options
 * in code (`BrowserRest.layer`) carries none of effect's Config machinery, even when it imports
 * `BrowserRest` from the package index (a bundler keeps every export of a namespace it imports).
 *
 * @since 0.1.0
 */
import * as AblyOptions from "@effect-ably/core/AblyOptions"
import type * as ClientOptions from "@effect-ably/core/ClientOptions"
import type * as Errors from "@effect-ably/core/Errors"
import * as Rest from "@effect-ably/core/Rest"
import type * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import * as BrowserRest from "./BrowserRest.js"

/**
 * A ready `Rest` client from configuration, over `fetch`: `layer()` reads `ABLY_API_KEY`,
 * `ABLY_ENDPOINT`, … (see `AblyOptions.config`); `layer(config)` takes each option as a
 * `Config`. The browser defaults sit under what is read: `ABLY_USE_BINARY_PROTOCOL=true` (or a
 * `useBinaryProtocol` Config) wins over JSON.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { BrowserRestConfig } from "@effect-ably/browser"
 * import { Config } from "effect"
 * const FromEnv = BrowserRestConfig.layer()
 * const Custom = BrowserRestConfig.layer({ token: Config.redacted("ABLY_TOKEN") })
 */
export const layer = (
  config?: Config.Config.Wrap<ClientOptions.ClientOptionsInput>
): Layer.Layer<Rest.Rest, Errors.AblyError | ConfigError.ConfigError> =>
  Rest.fromEngineLayer(AblyOptions.layerConfig(config, { defaults: BrowserRest.browserDefaults({}) })).pipe(
    Layer.provide(BrowserRest.EngineLive)
  )
