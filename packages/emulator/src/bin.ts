/**
 * The emulator CLI: `pnpm emulator --port 8080 [--host 127.0.0.1 [--host 127.0.0.2 …]]`.
 * Starts the loopback server (several `--host`s listen on one port and share one state, for
 * fallback hosts), creates the default test app and prints how to point the SDK at it. Runs
 * until Ctrl-C. Faults are set over HTTP: `PUT /_emulator/faults`.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Emulator } from "./Emulator.js"
import { EmulatorAddress, layerServer, type ServerOptions } from "./server.js"

const usage = "Usage: pnpm emulator [--port <0-65535>] [--host <address>]...   (port 0 picks a free port; repeat --host for fallback hosts)"

// `--port N` / `--port=N` and `--host H` / `--host=H` (repeatable), nothing else.
const parseArgs = (args: ReadonlyArray<string>): Either.Either<ServerOptions, string> => {
  const options: { port?: number; hosts?: Array<string> } = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ""
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined]
    const value = inline ?? args[++i]
    if (flag === "--port" && value !== undefined && /^\d{1,5}$/.test(value) && Number(value) <= 65535) {
      options.port = Number(value)
    } else if (flag === "--host" && value !== undefined && value !== "") {
      options.hosts = [...(options.hosts ?? []), value]
    } else {
      return Either.left(`Unexpected argument '${arg}'.\n${usage}`)
    }
  }
  return Either.right(options)
}

const announce = Effect.gen(function* () {
  const { addresses, host, port, url } = yield* EmulatorAddress
  const emulator = yield* Emulator
  const app = yield* emulator.createApp()
  const [fullAccess] = app.keys
  yield* Console.log(`Ably REST emulator listening on ${addresses.map((address) => address.url).join(", ") || url}`)
  yield* Console.log(`Test app ${app.appId} with ${app.keys.length} keys:`)
  for (const [index, key] of app.keys.entries()) yield* Console.log(`  [${index}] ${key.keyStr}  ${key.capability}`)
  if (fullAccess !== undefined) {
    yield* Console.log(`Full-access key: ${fullAccess.keyStr}`)
    yield* Console.log(
      `SDK options: ${
        JSON.stringify(
          addresses.length > 1
            ? { restHost: host, fallbackHosts: addresses.slice(1).map((address) => address.host), port, tls: false, key: fullAccess.keyStr }
            : { endpoint: host, port, tls: false, key: fullAccess.keyStr }
        )
      }`
    )
  }
  yield* Console.log("Press Ctrl-C to stop.")
})

const main = Either.match(parseArgs(process.argv.slice(2)), {
  onLeft: (message) => Effect.zipRight(Console.error(message), Effect.sync(() => process.exit(2))),
  onRight: (options) => Effect.zipRight(announce, Effect.never).pipe(Effect.provide(layerServer(options)))
})

NodeRuntime.runMain(main)
