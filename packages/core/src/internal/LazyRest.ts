/**
 * The optional client-wide operations, loaded on first use (see `Lazy`): stats, batch publish
 * and presence, channel enumeration, token revocation, the generic `request` and push admin
 * (`rest.push`). Only types are imported statically: each is a stub that loads its module.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type * as BatchResult from "../BatchResult.js"
import type { AblyError } from "../Errors.js"
import type * as ListParams from "../ListParams.js"
import type * as Push from "../Push.js"
import type * as Stats from "../Stats.js"
import type * as StatsParams from "../StatsParams.js"
import type * as Revoke from "./auth/Revoke.js"
import type * as BatchPresence from "./batch/BatchPresence.js"
import type * as BatchPublish from "./batch/BatchPublish.js"
import type * as ChannelList from "./enumeration/ChannelList.js"
import type { Service as Http } from "./http/AblyHttp.js"
import type * as Request from "./http/Request.js"
import * as Lazy from "./Lazy.js"
import * as Paginated from "./paginated/Paginated.js"

const statsModule = Lazy.module("stats", () => import("./stats/RestStats.js"))
const batchPublishModule = Lazy.module("batch publish", () => import("./batch/BatchPublish.js"))
const batchPresenceModule = Lazy.module("batch presence", () => import("./batch/BatchPresence.js"))
const listModule = Lazy.module("channel enumeration", () => import("./enumeration/ChannelList.js"))
const revokeModule = Lazy.module("token revocation", () => import("./auth/Revoke.js"))
const requestModule = Lazy.module("request", () => import("./http/Request.js"))
const pushModule = Lazy.module("push admin", () => import("./push/PushAdmin.js"))

/**
 * The first page of `rest.stats`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as LazyRest from "./LazyRest.js"
 * import * as AblyHttp from "./http/AblyHttp.js"
 * import { Effect } from "effect"
 * const page = Effect.flatMap(AblyHttp.AblyHttp, (http) => LazyRest.statsPage(http, { unit: "hour" }))
 */
export const statsPage = (
  http: Http,
  params?: StatsParams.StatsParams
): Effect.Effect<Paginated.Page<Stats.Stats>, AblyError> =>
  Effect.flatMap(statsModule, (module) => module.statsPage(http, params))

/**
 * `rest.stats`: every page, fetched as the Stream is pulled.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as LazyRest from "./LazyRest.js"
 * import * as AblyHttp from "./http/AblyHttp.js"
 * import { Effect, Stream } from "effect"
 * const all = Effect.flatMap(AblyHttp.AblyHttp, (http) => Stream.runCollect(LazyRest.stats(http)))
 */
export const stats = (http: Http, params?: StatsParams.StatsParams): Stream.Stream<Stats.Stats, AblyError> =>
  Paginated.items(statsPage(http, params))

/**
 * `rest.batchPublish`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as LazyRest from "./LazyRest.js"
 * import * as AblyHttp from "./http/AblyHttp.js"
 * import { Effect } from "effect"
 * const publish = Effect.map(AblyHttp.AblyHttp, (http) =>
 *   LazyRest.batchPublish(http, { protocol: "json", maxMessageSize: 65536, idempotent: false }))
 */
export const batchPublish = (
  http: Http,
  options: BatchPublish.BatchPublishOptions
): BatchPublish.BatchPublishOperation => {
  function operation(
    spec: BatchPublish.BatchPublishSpec
  ): Effect.Effect<BatchResult.BatchResult<BatchPublish.BatchPublishResult>, AblyError>
  function operation(
    specs: ReadonlyArray<BatchPublish.BatchPublishSpec>
  ): Effect.Effect<ReadonlyArray<BatchResult.BatchResult<BatchPublish.BatchPublishResult>>, AblyError>
  function operation(specs: BatchPublish.BatchPublishSpec | ReadonlyArray<BatchPublish.BatchPublishSpec>) {
    return Lazy.call(batchPublishModule, (module) => module.run(http, options, specs))
  }
  return operation
}

/**
 * `rest.batchPresence`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as LazyRest from "./LazyRest.js"
 * import * as AblyHttp from "./http/AblyHttp.js"
 * import { Effect } from "effect"
 * const members = Effect.flatMap(AblyHttp.AblyHttp, (http) => LazyRest.batchPresence(http, ["a", "b"]))
 */
export const batchPresence = (
  http: Http,
  channels: ReadonlyArray<string>
): Effect.Effect<BatchResult.BatchResult<BatchPresence.BatchPresenceResult>, AblyError> =>
  Effect.flatMap(batchPresenceModule, (module) => module.batchPresence(http, channels))

/**
 * `rest.channels.list`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as LazyRest from "./LazyRest.js"
 * import * as AblyHttp from "./http/AblyHttp.js"
 * import { Effect, Stream } from "effect"
 * const names = Effect.flatMap(AblyHttp.AblyHttp, (http) => Stream.runCollect(LazyRest.list(http.send, { prefix: "room:" })))
 */
export const list = <B extends ListParams.By = "id">(
  send: ChannelList.Send,
  params?: ListParams.ListParams<B>,
  origins?: ReadonlyArray<string>
): Stream.Stream<ListParams.ListItem<B>, AblyError> =>
  Stream.unwrap(Effect.map(listModule, (module) => module.list(send, params, origins)))

