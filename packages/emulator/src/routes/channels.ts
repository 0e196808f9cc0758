/**
 * `GET /channels`: channel enumeration, paginated with `Link` headers. Names (`by=id`, the
 * default from protocol 3) or `ChannelDetails` (`by=value`, the default before).
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Capability from "../auth/Capability.js"
import { authenticate } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { respond } from "../http/Respond.js"
import { isModern } from "../http/Version.js"
import * as Activity from "../state/Activity.js"
import * as Enumeration from "../state/Enumeration.js"
import { randomId } from "../state/Ids.js"
import * as Step from "../state/Step.js"
import { linkHeader, type LinkTarget } from "./Link.js"
import { encodeDetails } from "./status.js"

const Cursor = Schema.TemplateLiteralParser(
  Schema.String,
  ":",
  Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative())
)

/**
 * The query parameters of `GET /channels`: `prefix`, `limit` 1–1000 (default 100), `by`, and
 * `cursor` (`<enumeration>:<offset>`) for later pages.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { ChannelsParams } from "./channels.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(ChannelsParams)({ limit: "10", by: "id" }) // { prefix: "", limit: 10, by: "id" }
 */
export const ChannelsParams = Schema.Struct({
  prefix: Schema.optionalWith(Schema.String, { default: () => "" }),
  limit: Schema.optionalWith(
    Schema.compose(Schema.String.pipe(Schema.pattern(/^\d{1,7}$/)), Schema.NumberFromString).pipe(
      Schema.between(1, 1000)
    ),
    { default: () => 100 }
  ),
  by: Schema.optional(Schema.Literal("id", "value")),
  cursor: Schema.optional(Cursor),
  format: Schema.optional(Schema.Literal("json", "msgpack"))
})

type Params = typeof ChannelsParams.Type

const links = (params: Params, by: "id" | "value", next: Enumeration.Page["next"]): string => {
  const base: LinkTarget["params"] = [
    ["limit", String(params.limit)],
    ...(params.prefix === "" ? [] : [["prefix", params.prefix] as const]),
    ["by", by],
    ...(params.format === undefined ? [] : [["format", params.format] as const])
  ]
  const at = (cursor: Enumeration.Page["next"]): LinkTarget["params"] =>
    cursor === undefined ? base : [...base, ["cursor", `${cursor.session}:${cursor.offset}`]]
  const current = params.cursor === undefined ? undefined : { session: params.cursor[0], offset: params.cursor[2] }
  return linkHeader("channels", [
    { rel: "first", params: base },
    { rel: "current", params: at(current) },
    ...(next === undefined ? [] : [{ rel: "next", params: at(next) } as const])
  ])
}

/**
 * Authenticates, checks `channel-metadata` on `*` (else 401 / 40160), takes the app's single
 * enumeration slot (else 429 / 42912) and serves one page; an invalid cursor answers
 * 400 / 40011, a `limit` over 1000 400 / 40003.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { channels } from "./channels.js"
 * const handler = channels
 */
export const channels = Effect.gen(function*() {
  const principal = yield* authenticate
  yield* Capability.ensure(principal.capability, "*", "channel-metadata")
  const params = yield* HttpServerRequest.schemaSearchParams(ChannelsParams).pipe(
    Effect.mapError((cause) =>
      Errors.ablyError(40003, 400, `Invalid channel enumeration parameters: ${Errors.describeParseError(cause)}`, {
        cause
      })
    )
  )
  const by = params.by ?? ((yield* isModern) ? "id" : "value")
  const emulator = yield* Emulator
  const appId = principal.app.appId
  const newSession = yield* randomId(10)
  yield* emulator.modifyApp(appId, Enumeration.begin)
  const served = yield* Effect.gen(function*() {
    const latency = Enumeration.stateOf(principal.app).faults.latencyMillis ?? 0
    if (latency > 0) yield* Effect.sleep(Duration.millis(latency))
    return yield* emulator.modifyApp(appId, (app, now) => {
      const cursor = params.cursor === undefined ? undefined : { session: params.cursor[0], offset: params.cursor[2] }
      const [outcome, updated] = Enumeration.page(app, {
        prefix: params.prefix,
        limit: params.limit,
        cursor,
        newSession
      }, now)
      const withDetails = Either.map(outcome, (page) => ({
        ...page,
        details: by === "value"
          ? page.names.map((name) => Activity.details(name, Activity.channelOf(updated, name), now))
          : []
      }))
      return [withDetails, updated] as const
    })
  }).pipe(
    Effect.ensuring(
      emulator.modifyApp(appId, (app) => Step.succeed(undefined, Enumeration.end(app))).pipe(Effect.ignore)
    )
  )
  const body = by === "value" ? yield* encodeDetails(served.details) : served.names
  return yield* respond(200, body, { link: links(params, by, served.next) })
})
