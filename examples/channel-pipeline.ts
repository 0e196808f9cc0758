/**
 * The channel pipeline of `enumerate-channels.ts`, as a function so the test suite runs the
 * very same pipeline: every active channel of the app (`channels.list`, one page at a time as
 * the pipeline pulls) → a filter → a status lookup per channel at bounded concurrency → one
 * NDJSON line per channel.
 */
import type { Errors, Rest } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"

export interface PipelineOptions {
  /** Only channels whose name starts with this. */
  readonly prefix?: string
  /** Which channels to look up. */
  readonly keep: (channel: string) => boolean
  /** Status lookups in flight at once. */
  readonly concurrency: number
}

/** One output line: a channel and its occupancy. */
export interface ChannelLine {
  readonly channel: string
  readonly connections: number
  readonly presenceMembers: number
}

// Ably's enumeration quirks, handled: 40011 restarts from the first page (nothing is emitted
// twice: `deduplicate: "all"` remembers every name, restarts included), 42912 (someone else is
// enumerating) waits and retries that page.
const restart = Schedule.recurs(3)
const whileInProgress = Schedule.exponential("200 millis").pipe(Schedule.intersect(Schedule.recurs(5)))

/** The channels of the app that pass `keep`, each with its occupancy. */
export const channelLines = (
  rest: Rest.Service,
  options: PipelineOptions
): Stream.Stream<ChannelLine, Errors.AblyError> =>
  rest.channels.list({
    prefix: options.prefix,
    limit: 1000,
    deduplicate: "all",
    restartOnInvalidation: restart,
    retryWhileInProgress: whileInProgress
  }).pipe(
    Stream.filter(options.keep),
    Stream.mapEffect(
      (channel) =>
        Effect.map(rest.channel(channel).status, (details) => ({
          channel,
          connections: details.status?.occupancy?.metrics.connections ?? 0,
          presenceMembers: details.status?.occupancy?.metrics.presenceMembers ?? 0
        })),
      { concurrency: options.concurrency }
    )
  )

/** NDJSON: one JSON object per line. */
export const ndjson = <E, R>(lines: Stream.Stream<ChannelLine, E, R>): Stream.Stream<string, E, R> =>
  Stream.map(lines, (line) => `${JSON.stringify(line)}\n`)
