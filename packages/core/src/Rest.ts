/**
 * `Rest`: the user-facing client service.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import * as AblyOptions from "./AblyOptions.js"
import type * as BatchResult from "./BatchResult.js"
import type { ClientOptionsInput } from "./ClientOptions.js"
import type { AblyError } from "./Errors.js"
import * as Auth from "./internal/auth/Auth.js"
import type * as Revoke from "./internal/auth/Revoke.js"
import type * as BatchPresence from "./internal/batch/BatchPresence.js"
import type * as BatchPublish from "./internal/batch/BatchPublish.js"
import * as RestChannel from "./internal/channel/RestChannel.js"
import type * as ChannelList from "./internal/enumeration/ChannelList.js"
import * as AblyHttp from "./internal/http/AblyHttp.js"
import * as Engine from "./internal/http/Engine.js"
import { HttpEngine } from "./internal/http/Engine.js"
import type * as Request from "./internal/http/Request.js"
import * as Transport from "./internal/http/Transport.js"
import * as LazyRest from "./internal/LazyRest.js"
import type * as Paginated from "./internal/paginated/Paginated.js"
import * as ChannelLimiter from "./internal/rateLimit/ChannelLimiter.js"
import * as Span from "./internal/Span.js"
import * as Time from "./internal/Time.js"
import type * as ListParams from "./ListParams.js"
import type * as Push from "./Push.js"
import type * as Stats from "./Stats.js"
import type * as StatsParams from "./StatsParams.js"
import type { TokenDetails } from "./TokenDetails.js"

export {
  /**
   * The HTTP engine the client sends with: one function from (method, URL, headers, body
   * bytes, timeout, size limit) to (status, lower-case headers, body bytes), failing only with
   * an `HttpEngineFailure`. Provide one to `fromEngineLayer`; `layer` adapts an `HttpClient`.
   */
  type EngineFailure as HttpEngineFailure,
  type EngineRequest as HttpEngineRequest,
  type EngineResponse as HttpEngineResponse,
  failure as engineFailure,
  HttpEngine,
  type Service as HttpEngineService,
  tooLarge as engineTooLarge
} from "./internal/http/Engine.js"

