/**
 * The Promise client: core's `Rest` service with Promises and `AsyncIterable`s, for code that
 * does not use Effect. Every method delegates to core; nothing here talks to Ably itself.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { AuthOptions } from "../../AuthCallback.js"
import type { BatchPresenceResult } from "../../BatchPresence.js"
import type { BatchPublishResult, BatchPublishSpec } from "../../BatchPublish.js"
import type { BatchResult } from "../../BatchResult.js"
import type * as ChannelOptions from "../../ChannelOptions.js"
import type { PayloadData } from "../../DataCodec.js"
import type { AblyError } from "../../Errors.js"
import type * as ListParams from "../../ListParams.js"
import type { RequestOptions } from "../../Request.js"
import { Rest, type Service as RestService } from "../../Rest.js"
import type * as Revoke from "../../Revoke.js"
import type { Stats } from "../../Stats.js"
import type { StatsParams } from "../../StatsParams.js"
import type { TokenDetails } from "../../TokenDetails.js"
import type { TokenParams } from "../../TokenParams.js"
import type { TokenRequest } from "../../TokenRequest.js"
import type { AuthMethod } from "../auth/Auth.js"
import type * as Paginated from "../paginated/Paginated.js"
import * as Channel from "./Channel.js"
import * as Pages from "./Pages.js"
import * as Push from "./Push.js"
import type { CallOptions, Runner } from "./Runner.js"

/**
 * `client.batchPublish` (RSC22): one spec gives one `BatchResult`, an array one per spec.
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchPublish {
  (spec: BatchPublishSpec, options?: CallOptions): Promise<BatchResult<BatchPublishResult>>
  (
    specs: ReadonlyArray<BatchPublishSpec>,
    options?: CallOptions
  ): Promise<ReadonlyArray<BatchResult<BatchPublishResult>>>
}

/**
 * `client.auth` (RSA): identity, tokens, TokenRequests, revocation.
 *
 * @since 0.1.0
 * @category models
 */
export interface Auth {
  readonly method: (options?: CallOptions) => Promise<AuthMethod>
  readonly clientId: (options?: CallOptions) => Promise<string | undefined>
  readonly tokenDetails: (options?: CallOptions) => Promise<TokenDetails | undefined>
  readonly createTokenRequest: (
    params?: TokenParams,
    authOptions?: AuthOptions,
    options?: CallOptions
  ) => Promise<TokenRequest>
  readonly requestToken: (
    params?: TokenParams,
    authOptions?: AuthOptions,
    options?: CallOptions
  ) => Promise<TokenDetails>
  readonly authorize: (params?: TokenParams, authOptions?: AuthOptions, options?: CallOptions) => Promise<TokenDetails>
  readonly revokeTokens: (
    targets: ReadonlyArray<Revoke.RevocationTarget>,
    revokeOptions?: Revoke.RevokeOptions,
    options?: CallOptions
  ) => Promise<Revoke.RevocationResults>
}

/**
 * The Promise client: ably-js-shaped methods over core's `Rest`. Lists are `AsyncIterable`s
 * (pages fetched as the loop asks) with `…Page` variants for paging by hand; every method
 * takes an optional `{ signal }` last; every rejection is an `AblyError`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Client {
  readonly channels: {
    readonly get: <A = unknown, I extends PayloadData = PayloadData, P = unknown, J extends PayloadData = PayloadData>(
      name: string,
      channelOptions?: ChannelOptions.ChannelOptions<A, I, P, J>
    ) => Channel.Channel<A, P>
    /** Every active channel (`GET /channels`): names, or `ChannelDetails` with `by: "value"`. */
    readonly list: <B extends ListParams.By = "id">(
      params?: ListParams.ListParams<B>,
      options?: CallOptions
    ) => AsyncIterable<ListParams.ListItem<B>>
    readonly listPage: <B extends ListParams.By = "id">(
      params?: ListParams.ListParams<B>,
      options?: CallOptions
    ) => Promise<Pages.PaginatedResult<ListParams.ListItem<B>>>
  }
  /** Server time in ms since the epoch (RSC16). */
  readonly time: (options?: CallOptions) => Promise<number>
  /** Application statistics (RSC6), every page. */
  readonly stats: (params?: StatsParams, options?: CallOptions) => AsyncIterable<Stats>
  readonly statsPage: (params?: StatsParams, options?: CallOptions) => Promise<Pages.PaginatedResult<Stats>>
  readonly batchPublish: BatchPublish
  /** The presence members of many channels (RSC24). */
  readonly batchPresence: (
    channels: ReadonlyArray<string>,
    options?: CallOptions
  ) => Promise<BatchResult<BatchPresenceResult>>
  /** A REST call of your choice (RSC19); HTTP error answers are values, not rejections. */
  readonly request: (
    method: string,
    path: string,
    requestOptions?: RequestOptions,
    options?: CallOptions
  ) => Promise<Pages.HttpPaginatedResponse>
  readonly auth: Auth
  readonly push: { readonly admin: Push.PushAdmin }
  /**
   * Interrupts the calls in flight (they reject with 80017), releases open iterations and
   * disposes the runtime; every later call rejects with 80017. Idempotent.
   */
  readonly close: () => Promise<void>
}

