/**
 * `GET /channels/:channel/messages` (RSL2): a channel's history, paginated with `Link` headers.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Capability from "../auth/Capability.js"
import { authenticate } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { responseProtocol } from "../http/Negotiation.js"
import { encoded } from "../http/Respond.js"
import type { HistoryQuery } from "../state/History.js"
import { channelName } from "./ChannelName.js"
import { linkHeader, type LinkTarget } from "./Link.js"
import { encodeMessages } from "./MessageWire.js"

const Digits = (max: number) => Schema.String.pipe(Schema.pattern(new RegExp(`^\\d{1,${max}}$`)))

/**
 * The query parameters of a history request, decoded from strings. `limit` is 1–1000
 * (default 100), `direction` defaults to `backwards`; `cursor` continues a previous page.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { HistoryParams } from "./history.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(HistoryParams)({ limit: "10" }) // { limit: 10, direction: "backwards" }
 */
export const HistoryParams = Schema.Struct({
  start: Schema.optional(Schema.compose(Digits(15), Schema.NumberFromString)),
  end: Schema.optional(Schema.compose(Digits(15), Schema.NumberFromString)),
  direction: Schema.optionalWith(Schema.Literal("backwards", "forwards"), { default: () => "backwards" as const }),
  limit: Schema.optionalWith(Schema.compose(Digits(4), Schema.NumberFromString).pipe(Schema.between(1, 1000)), {
    default: () => 100
  }),
  cursor: Schema.optional(Schema.String.pipe(Schema.pattern(/^\d{16}@\d+$/))),
  format: Schema.optional(Schema.Literal("json", "msgpack"))
})

const invalidParams = (message: string, cause?: unknown) =>
  Errors.ablyError(40003, 400, `Invalid history parameters: ${message}`, { cause })

/**
 * The validated history query of the current request (400 / 40003 when invalid). `end`
 * defaults to now and is written into every link, so later pages see a fixed window.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { historyQuery } from "./history.js"
 * const query = historyQuery // Effect<{ query, format }, AblyError, HttpServerRequest>
 */
export const historyQuery = Effect.gen(function*() {
  const params = yield* HttpServerRequest.schemaSearchParams(HistoryParams).pipe(
    Effect.mapError((cause) => invalidParams(Errors.describeParseError(cause), cause))
  )
  const query: HistoryQuery = {
    start: params.start ?? 0,
    end: params.end ?? (yield* Clock.currentTimeMillis),
    direction: params.direction,
    limit: params.limit,
    cursor: params.cursor
  }
  if (query.start > query.end) {
    return yield* Effect.fail(invalidParams(`start (${query.start}) is after end (${query.end})`))
  }
  return { query, format: params.format }
})

/**
 * The `Link` header of a history page (`messages`, or `history` for presence history).
 *
 * @since 0.1.0
 * @category formatting
 * @example
 * import { historyLinks } from "./history.js"
 * historyLinks("messages", { start: 0, end: 1, direction: "forwards", limit: 10 }, undefined, undefined)
 */
export const historyLinks = (
  lastSegment: string,
  query: HistoryQuery,
  format: string | undefined,
  next: string | undefined
): string => {
  const params = (cursor: string | undefined): LinkTarget["params"] => [
    ["start", String(query.start)],
    ["end", String(query.end)],
    ["limit", String(query.limit)],
    ["direction", query.direction],
    ...(format === undefined ? [] : [["format", format] as const]),
    ...(cursor === undefined ? [] : [["cursor", cursor] as const])
  ]
  return linkHeader(lastSegment, [
    { rel: "first", params: params(undefined) },
    { rel: "current", params: params(query.cursor) },
    ...(next === undefined ? [] : [{ rel: "next", params: params(next) } as const])
  ])
}

/**
 * Authenticates, checks the `history` capability, validates the query (400 / 40003) and
 * answers one page of messages with its `Link` header.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { history } from "./history.js"
 * const handler = history
 */
export const history = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  yield* Capability.ensure(principal.capability, channel, "history")
  const { format, query } = yield* historyQuery
  const emulator = yield* Emulator
  const page = yield* emulator.history(principal.app.appId, channel, query)
  const protocol = yield* responseProtocol
  const items = yield* encodeMessages(protocol, page.items)
  return yield* encoded(protocol, 200, items, { link: historyLinks("messages", query, format, page.next) })
})
