#!/usr/bin/env node
/**
 * `effect-ably-emulator`: the loopback emulator as a command (`effect-ably-emulator --help`).
 * Expected failures print one line on stderr and exit 2 (bad input) or 1 (cannot listen);
 * Ctrl-C and SIGTERM close the server and exit 0.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { main } from "./internal/cli/Main.js"

NodeRuntime.runMain(
  main(process.argv.slice(2)).pipe(
    Effect.catchTag("CliFailure", (failure) =>
      Effect.zipRight(Console.error(failure.message), Effect.sync(() => {
        process.exitCode = failure.exitCode
      })))
  )
)