/**
 * `rest.channels.listPage`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as LazyRest from "./LazyRest.js"
 * import * as AblyHttp from "./http/AblyHttp.js"
 * import { Effect } from "effect"
 * const page = Effect.flatMap(AblyHttp.AblyHttp, (http) => LazyRest.listPage(http.send, { prefix: "room:" }))
 */
export const listPage = <B extends ListParams.By = "id">(
  send: ChannelList.Send,
  params?: ListParams.ListParams<B>,
  origins?: ReadonlyArray<string>
): Effect.Effect<Paginated.Page<ListParams.ListItem<B>>, AblyError> =>
  Effect.flatMap(listModule, (module) => module.listPage(send, params, origins))

/**
 * `rest.auth.revokeTokens`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as LazyRest from "./LazyRest.js"
 * import * as AblyHttp from "./http/AblyHttp.js"
 * import { Effect, Option } from "effect"
 * const revoked = Effect.flatMap(AblyHttp.AblyHttp, (http) =>
 *   LazyRest.revokeTokens(http, Option.some("app.key"), [{ type: "clientId", value: "alice" }]))
 */
export const revokeTokens = (
  http: Http,
  keyName: Option.Option<string>,
  targets: ReadonlyArray<Revoke.RevocationTarget>,
  options?: Revoke.RevokeOptions
): Effect.Effect<Revoke.RevocationResults, AblyError> =>
  Effect.flatMap(revokeModule, (module) => module.revokeTokens(http, keyName, targets, options))

/**
 * `rest.request`.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as LazyRest from "./LazyRest.js"
 * import * as AblyHttp from "./http/AblyHttp.js"
 * import { Effect } from "effect"
 * const answer = Effect.flatMap(AblyHttp.AblyHttp, (http) => LazyRest.request(http, "GET", "/time"))
 */
export const request = (
  http: Http,
  method: string,
  path: string,
  options?: Request.RequestOptions
): Effect.Effect<Request.HttpPaginatedResponse, AblyError> =>
  Effect.flatMap(requestModule, (module) => module.request(http, method, path, options))

const pushFacade = (http: Http): Push.PushAdmin => {
  const admin = Lazy.built(pushModule, (module) => module.make(http).admin)
  const use = <A, E>(f: (loaded: Push.PushAdmin) => Effect.Effect<A, E>) => Lazy.call(admin, f)
  const listDevicesPage: Push.DeviceRegistrations["listPage"] = (params) =>
    use((loaded) => loaded.deviceRegistrations.listPage(params))
  const listSubscriptionsPage: Push.ChannelSubscriptions["listPage"] = (params) =>
    use((loaded) => loaded.channelSubscriptions.listPage(params))
  const listChannelsPage: Push.ChannelSubscriptions["listChannelsPage"] = (params) =>
    use((loaded) => loaded.channelSubscriptions.listChannelsPage(params))
  return {
    publish: (recipient, payload) => use((loaded) => loaded.publish(recipient, payload)),
    createApnsBroadcast: (options) => use((loaded) => loaded.createApnsBroadcast(options)),
    liveActivity: {
      start: (params) => use((loaded) => loaded.liveActivity.start(params)),
      update: (params) => use((loaded) => loaded.liveActivity.update(params)),
      end: (params) => use((loaded) => loaded.liveActivity.end(params))
    },
    deviceRegistrations: {
      get: (device) => use((loaded) => loaded.deviceRegistrations.get(device)),
      list: (params) => Paginated.items(listDevicesPage(params)),
      listPage: listDevicesPage,
      save: (device) => use((loaded) => loaded.deviceRegistrations.save(device)),
      remove: (device) => use((loaded) => loaded.deviceRegistrations.remove(device)),
      removeWhere: (params) => use((loaded) => loaded.deviceRegistrations.removeWhere(params))
    },
    channelSubscriptions: {
      list: (params) => Paginated.items(listSubscriptionsPage(params)),
      listPage: listSubscriptionsPage,
      listChannels: (params) => Paginated.items(listChannelsPage(params)),
      listChannelsPage,
      save: (subscription) => use((loaded) => loaded.channelSubscriptions.save(subscription)),
      remove: (subscription) => use((loaded) => loaded.channelSubscriptions.remove(subscription)),
      removeWhere: (params) => use((loaded) => loaded.channelSubscriptions.removeWhere(params))
    }
  }
}

// A class: its getter lives on the prototype, so a client that never uses push pays one
// two-field object, and the facade is built on first use of `admin`.
class LazyPushService implements Push.Service {
  private built: Push.PushAdmin | undefined
  constructor(private readonly http: Http) {}
  get admin(): Push.PushAdmin {
    return (this.built ??= pushFacade(this.http))
  }
}

/**
 * `rest.push`: the admin facade built on first use of `admin`, the push admin code loaded on
 * the first call of one of its operations.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as LazyRest from "./LazyRest.js"
 * import * as AblyHttp from "./http/AblyHttp.js"
 * import { Effect } from "effect"
 * const devices = Effect.flatMap(AblyHttp.AblyHttp, (http) => LazyRest.push(http).admin.deviceRegistrations.listPage())
 */
export const push = (http: Http): Push.Service => new LazyPushService(http)
