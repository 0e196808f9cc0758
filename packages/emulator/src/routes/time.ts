/**
 * `GET /time` (RSC16): the server time as a one-element array. No authentication.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { respond } from "../http/Respond.js"

/**
 * Answers `[<ms>]` with the time from Effect's `Clock` (so `TestClock` controls it).
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { time } from "./time.js"
 * const handler = time // Effect<HttpServerResponse, AblyError, HttpServerRequest>
 */
export const time = Effect.flatMap(Clock.currentTimeMillis, (now) => respond(200, [now]))
