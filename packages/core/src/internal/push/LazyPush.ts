/**
 * `rest.push`, loaded on first use (see `Lazy`): the push admin code is imported when one of
 * its operations first runs. Only types are imported statically.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Push from "../../Push.js"
import type { Service as Http } from "../http/AblyHttp.js"
import * as Lazy from "../Lazy.js"
import * as Paginated from "../paginated/Paginated.js"

const pushModule = Lazy.module("push admin", () => import("./PushAdmin.js"))

const facade = (http: Http): Push.PushAdmin => {
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
class LazyService implements Push.Service {
  private built: Push.PushAdmin | undefined
  constructor(private readonly http: Http) {}
  get admin(): Push.PushAdmin {
    return (this.built ??= facade(this.http))
  }
}

/**
 * `rest.push`: the admin facade built on first use of `admin`, the push admin code loaded on
 * the first call of one of its operations.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as LazyPush from "./LazyPush.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect } from "effect"
 * const devices = Effect.flatMap(AblyHttp.AblyHttp, (http) => LazyPush.make(http).admin.deviceRegistrations.listPage())
 */
export const make = (http: Http): Push.Service => new LazyService(http)
