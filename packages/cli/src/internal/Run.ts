/**
 * What every command shares: the client of the global options, failures printed once as one
 * stderr line (`Exited` carries the exit code out), and NDJSON output of a Stream with progress
 * on stderr when it is a TTY.
 *
 * @since 0.1.0
 */
import { Rest } from "@effect-ably/core"
import * as Chunk from "effect/Chunk"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { Output } from "../Output.js"
import { type CommandError, exitCode, render } from "./Failure.js"
import type { Global } from "./Global.js"
import { restLayer } from "./Global.js"
import { line } from "./Json.js"

/**
 * A command that failed and has printed why: the process exits with `code`.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { Exited } from "./Run.js"
 * new Exited({ code: 1 })
 */
export class Exited extends Data.TaggedError("Exited")<{ readonly code: number }> {}

/**
 * Runs a command's body with the `Rest` client of the global options; an `AblyError` or a
 * `UsageError` is printed (as text, or JSON with `--json`) and becomes `Exited`.
 *
 * @since 0.1.0
 * @category running
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect, Option } from "effect"
 * import { withRest } from "./Run.js"
 * const global = { key: Option.none(), endpoint: Option.none(), emulator: true, json: false, protocol: "json" as const }
 * const time = withRest(global, (rest) => rest.time)
 */
export const withRest = <A, R>(
  global: Global,
  body: (rest: Rest.Service) => Effect.Effect<A, CommandError, R>
): Effect.Effect<A, Exited, Output | Exclude<R, Rest.Rest>> =>
  reported(global, Effect.flatMap(Rest.Rest, body).pipe(Effect.provide(restLayer(global))))

/**
 * Prints a failure of `effect` and turns it into `Exited`.
 *
 * @since 0.1.0
 * @category running
 * @example
 * import { Effect, Option } from "effect"
 * import { UsageError } from "./Failure.js"
 * import { reported } from "./Run.js"
 * const global = { key: Option.none(), endpoint: Option.none(), emulator: true, json: false, protocol: "json" as const }
 * const failed = reported(global, Effect.fail(new UsageError({ message: "bad" })))
 */
export const reported = <A, R>(
  global: { readonly json: boolean },
  effect: Effect.Effect<A, CommandError, R>
): Effect.Effect<A, Exited, Output | R> =>
  Effect.catchAll(
    effect,
    (error) =>
      Effect.flatMap(Output, (output) => output.stderr(`${render(error, global.json)}\n`)).pipe(
        Effect.zipRight(Effect.fail(new Exited({ code: exitCode(error) })))
      )
  )

/**
 * Prints one value as one line on stdout.
 *
 * @since 0.1.0
 * @category output
 * @example
 * import { printLine } from "./Run.js"
 * const printed = printLine({ time: 1 })
 */
export const printLine = (value: unknown): Effect.Effect<void, never, Output> =>
  Effect.flatMap(Output, (output) => output.stdout(`${line(value)}\n`))

const progressEvery = 250

/**
 * Writes every element of a Stream as one NDJSON line, chunk by chunk (one write per page,
 * waiting while stdout is full: constant memory), and shows `items, pages, items/s` on stderr
 * when it is a TTY. Returns how many lines it wrote.
 *
 * @since 0.1.0
 * @category output
 * @example
 * import { Stream } from "effect"
 * import { printStream } from "./Run.js"
 * const written = printStream(Stream.make({ a: 1 }, { a: 2 })) // Effect<number, never, Output>
 */
export const printStream = <A, E, R>(stream: Stream.Stream<A, E, R>): Effect.Effect<number, E, Output | R> =>
  Effect.flatMap(Output, (output) => {
    let items = 0
    let pages = 0
    const started = Date.now()
    let shown = started
    const progress = (final: boolean): Effect.Effect<void> => {
      if (!output.stderrIsTTY) return Effect.void
      const now = Date.now()
      if (!final && now - shown < progressEvery) return Effect.void
      shown = now
      const rate = Math.round(items / Math.max((now - started) / 1000, 0.001))
      return output.stderr(`\r${items} items, ${pages} pages, ${rate}/s${final ? "\n" : ""}`)
    }
    return stream.pipe(
      Stream.runForEachChunk((chunk) => {
        if (Chunk.isEmpty(chunk)) return Effect.void
        let text = ""
        for (const value of chunk) text += `${line(value)}\n`
        items += chunk.length
        pages += 1
        return Effect.zipRight(output.stdout(text), progress(false))
      }),
      Effect.zipRight(Effect.suspend(() => progress(true))),
      Effect.map(() => items),
      Effect.onInterrupt(() => Effect.suspend(() => progress(true)))
    )
  })
