/**
 * `channel.status` (RSL8): `GET /channels/{name}`, a channel's `ChannelDetails`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { ChannelDetails } from "../../ChannelDetails.js"
import { type AblyError, unexpectedResponse } from "../../Errors.js"
import type { Service as Http } from "../http/AblyHttp.js"
import * as Span from "../Span.js"

const decodeDetails = Schema.decodeUnknown(ChannelDetails)

/**
 * Reads a channel's details and occupancy. Ably activates the channel as a side effect, so
 * use it for channels known to be active (from enumeration, for instance). Needs the
 * `channel-metadata` capability on the channel.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as ChannelStatus from "./ChannelStatus.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect, Either } from "effect"
 * const room = { name: "room", path: "/channels/room", validName: Either.right("room") }
 * const details = Effect.flatMap(AblyHttp.AblyHttp, (http) => ChannelStatus.status(http, room))
 */
export const status = (
  http: Http,
  channel: {
    readonly name: string
    readonly path: string
    readonly validName: Either.Either<string, AblyError>
  }
): Effect.Effect<ChannelDetails, AblyError> =>
  Effect.gen(function*() {
    yield* channel.validName
    const response = yield* http.send({ method: "GET", path: channel.path })
    return yield* Effect.mapError(decodeDetails(response.body), (cause) =>
      unexpectedResponse("channel details", cause, response.requestId))
  }).pipe(
    Span.withSpan("RestChannel.status", { captureStackTrace: false, attributes: { "ably.channel": channel.name } })
  )
