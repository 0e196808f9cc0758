/**
 * Benchmarks: raw undici, ably-js and effect-ably against one in-process loopback emulator.
 *
 *   npx tsx bench/run.ts [--quick]
 *
 * Prints tables to stdout (progress to stderr) and writes bench/results/latest.json.
 */
import * as Emulator from "@effect-ably/emulator"
import * as EmulatorServer from "@effect-ably/emulator/server"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { fileURLToPath } from "node:url"
import * as AblyJs from "./clients/ablyjs.js"
import type { BenchClient, Target } from "./clients/Client.js"
import * as EffectAbly from "./clients/effect.js"
import * as Raw from "./clients/raw.js"
import { render, writeJson } from "./report.js"
import { historyChannel, runAll } from "./scenarios.js"
import * as Settings from "./settings.js"

const resultsPath = fileURLToPath(new URL("results/latest.json", import.meta.url))

const settings = Settings.fromArgs(process.argv.slice(2))

const program = Effect.gen(function*() {
  // The server runs on the live clock for as long as this scope.
  const server = yield* Layer.build(EmulatorServer.layerServer({ port: 0 }))
  const { host, port } = Context.get(server, EmulatorServer.EmulatorAddress)
  const emulator = Context.get(server, Emulator.Emulator)
  const app = yield* emulator.createApp()
  const target: Target = { host, port, key: app.keys[0]!.keyStr }

  for (let start = 0; start < settings.historyMessages; start += 100) {
    const batch = Array.from({ length: Math.min(100, settings.historyMessages - start) }, (_, i) => ({
      name: "seed",
      data: `history payload #${start + i}`
    }))
    yield* emulator.publish(app.appId, historyChannel, batch)
  }

  const clients: ReadonlyArray<BenchClient> = [
    Raw.make(target),
    AblyJs.make(target, "json"),
    AblyJs.make(target, "msgpack"),
    yield* EffectAbly.make(target, "json"),
    yield* EffectAbly.make(target, "msgpack")
  ]
  yield* Effect.addFinalizer(() => Effect.promise(() => Promise.all(clients.map((client) => client.close()))))

  const results = yield* Effect.promise(() => runAll(clients, settings, (line) => process.stderr.write(`${line}\n`)))
  process.stdout.write(`${render(results, settings)}\n`)
  yield* Effect.promise(() => writeJson(resultsPath, results, settings))
  process.stderr.write(`wrote ${resultsPath}\n`)
})

Effect.runPromise(Effect.scoped(program)).catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
