/**
 * The `effect-ably` command line: every command, and `run`, which parses the arguments, runs
 * the command and answers with the process's exit code (0 ok, 1 Ably error, 2 usage) instead
 * of failing.
 *
 * @since 0.1.0
 */
import { Version } from "@effect-ably/core"
import type * as CliApp from "@effect/cli/CliApp"
import * as Command from "@effect/cli/Command"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import { Channels, Emulator, History, Publish, Request, Time, Token } from "./internal/commands/index.js"
import { render, UsageError } from "./internal/Failure.js"
import { Exited as ExitCode } from "./internal/Run.js"
import { Output } from "./Output.js"

const root = Command.make(
  "effect-ably",
  {},
  () =>
    Effect.flatMap(
      Output,
      (output) =>
        output.stderr(`${render(new UsageError({ message: "name a command; see effect-ably --help" }), false)}\n`)
    ).pipe(
      Effect.zipRight(Effect.fail(new ExitCode({ code: 2 })))
    )
).pipe(
  Command.withDescription("The Ably REST API from the command line, NDJSON out (effect-ably)")
)

/**
 * The exit code of a command that failed after printing why.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { Cli } from "@effect-ably/cli"
 * new Cli.ExitCode({ code: 2 })
 */
export { Exited as ExitCode } from "./internal/Run.js"

/**
 * The root command with every subcommand.
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { Cli } from "@effect-ably/cli"
 * import { Command } from "@effect/cli"
 * const names = Command.getNames(Cli.command)
 */
export const command = root.pipe(Command.withSubcommands([
  Time.time,
  Publish.publish,
  History.history,
  History.presence,
  History.status,
  Channels.channels,
  Channels.stats,
  Token.token,
  Token.revoke,
  Request.request,
  Emulator.emulator
]))

const cli = Command.run(command, { name: "effect-ably", version: Version.libraryVersion })

/**
 * Runs the command line `args` (without `node` and the script: `process.argv.slice(2)`) and
 * succeeds with the exit code: 0, 1 after an Ably error, 2 after a usage error (both printed
 * on stderr). Everything goes through `Output`; `@effect/cli`'s help and parse errors go
 * through the `Console`.
 *
 * @since 0.1.0
 * @category running
 * @example
 * import { Cli, Output } from "@effect-ably/cli"
 * import { NodeContext } from "@effect/platform-node"
 * import { Effect } from "effect"
 * const code = Cli.run(["time", "--emulator"]).pipe(Effect.provide(Output.layerNode), Effect.provide(NodeContext.layer))
 */
export const run = (args: ReadonlyArray<string>): Effect.Effect<number, never, Output | CliApp.CliApp.Environment> =>
  cli(["node", "effect-ably", ...args]).pipe(
    Effect.as(0),
    Effect.catchAll((error) => Effect.succeed(ValidationError.isValidationError(error) ? 2 : error.code))
  )
