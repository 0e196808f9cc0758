/**
 * The admin API over HTTP, under the emulator-only prefix `/_emulator`: for tests and tools
 * that drive a loopback emulator from outside the process. Every route acts on the app of
 * the key presented (Basic auth), like `DELETE /apps/:appId`.
 *
 * - `POST /_emulator/channels/:channel/presence`: presence changes (one or an array)
 * - `PUT /_emulator/channels/:channel/occupancy`: occupancy counters, answers `ChannelDetails`
 * - `POST /_emulator/channels`: `{ "channels": [...], "occupancy"?: {...} }` to activate
 * - `PUT /_emulator/enumeration`: enumeration faults (`{}` clears them)
 * - `GET /_emulator/push/published`: the pushes `POST /push/publish` accepted, oldest first
 *
 * @since 0.1.0
 */
import { ChannelDetails, Errors } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { authenticate } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { readBody } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import { channelName } from "../routes/ChannelName.js"
import { encodeDetails } from "../routes/status.js"
import { EnumerationFaults } from "../state/Enumeration.js"
import { PresenceChange } from "../state/Presence.js"
import * as PushState from "../state/Push.js"

/**
 * The prefix of the admin routes; Ably has no path there.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { prefix } from "./routes.js"
 * prefix // "/_emulator", e.g. PUT /_emulator/enumeration
 */
export const prefix = "/_emulator"

const body = <A, I>(schema: Schema.Schema<A, I>, what: string) =>
  Effect.flatMap(readBody, (value) =>
    Schema.decodeUnknown(schema)(value).pipe(
      Effect.mapError((cause) =>
        Errors.ablyError(40001, 400, `Invalid ${what}: ${Errors.describeParseError(cause)}`, { cause })
      )
    ))

const Changes = Schema.Union(PresenceChange, Schema.Array(PresenceChange))
const Occupancy = Schema.partial(ChannelDetails.ChannelMetrics.pipe(Schema.typeSchema))
const Activation = Schema.Struct({ channels: Schema.Array(Schema.String), occupancy: Schema.optional(Occupancy) })

const noContent = HttpServerResponse.empty({ status: 204 })

/**
 * Applies presence changes; answers 204.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { updatePresence } from "./routes.js"
 * const handler = updatePresence
 */
export const updatePresence = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  const changes = yield* body(Changes, "presence changes")
  const emulator = yield* Emulator
  yield* emulator.admin.updatePresence(principal.app.appId, channel, Array.isArray(changes) ? changes : [changes])
  return noContent
})

/**
 * Sets occupancy counters; answers the channel's `ChannelDetails`.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { setOccupancy } from "./routes.js"
 * const handler = setOccupancy
 */
export const setOccupancy = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  const occupancy = yield* body(Occupancy, "occupancy")
  const emulator = yield* Emulator
  const details = yield* emulator.admin.setOccupancy(principal.app.appId, channel, occupancy)
  const [wire] = yield* encodeDetails([details])
  return yield* respond(200, wire)
})

/**
 * Activates channels; answers 204.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { activateChannels } from "./routes.js"
 * const handler = activateChannels
 */
export const activateChannels = Effect.gen(function*() {
  const principal = yield* authenticate
  const { channels, occupancy } = yield* body(Activation, "activation")
  const emulator = yield* Emulator
  yield* emulator.admin.activateChannels(principal.app.appId, channels, occupancy)
  return noContent
})

/**
 * Sets enumeration faults; answers 204.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { setEnumerationFaults } from "./routes.js"
 * const handler = setEnumerationFaults
 */
export const setEnumerationFaults = Effect.gen(function*() {
  const principal = yield* authenticate
  const faults = yield* body(EnumerationFaults, "enumeration faults")
  const emulator = yield* Emulator
  yield* emulator.admin.setEnumerationFaults(principal.app.appId, faults)
  return noContent
})

/**
 * The pushes the app's `POST /push/publish` and Live Activity routes accepted (the last
 * `PushState.maxPublished`), oldest first: `[{ recipient, payload, timestamp, liveActivity? }]`.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { pushPublished } from "./routes.js"
 * const handler = pushPublished
 */
export const pushPublished = Effect.gen(function*() {
  const principal = yield* authenticate
  const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.app(principal.app.appId))
  return yield* respond(200, PushState.stateOf(app).published)
})

/**
 * The admin routes, for the router.
 *
 * @since 0.1.0
 * @category routes
 * @example
 * import { routes } from "./routes.js"
 * import { HttpRouter } from "@effect/platform"
 * // POST /_emulator/channels/:channel/presence, PUT /_emulator/channels/:channel/occupancy,
 * // POST /_emulator/channels, PUT /_emulator/enumeration and GET /_emulator/push/published
 * const router = HttpRouter.fromIterable(routes)
 */
export const routes = [
  HttpRouter.makeRoute("POST", `${prefix}/channels/:channel/presence`, updatePresence),
  HttpRouter.makeRoute("PUT", `${prefix}/channels/:channel/occupancy`, setOccupancy),
  HttpRouter.makeRoute("POST", `${prefix}/channels`, activateChannels),
  HttpRouter.makeRoute("PUT", `${prefix}/enumeration`, setEnumerationFaults),
  HttpRouter.makeRoute("GET", `${prefix}/push/published`, pushPublished)
] as const
