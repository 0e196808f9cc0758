/**
 * Runs the CLI in process: `Cli.run(args)` with a captured `Output` and `Console`, on the
 * `Emulator` of the context (so `publish` then `history` see one emulator).
 */
import { Cli, Output } from "@effect-ably/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

export interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** The stdout lines, each parsed as JSON. */
  readonly lines: ReadonlyArray<unknown>
}

export const runCli = (
  args: ReadonlyArray<string>,
  stdin?: ReadonlyArray<string>,
  terminal: { readonly stderrIsTTY?: boolean } = {}
) =>
  Effect.gen(function*() {
    const { captured, service: captureService } = Output.capture(stdin)
    const service = { ...captureService, stderrIsTTY: terminal.stderrIsTTY ?? false }
    const current = yield* Effect.console
    const text = (values: ReadonlyArray<unknown>) => values.map(String).join(" ") + "\n"
    const console: Console.Console = {
      ...current,
      log: (...values) => Effect.sync(() => void captured.stdout.push(text(values))),
      error: (...values) => Effect.sync(() => void captured.stderr.push(text(values)))
    }
    const code = yield* Cli.run(args).pipe(
      Effect.provideService(Output.Output, service),
      Effect.provide(NodeContext.layer),
      Effect.withConsole(console)
    )
    const stdout = captured.stdout.join("")
    const lines = stdout.split("\n").filter((line) => line !== "").map((line): unknown => {
      try {
        return JSON.parse(line)
      } catch {
        return line
      }
    })
    return { code, stdout, stderr: captured.stderr.join(""), lines } satisfies Ran
  })
