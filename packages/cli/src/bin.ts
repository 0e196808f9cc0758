#!/usr/bin/env node
/**
 * `effect-ably`: the CLI as a process. Exit codes: 0 ok, 1 Ably error, 2 usage error, 130
 * after Ctrl-C (SIGINT or SIGTERM interrupt the running command: a Stream stops pulling, what
 * was written stays written).
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { run } from "./Cli.js"
import { layerNode } from "./Output.js"

// process.exit (which runMain calls for a non-zero code) drops writes still queued on a pipe:
// wait until stdout and stderr have handed everything to the OS first.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write("", () => resolve()))

NodeRuntime.runMain(
  run(process.argv.slice(2)).pipe(Effect.provide(layerNode), Effect.provide(NodeContext.layer)),
  {
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      const code = Exit.isSuccess(exit)
        ? (typeof exit.value === "number" ? exit.value : 0)
        : Cause.isInterruptedOnly(exit.cause)
        ? 130
        : 1
      void Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() => onExit(code))
    }
  }
)
