/**
 * `Rest`: the user-facing client service.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Option from "effect/Option"
import * as Auth from "./Auth/Auth.js"
import * as RestChannel from "./Channel/RestChannel.js"
import type { AblyError } from "./Errors.js"
import * as AblyHttp from "./Http/AblyHttp.js"
import * as AblyOptions from "./Options/AblyOptions.js"
import type { ClientOptionsInput } from "./Options/ClientOptions.js"
import * as Request from "./Request.js"
import * as Time from "./Time.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The channels of this client (RSN). Channels are plain values: nothing to release. */
  readonly channels: { readonly get: (name: string) => RestChannel.RestChannel }
  /** Shorthand for `channels.get(name)`. */
  readonly channel: (name: string) => RestChannel.RestChannel
  /** Server time in ms since the epoch (RSC16). */
  readonly time: Effect.Effect<number, AblyError>
  /** Any REST call (RSC19); HTTP error answers are values, not failures. */
  readonly request: (
    method: string,
    path: string,
    options?: Request.RequestOptions
  ) => Effect.Effect<Request.HttpPaginatedResponse, AblyError>
  readonly auth: {
    readonly method: Auth.AuthMethod
    readonly clientId: Option.Option<string>
  }
  readonly options: AblyOptions.ResolvedOptions
}

/**
 * The Ably REST client.
 *
 * @since 0.1.0
 * @category tags
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect, Stream } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const rest = yield* Rest.Rest
 *   const channel = rest.channels.get("orders")
 *   yield* channel.publish("created", { id: 42 })
 *   const recent = yield* channel.history({ limit: 10 }).pipe(Stream.take(10), Stream.runCollect)
 *   const now = yield* rest.time
 * })
 */
export class Rest extends Context.Tag("@effect-ably/core/Rest")<Rest, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, AblyHttp.AblyHttp | AblyOptions.AblyOptions | Auth.Auth> = Effect.gen(
  function*() {
    const http = yield* AblyHttp.AblyHttp
    const options = yield* AblyOptions.AblyOptions
    const auth = yield* Auth.Auth
    const channel = (name: string) => RestChannel.make(http, options, name)
    return Rest.of({
      channels: { get: channel },
      channel,
      time: Effect.withSpan(Time.time(http), "Rest.time"),
      request: (method, path, requestOptions) =>
        Effect.withSpan(Request.request(http, method, path, requestOptions), "Rest.request", {
          attributes: { "http.method": method, "ably.path": path }
        }),
      auth: { method: auth.method, clientId: auth.clientId },
      options
    })
  }
)

/**
 * The client from an options layer; needs an `HttpClient` (see `@effect-ably/node`,
 * `@effect-ably/browser`, or the emulator's in-memory layer).
 *
 * @since 0.1.0
 * @category layers
 */
export const fromOptionsLayer = <E, R>(
  options: Layer.Layer<AblyOptions.AblyOptions, E, R>
): Layer.Layer<Rest, E | AblyError, R | HttpClient.HttpClient> => {
  const withAuth = Layer.provideMerge(Auth.layer, options)
  const withHttp = Layer.provideMerge(AblyHttp.layer, withAuth)
  return Layer.effect(Rest, make).pipe(Layer.provide(withHttp))
}

/**
 * The client from options. Invalid options fail the layer with an `AblyError`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 * const RestLive = Rest.layer({ key: "app.key:secret" }).pipe(Layer.provide(FetchHttpClient.layer))
 */
export const layer = (options: ClientOptionsInput | string): Layer.Layer<Rest, AblyError, HttpClient.HttpClient> =>
  fromOptionsLayer(AblyOptions.layer(options))

/**
 * The client from configuration (`ABLY_API_KEY`, `ABLY_ENDPOINT`, …), with `overrides`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Rest } from "@effect-ably/core"
 * const RestLive = Rest.layerConfig({ useBinaryProtocol: false })
 */
export const layerConfig = (
  overrides?: ClientOptionsInput
): Layer.Layer<Rest, AblyError | ConfigError.ConfigError, HttpClient.HttpClient> =>
  fromOptionsLayer(AblyOptions.layerConfig(overrides))
