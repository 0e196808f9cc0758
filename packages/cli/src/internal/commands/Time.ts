/**
 * `effect-ably time`: the server's time (RSC16).
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import { options } from "../Global.js"
import { printLine, withRest } from "../Run.js"

/**
 * `time`: prints `{"time": <ms>, "iso": "<ISO 8601>"}`.
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { time } from "./Time.js"
 * const command = time
 */
export const time = Command.make(
  "time",
  { global: options },
  ({ global }) =>
    withRest(
      global,
      (rest) => Effect.flatMap(rest.time, (ms) => printLine({ time: ms, iso: new Date(ms).toISOString() }))
    )
).pipe(
  Command.withDescription("Print the Ably server time")
)
