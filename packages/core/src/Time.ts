/**
 * `time()` (RSC16): the server's clock, unauthenticated.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type AblyError, unexpectedResponse } from "./Errors.js"
import type { Service as Http } from "./Http/AblyHttp.js"

const TimeResponse = Schema.NonEmptyArray(Schema.Number)
const decodeTime = Schema.decodeUnknown(TimeResponse)

/**
 * Server time in ms since the epoch.
 *
 * @since 0.1.0
 * @category operations
 */
export const time = (http: Http): Effect.Effect<number, AblyError> =>
  Effect.flatMap(http.send({ method: "GET", path: "/time", authenticated: false }), (response) =>
    decodeTime(response.body).pipe(
      Effect.map((times) => times[0]),
      Effect.mapError((cause) => unexpectedResponse("time", cause, response.requestId))
    ))
