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

NodeRuntime.runMain(
  run(process.argv.slice(2)).pipe(Effect.provide(layerNode), Effect.provide(NodeContext.layer)),
  {
    disableErrorReporting: true,
    teardown: (exit, onExit) =>
      onExit(
        Exit.isSuccess(exit)
          ? (typeof exit.value === "number" ? exit.value : 0)
          : Cause.isInterruptedOnly(exit.cause)
          ? 130
          : 1
      )
  }
)
