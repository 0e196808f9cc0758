/**
 * A stats report: an app's hourly statistics as a Stream (`rest.stats`, pages fetched as the
 * report reads), folded into a per-hour table and totals. Runs against the embedded emulator,
 * seeded with a day of statistics through `emulator.admin.postStats`; with ABLY_API_KEY set,
 * reports on that app's last 24 hours instead.
 *
 *   npx tsx examples/stats-report.ts
 */
import { type Errors, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { NodeRest } from "@effect-ably/node"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { pathToFileURL } from "node:url"

export interface HourLine {
  readonly hour: string
  readonly messages: number
  readonly peakConnections: number
}

export interface Report {
  readonly hours: ReadonlyArray<HourLine>
  readonly totalMessages: number
  readonly busiestHour: string | undefined
}

/** The report of the hours from `start` to `end` (both included, as Ably counts), oldest first. */
export const report = (start: number, end: number): Effect.Effect<Report, Errors.AblyError, Rest.Rest> =>
  Effect.flatMap(Rest.Rest, (rest) =>
    rest.stats({ unit: "hour", start, end, direction: "forwards", limit: 100 }).pipe(
      Stream.map((stats): HourLine => ({
        hour: stats.intervalId,
        messages: stats.entries["messages.all.all.count"] ?? 0,
        peakConnections: stats.entries["connections.all.peak"] ?? 0
      })),
      Stream.runFold(
        { hours: [] as Array<HourLine>, totalMessages: 0, busiestHour: undefined as HourLine | undefined },
        (acc, line) => ({
          hours: [...acc.hours, line],
          totalMessages: acc.totalMessages + line.messages,
          busiestHour: acc.busiestHour === undefined || line.messages > acc.busiestHour.messages
            ? line
            : acc.busiestHour
        })
      ),
      Effect.map(({ busiestHour, hours, totalMessages }) => ({ hours, totalMessages, busiestHour: busiestHour?.hour }))
    ))

export const print = (result: Report) =>
  Effect.gen(function*() {
    yield* Console.log("hour            messages  peak connections")
    for (const line of result.hours) {
      yield* Console.log(
        `${line.hour}  ${String(line.messages).padStart(8)}  ${String(line.peakConnections).padStart(16)}`
      )
    }
    yield* Console.log(`total ${result.totalMessages} messages; busiest hour ${result.busiestHour ?? "-"}`)
  })

/** A day of fixtures: 2024-05-01, busier in the afternoon. */
export const day = Date.UTC(2024, 4, 1)
export const seed = Effect.gen(function*() {
  const emulator = yield* Emulator.Emulator
  const { appId } = yield* Emulator.EmulatorApp
  yield* emulator.admin.postStats(
    appId,
    Array.from({ length: 24 }, (_, hour) => ({
      intervalId: `2024-05-01:${String(hour).padStart(2, "0")}`,
      unit: "hour",
      entries: { "messages.all.all.count": hour * 10 + (hour === 15 ? 500 : 0), "connections.all.peak": hour }
    }))
  )
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const live = process.env["ABLY_API_KEY"] !== undefined
  const now = Date.now()
  const main = live
    ? Effect.flatMap(report(now - 24 * 3_600_000, now), print).pipe(Effect.provide(NodeRest.layerConfig()))
    : seed.pipe(
      Effect.zipRight(Effect.flatMap(report(day, day + 23 * 3_600_000), print)),
      Effect.provide(Emulator.layerRest())
    )
  NodeRuntime.runMain(main)
}