// Core's batchPublish checks its argument at runtime (a spec or an array of specs).
type CheckedBatchPublish = (specs: unknown) => Effect.Effect<unknown, AblyError>

/**
 * The client behind `runner`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Client from "./Client.js"
 * import type * as Runner from "./Runner.js"
 * declare const runner: Runner.Runner
 * const client = Client.make(runner)
 * const now: Promise<number> = client.time()
 */
export const make = (runner: Runner): Client => {
  const call = <B>(f: (rest: RestService) => Effect.Effect<B, AblyError>, options?: CallOptions) =>
    runner.run(Effect.flatMap(Rest, f), options)
  const items = <B>(f: (rest: RestService) => Stream.Stream<B, AblyError>, options?: CallOptions) =>
    Pages.iterable(runner, Stream.unwrap(Effect.map(Rest, f)), options)
  const page = <B>(f: (rest: RestService) => Effect.Effect<Paginated.Page<B>, AblyError>, options?: CallOptions) =>
    runner.run(Effect.map(Effect.flatMap(Rest, f), (p) => Pages.page(runner, p)), options)

  function batchPublish(spec: BatchPublishSpec, options?: CallOptions): Promise<BatchResult<BatchPublishResult>>
  function batchPublish(
    specs: ReadonlyArray<BatchPublishSpec>,
    options?: CallOptions
  ): Promise<ReadonlyArray<BatchResult<BatchPublishResult>>>
  function batchPublish(specs: unknown, options?: CallOptions): Promise<unknown> {
    return call((rest) => (rest.batchPublish as CheckedBatchPublish)(specs), options)
  }

  return {
    channels: {
      get: (name, channelOptions) => Channel.make(runner, name, channelOptions),
      list: (params, options) => items((rest) => rest.channels.list(params), options),
      listPage: (params, options) => page((rest) => rest.channels.listPage(params), options)
    },
    time: (options) => call((rest) => rest.time, options),
    stats: (params, options) => items((rest) => rest.stats(params), options),
    statsPage: (params, options) => page((rest) => rest.statsPage(params), options),
    batchPublish,
    batchPresence: (channels, options) => call((rest) => rest.batchPresence(channels), options),
    request: (method, path, requestOptions, options) =>
      runner.run(
        Effect.map(
          Effect.flatMap(Rest, (rest) => rest.request(method, path, requestOptions)),
          (response) => Pages.httpResponse(runner, response)
        ),
        options
      ),
    auth: {
      method: (options) => call((rest) => rest.auth.method, options),
      clientId: (options) => call((rest) => Effect.map(rest.auth.clientId, Option.getOrUndefined), options),
      tokenDetails: (options) => call((rest) => Effect.map(rest.auth.tokenDetails, Option.getOrUndefined), options),
      createTokenRequest: (params, authOptions, options) =>
        call((rest) => rest.auth.createTokenRequest(params, authOptions), options),
      requestToken: (params, authOptions, options) =>
        call((rest) => rest.auth.requestToken(params, authOptions), options),
      authorize: (params, authOptions, options) => call((rest) => rest.auth.authorize(params, authOptions), options),
      revokeTokens: (targets, revokeOptions, options) =>
        call((rest) => rest.auth.revokeTokens(targets, revokeOptions), options)
    },
    push: { admin: Push.make(runner) },
    close: runner.close
  }
}
