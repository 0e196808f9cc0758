/**
 * `time()` (RSC16): the server's clock, unauthenticated.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { ParseError } from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type AblyError, unexpectedResponse } from "../Errors.js"
import type { AblyRequest, AblyResponse } from "./http/AblyRequest.js"

// A time that is not a finite number (msgpack can carry NaN and Infinity) is no time.
// Built on the first answer that is not the common shape (never at import).
let decodeTimeMemo: ((body: unknown) => Effect.Effect<readonly [number, ...Array<number>], ParseError>) | undefined
const decodeTime = (body: unknown) =>
  (decodeTimeMemo ??= Schema.decodeUnknown(Schema.NonEmptyArray(Schema.Finite)))(body)

const isTimes = (body: unknown): body is readonly [number, ...Array<number>] =>
  Array.isArray(body) && body.length > 0 && body.every((time) => typeof time === "number" && Number.isFinite(time))

/**
 * Server time in ms since the epoch.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const now = Effect.flatMap(Rest.Rest, (rest) => rest.time)
 */
export const time = (
  send: (request: AblyRequest) => Effect.Effect<AblyResponse, AblyError>
): Effect.Effect<number, AblyError> =>
  Effect.flatMap(send({ method: "GET", path: "/time", auth: "none" }), (response) =>
    // The common answer checked by hand (what the Schema accepts, with the same value); any
    // other goes through the Schema for its error.
    isTimes(response.body) ? Effect.succeed(response.body[0]) : decodeTime(response.body).pipe(
      Effect.map((times) => times[0]),
      Effect.mapError((cause) => unexpectedResponse("time", cause, response.requestId))
    ))
