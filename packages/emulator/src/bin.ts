#!/usr/bin/env node
/**
 * `effect-ably-emulator`: the loopback emulator as a command (`effect-ably-emulator --help`).
 * Expected failures print one line on stderr and exit 2 (bad input) or 1 (cannot listen);
 * Ctrl-C and SIGTERM close the server and exit 0. `--help` and bad arguments are answered
 * before the server's modules load.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { parse, usage } from "./internal/cli/Args.js"

const args = process.argv.slice(2)
const parsed = parse(args)

if (Either.isRight(parsed) && parsed.right.help) {
  process.stdout.write(`${usage}\n`)
} else if (Either.isLeft(parsed)) {
  process.stderr.write(`effect-ably-emulator: ${parsed.left}\n\n${usage}\n`)
  process.exitCode = 2
} else {
  const [NodeRuntime, Console, Effect, Main] = await Promise.all([
    import("@effect/platform-node/NodeRuntime"),
    import("effect/Console"),
    import("effect/Effect"),
    import("./internal/cli/Main.js")
  ])
  NodeRuntime.runMain(
    Main.main(args).pipe(
      Effect.catchTag("CliFailure", (failure) =>
        Effect.zipRight(
          Console.error(failure.message),
          Effect.sync(() => {
            process.exitCode = failure.exitCode
          })
        ))
    )
  )
}
