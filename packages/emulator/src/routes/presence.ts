/**
 * `GET /channels/:channel/presence` (RSP3) and `GET /channels/:channel/presence/history`
 * (RSP4): a channel's members and presence events, paginated with `Link` headers.
 *
 * @since 0.1.0
 */
import { Errors, PresenceMessage } from "@effect-ably/core"
import { type Codec } from "@effect-ably/core/wire"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Capability from "../auth/Capability.js"
import { authenticate } from "../auth/Credentials.js"
import { responseProtocol } from "../http/Negotiation.js"
import { encoded } from "../http/Respond.js"
import * as Activity from "../state/Activity.js"
import * as History from "../state/History.js"
import type { AppState } from "../state/Model.js"
import * as Presence from "../state/Presence.js"
import { channelName } from "./ChannelName.js"
import { historyLinks, historyQuery } from "./history.js"
import { linkHeader, type LinkTarget } from "./Link.js"
import { payloadForProtocol } from "./MessageWire.js"

const WirePresenceArray = Schema.Array(PresenceMessage.WirePresenceMessage)

/**
 * Stored presence messages in wire form for a protocol: bytes as base64 (JSON) or bin
 * (msgpack), actions as numbers.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { encodePresence } from "./presence.js"
 * const wire = encodePresence("json", [])
 */
export const encodePresence = (
  protocol: Codec.Protocol,
  members: ReadonlyArray<Presence.StoredPresence>
): Effect.Effect<ReadonlyArray<unknown>, Errors.AblyError> =>
  Schema.encode(WirePresenceArray)(
    members.map(({ serial: _serial, ...member }) => payloadForProtocol(protocol, member))
  ).pipe(
    Effect.mapError((cause) =>
      Errors.ablyError(50000, 500, `Unable to encode presence: ${Errors.describeParseError(cause)}`, { cause })
    )
  )

const Digits = Schema.String.pipe(Schema.pattern(/^\d{1,4}$/))

/**
 * The query parameters of `GET …/presence`: `limit` 1–1000 (default 100), `clientId`,
 * `connectionId`, and `cursor` (a member key) for later pages.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { MembersParams } from "./presence.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(MembersParams)({ clientId: "alice" }) // { limit: 100, clientId: "alice" }
 */
export const MembersParams = Schema.Struct({
  limit: Schema.optionalWith(Schema.compose(Digits, Schema.NumberFromString).pipe(Schema.between(1, 1000)), {
    default: () => 100
  }),
  clientId: Schema.optional(Schema.String),
  connectionId: Schema.optional(Schema.String),
  cursor: Schema.optional(Schema.String),
  format: Schema.optional(Schema.Literal("json", "msgpack"))
})

const membersLinks = (params: typeof MembersParams.Type, next: string | undefined): string => {
  const base: LinkTarget["params"] = [
    ["limit", String(params.limit)],
    ...(params.clientId === undefined ? [] : [["clientId", params.clientId] as const]),
    ...(params.connectionId === undefined ? [] : [["connectionId", params.connectionId] as const]),
    ...(params.format === undefined ? [] : [["format", params.format] as const])
  ]
  const at = (cursor: string | undefined): LinkTarget["params"] =>
    cursor === undefined ? base : [...base, ["cursor", cursor]]
  return linkHeader("presence", [
    { rel: "first", params: at(undefined) },
    { rel: "current", params: at(params.cursor) },
    ...(next === undefined ? [] : [{ rel: "next", params: at(next) } as const])
  ])
}

// The app as authentication read it for this request.
const presenceOf = (app: AppState, channel: string) =>
  Activity.channelOf(app, channel).presence ?? Presence.emptyPresence

/**
 * The members present on a channel. Needs the `subscribe` capability (else 401 / 40160);
 * bad parameters answer 400 / 40003.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { presence } from "./presence.js"
 * const handler = presence
 */
export const presence = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  yield* Capability.ensure(principal.capability, channel, "subscribe")
  const params = yield* HttpServerRequest.schemaSearchParams(MembersParams).pipe(
    Effect.mapError((cause) =>
      Errors.ablyError(40003, 400, `Invalid presence parameters: ${Errors.describeParseError(cause)}`, { cause })
    )
  )
  const page = Presence.members(presenceOf(principal.app, channel), params)
  const protocol = yield* responseProtocol
  return yield* encoded(protocol, 200, yield* encodePresence(protocol, page.items), {
    link: membersLinks(params, page.next)
  })
})

/**
 * A channel's presence events in the time window, like message history. Needs the `history`
 * capability (else 401 / 40160).
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { presenceHistory } from "./presence.js"
 * const handler = presenceHistory
 */
export const presenceHistory = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  yield* Capability.ensure(principal.capability, channel, "history")
  const { format, query } = yield* historyQuery
  const page = History.page(presenceOf(principal.app, channel).history, query)
  const protocol = yield* responseProtocol
  return yield* encoded(protocol, 200, yield* encodePresence(protocol, page.items), {
    link: historyLinks("history", query, format, page.next)
  })
})
