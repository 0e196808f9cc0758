/**
 * Deadlines and fallbacks: a publish that must finish within a deadline (`Deadline.withDeadline`:
 * every attempt on every host within it, a typed 50003 error when it is reached), on a client
 * whose fallback-host policy is a `Schedule` of our own (the spec's rules, two fallback hosts
 * at most, 100 ms between hosts) and whose connect timeout is separate from its request
 * timeout. Runs against the embedded emulator; with ABLY_API_KEY set, against Ably.
 *
 *   npx tsx examples/deadlines.ts
 */
import { Deadline, type Errors, FallbackPolicy, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { NodeRest } from "@effect-ably/node"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { pathToFileURL } from "node:url"

/** The client's limits: 2 s to connect, 5 s per attempt, 8 s for all hosts of one request. */
export const options = {
  httpOpenTimeout: 2_000,
  httpRequestTimeout: 5_000,
  httpMaxRetryDuration: 8_000,
  // The spec's qualifying failures, at most 2 fallback hosts, a 100 ms pause before each.
  fallbackSchedule: FallbackPolicy.standard(2).pipe(Schedule.addDelay(() => "100 millis"))
}

/** `true` for the error of a call whose deadline was reached (not a host's own timeout). */
export const isDeadline = (error: Errors.AblyError): boolean =>
  error.reason === "Timeout" && error.detail?.["timeout"] === "deadline"

/** Publishes within `within`; a deadline reached is an outcome, any other failure stays an error. */
export const publishWithin = (
  channel: string,
  data: unknown,
  within: Duration.DurationInput
): Effect.Effect<"published" | "deadline reached", Errors.AblyError, Rest.Rest> =>
  Effect.flatMap(Rest.Rest, (rest) => rest.channels.get(channel).publish("reading", data)).pipe(
    Deadline.withDeadline(within),
    Effect.as("published" as const),
    Effect.catchIf(isDeadline, () => Effect.succeed("deadline reached" as const))
  )

const main = Effect.gen(function*() {
  yield* Console.log(`within 5 s: ${yield* publishWithin("sensors", { celsius: 21.5 }, "5 seconds")}`)
  // A deadline already reached: nothing is sent, the call fails with the typed deadline error.
  yield* Console.log(`within 0 s: ${yield* publishWithin("sensors", { celsius: 21.6 }, 0)}`)
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const key = process.env["ABLY_API_KEY"]
  NodeRuntime.runMain(
    main.pipe(Effect.provide(key !== undefined ? NodeRest.layer({ ...options, key }) : Emulator.layerRest(options)))
  )
}
