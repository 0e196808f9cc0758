/**
 * The client from configuration, in a module of its own: a program that gives its options in
 * code (`Rest.layer`) carries none of effect's Config machinery, even when it imports `Rest`
 * from the package index (a bundler keeps every export of a namespace it imports).
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import type * as Layer from "effect/Layer"
import * as AblyOptions from "./AblyOptions.js"
import type { ClientOptionsInput } from "./ClientOptions.js"
import type { AblyError } from "./Errors.js"
import * as Rest from "./Rest.js"

/**
 * The client from configuration, as Effect's own clients take it (`@effect/ai-openai`'s
 * `layerConfig`): each option a `Config`, or one `Config` of all options. Without an argument
 * it reads `ABLY_API_KEY` (as `Config.redacted`), `ABLY_TOKEN`, `ABLY_ENDPOINT`, `ABLY_TLS`,
 * `ABLY_USE_BINARY_PROTOCOL`… (see `AblyOptions.config`). `defaults` sit under what is read.
 * Needs an `HttpClient`, as `Rest.layer` does.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { RestConfig } from "@effect-ably/core"
 * import { Config } from "effect"
 *
 * const FromEnv = RestConfig.layer()
 * const Custom = RestConfig.layer({ key: Config.redacted("MY_ABLY_KEY"), endpoint: Config.string("MY_ABLY_ENDPOINT") })
 */
export const layer = (
  config?: Config.Config.Wrap<ClientOptionsInput>,
  options?: AblyOptions.ConfigDefaults
): Layer.Layer<Rest.Rest, AblyError | ConfigError.ConfigError, HttpClient.HttpClient> =>
  Rest.fromOptionsLayer(AblyOptions.layerConfig(config, options))