export {
  /** Helpers for engine implementations: a `Content-Length` that is one plain number, chunks joined. */
  concat as engineConcat,
  declaredLength as engineDeclaredLength
} from "./internal/http/BodyBytes.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * The channels of this client (RSN). Channels are plain values: nothing to release.
   * `get(name, { cipher, schema, presenceSchema })` gives an encrypted and/or typed channel.
   */
  readonly channels: {
    readonly get: RestChannel.GetChannel
    /**
     * Every active channel of the app (`GET /channels`) as a Stream, fetched page by page as
     * you pull: names (`by: "id"`, the default) or `ChannelDetails` (`by: "value"`). Empty
     * pages are followed, duplicates dropped; 42912 and 40011 are typed errors, with opt-in
     * retry and restart policies. Needs `channel-metadata` on `*`.
     *
     * @example
     * import { Rest } from "@effect-ably/core"
     * import { Effect, Schedule, Stream } from "effect"
     * const rooms = Effect.flatMap(Rest.Rest, (rest) =>
     *   rest.channels.list({ prefix: "room:", restartOnInvalidation: Schedule.recurs(3) }).pipe(Stream.runCollect))
     */
    readonly list: <B extends ListParams.By = "id">(
      params?: ListParams.ListParams<B>
    ) => Stream.Stream<ListParams.ListItem<B>, AblyError>
    /** The first page of an enumeration as the server sent it, for paging by hand. */
    readonly listPage: <B extends ListParams.By = "id">(
      params?: ListParams.ListParams<B>
    ) => Effect.Effect<Paginated.Page<ListParams.ListItem<B>>, AblyError>
  }
  /** Shorthand for `channels.get(name, options)`. */
  readonly channel: RestChannel.GetChannel
  /** Server time in ms since the epoch (RSC16). */
  readonly time: Effect.Effect<number, AblyError>
  /**
   * Application statistics (RSC6) by `unit` (minute, hour, day, month), every page, fetched
   * lazily.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect, Stream } from "effect"
   * const lastDay = Effect.flatMap(Rest.Rest, (rest) => rest.stats({ unit: "hour", limit: 24 }).pipe(Stream.take(24), Stream.runCollect))
   */
  readonly stats: (params?: StatsParams.StatsParams) => Stream.Stream<Stats.Stats, AblyError>
  /** The first page of stats, for paging by hand. */
  readonly statsPage: (params?: StatsParams.StatsParams) => Effect.Effect<Paginated.Page<Stats.Stats>, AblyError>
  /**
   * Publishes messages to many channels (RSC22): one spec gives one `BatchResult`, an array
   * one per spec. Per-channel failures are `Failure` results, not errors.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect } from "effect"
   * const result = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.batchPublish({ channels: ["a", "b"], messages: [{ name: "greeting", data: "hi" }] }))
   */
  readonly batchPublish: BatchPublish.BatchPublishOperation
  /**
   * The presence members of many channels (RSC24), one result per channel.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect } from "effect"
   * const result = Effect.flatMap(Rest.Rest, (rest) => rest.batchPresence(["room:1", "room:2"]))
   */
  readonly batchPresence: (
    channels: ReadonlyArray<string>
  ) => Effect.Effect<BatchResult.BatchResult<BatchPresence.BatchPresenceResult>, AblyError>
  /** Any REST call (RSC19); HTTP error answers are values, not failures. */
  readonly request: (
    method: string,
    path: string,
    options?: Request.RequestOptions
  ) => Effect.Effect<Request.HttpPaginatedResponse, AblyError>
  /**
   * Push admin (RSH1): `push.admin.publish`, `deviceRegistrations`, `channelSubscriptions`, and iOS Live
   * Activities (`createApnsBroadcast`, `liveActivity`; needs `push-admin`). Lists are Streams, with page variants.
   *
   * @example
   * import { Rest } from "@effect-ably/core"
   * import { Effect, Stream } from "effect"
   * const devices = Effect.flatMap(Rest.Rest, (rest) =>
   *   rest.push.admin.deviceRegistrations.list({ clientId: "alice" }).pipe(Stream.runCollect))
   */
  readonly push: Push.Service
  /** Token auth (RSA): identity, tokens, TokenRequests for your clients, revocation. */
  readonly auth: {
    readonly method: Effect.Effect<Auth.AuthMethod>
    readonly clientId: Effect.Effect<Option.Option<string>>
    readonly tokenDetails: Effect.Effect<Option.Option<TokenDetails>>
    readonly createTokenRequest: Auth.Service["createTokenRequest"]
    readonly requestToken: Auth.Service["requestToken"]
    readonly authorize: Auth.Service["authorize"]
    readonly revokeTokens: (
      targets: ReadonlyArray<Revoke.RevocationTarget>,
      options?: Revoke.RevokeOptions
    ) => Effect.Effect<Revoke.RevocationResults, AblyError>
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

// The client over the services of one options layer (see `fromOptionsLayer`).
const makeService: Effect.Effect<
  Service,
  never,
  AblyHttp.AblyHttp | AblyOptions.AblyOptions | Auth.Auth
> = Effect.gen(
  function*() {
    const http = yield* AblyHttp.AblyHttp
    const options = yield* AblyOptions.AblyOptions
    const auth = yield* Auth.Auth
    // A name that is not a string (plain JavaScript, a cast) gives a channel whose every call fails.
    const channel: RestChannel.GetChannel = (name, channelOptions) =>
      typeof name === "string" ? RestChannel.make(http, options, name, channelOptions) : RestChannel.rejected(name)
    // Ably runs one enumeration request per app at a time (42912): this client never overlaps its own.
    const enumerationPermit = yield* Effect.makeSemaphore(1)
    const enumerate: ChannelList.Send = (request) => enumerationPermit.withPermits(1)(http.send(request))
    return Rest.of({
      channels: {
        get: channel,
        list: (params) => LazyRest.list(enumerate, params, http.origins),
        listPage: (params) => LazyRest.listPage(enumerate, params, http.origins)
      },
      channel,
      time: Time.time(http.send).pipe(Span.withSpan("Rest.time")),
      stats: (params) => LazyRest.stats(http, params),
      statsPage: (params) => LazyRest.statsPage(http, params),
      batchPublish: LazyRest.batchPublish(http, {
        protocol: http.protocol,
        maxMessageSize: options.maxMessageSize,
        idempotent: options.idempotentRestPublishing,
        limit: ChannelLimiter.forBatch(options)
      }),
      batchPresence: (channels) => LazyRest.batchPresence(http, channels),
      push: LazyRest.push(http),
      request: (method, path, requestOptions) =>
        LazyRest.request(http, method, path, requestOptions).pipe(Span.withSpan("Rest.request", {
          attributes: { "http.method": method, "ably.path": path }
        })),
      auth: {
        method: auth.method,
        clientId: auth.clientId,
        tokenDetails: auth.tokenDetails,
        createTokenRequest: auth.createTokenRequest,
        requestToken: auth.requestToken,
        authorize: auth.authorize,
        revokeTokens: (targets, revokeOptions) => LazyRest.revokeTokens(http, auth.keyName, targets, revokeOptions)
      },
      options
    })
  }
)

/**
 * The client from an options layer over an `HttpEngine` (what `@effect-ably/node` and
 * `@effect-ably/browser` provide: undici or `fetch` directly, no `HttpClient` in between).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { AblyOptions, Rest } from "@effect-ably/core"
 * const RestOverEngine = Rest.fromEngineLayer(AblyOptions.layer({ key: "app.key:secret" }))
 */
export const fromEngineLayer = <E, R>(
  options: Layer.Layer<AblyOptions.AblyOptions, E, R>
): Layer.Layer<Rest, E | AblyError, R | HttpEngine> => {
  const withTransport = Layer.provideMerge(Transport.layerEngine, options)
  const withAuth = Layer.provideMerge(Auth.layerEngine, withTransport)
  const withHttp = Layer.provideMerge(AblyHttp.layer, withAuth)
  return Layer.effect(Rest, makeService).pipe(Layer.provide(withHttp))
}

/**
 * The client from an options layer; needs an `HttpClient` (the emulator's in-memory layer,
 * `FetchHttpClient`, your own with middleware), adapted to the `HttpEngine` with the
 * platform's tracer off and redirects not followed.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { AblyOptions, Rest } from "@effect-ably/core"
 * const RestLive = Rest.fromOptionsLayer(AblyOptions.layer({ key: "app.key:secret" }))
 */
export const fromOptionsLayer = <E, R>(
  options: Layer.Layer<AblyOptions.AblyOptions, E, R>
): Layer.Layer<Rest, E | AblyError, R | HttpClient.HttpClient> =>
  fromEngineLayer(options).pipe(Layer.provide(Engine.layerFromHttpClient))

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
 * A client as a value, for programs with more than one (the `Rest` tag holds one): built in
 * the current `Scope` over the `HttpClient` in context, released with the scope. Invalid
 * options fail with an `AblyError`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 *
 * // A server client that issues tokens beside a client that authenticates with them.
 * const program = Effect.gen(function*() {
 *   const server = yield* Rest.make({ key: process.env.ABLY_API_KEY ?? "" })
 *   const user = yield* Rest.make({
 *     clientId: "user-1",
 *     authCallback: (params) => server.auth.createTokenRequest({ ...params, clientId: "user-1" })
 *   })
 *   yield* user.channels.get("chat").publish("hello", "from a token client")
 * })
 *
 * Effect.runPromise(program.pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer)))
 */
export const make = (
  options: ClientOptionsInput | string
): Effect.Effect<Service, AblyError, HttpClient.HttpClient | Scope.Scope> =>
  Effect.map(Layer.build(layer(options)), Context.get(Rest))
