/**
 * Where the CLI writes and what it reads: stdout, stderr and stdin lines as a service, so the
 * commands run the same in the bin (`layerNode`: the process streams, with backpressure) and in
 * tests (`capture`: everything in arrays).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { createInterface } from "node:readline"
import type { Readable, Writable } from "node:stream"

/**
 * The CLI's terminal. `stdout` and `stderr` write text as given (the caller adds newlines) and
 * wait while the stream is full; `stdin` gives the lines of standard input, read as pulled.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly stdout: (text: string) => Effect.Effect<void>
  readonly stderr: (text: string) => Effect.Effect<void>
  readonly stdin: Stream.Stream<string>
  /** Whether standard input is a terminal (then `publish` without data does not read it). */
  readonly stdinIsTTY: boolean
  /** Whether standard error is a terminal (then long streams show progress on it). */
  readonly stderrIsTTY: boolean
}

/**
 * The CLI's output service.
 *
 * @since 0.1.0
 * @category tags
 * @example
 * import { Output } from "@effect-ably/cli"
 * import { Effect } from "effect"
 * const hello = Effect.flatMap(Output.Output, (output) => output.stdout("hello\n"))
 */
export class Output extends Context.Tag("@effect-ably/cli/Output")<Output, Service>() {}

// One write; resolves once the data is handed to the OS or, when the buffer is full, on 'drain'.
const writeTo = (stream: Writable) => (text: string): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    if (stream.write(text)) return resume(Effect.void)
    const done = () => {
      stream.off("drain", done)
      stream.off("close", done)
      resume(Effect.void)
    }
    stream.once("drain", done)
    stream.once("close", done)
  })

const linesOf = (input: Readable): Stream.Stream<string> =>
  Stream.suspend(() => {
    const lines = createInterface({ input, crlfDelay: Infinity })
    return Stream.fromAsyncIterable(lines, () => undefined).pipe(
      Stream.catchAll(() => Stream.empty),
      Stream.ensuring(Effect.sync(() => lines.close()))
    )
  })

/**
 * The process's streams: `process.stdout`, `process.stderr` and `process.stdin`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Output } from "@effect-ably/cli"
 * import { Effect } from "effect"
 * Effect.runPromise(Effect.flatMap(Output.Output, (output) => output.stdout("hi\n")).pipe(Effect.provide(Output.layerNode)))
 */
export const layerNode: Layer.Layer<Output> = Layer.sync(Output, () => ({
  stdout: writeTo(process.stdout),
  stderr: writeTo(process.stderr),
  stdin: linesOf(process.stdin),
  stdinIsTTY: process.stdin.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true
}))

/**
 * What `capture` recorded: the text written to stdout and stderr.
 *
 * @since 0.1.0
 * @category models
 */
export interface Captured {
  readonly stdout: Array<string>
  readonly stderr: Array<string>
}

/**
 * An `Output` that records what is written, with the given stdin lines (not a TTY, unless
 * `stdin` is omitted), for tests.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Output } from "@effect-ably/cli"
 * const { captured, service } = Output.capture(["{\"name\":\"a\"}"])
 * captured.stdout // what the command printed, chunk by chunk
 */
export const capture = (stdin?: ReadonlyArray<string>): { readonly captured: Captured; readonly service: Service } => {
  const captured: Captured = { stdout: [], stderr: [] }
  return {
    captured,
    service: {
      stdout: (text) => Effect.sync(() => void captured.stdout.push(text)),
      stderr: (text) => Effect.sync(() => void captured.stderr.push(text)),
      stdin: Stream.fromIterable(stdin ?? []),
      stdinIsTTY: stdin === undefined,
      stderrIsTTY: false
    }
  }
}
