/**
 * The `effect-ably-emulator` program: parse, listen, create the apps, print one line, serve
 * until interrupted. Every expected failure is a `CliFailure`: one line and an exit code
 * (2 for bad input, 1 when it cannot listen).
 *
 * @since 0.1.0
 */
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import { Emulator } from "../../Emulator.js"
import { checkSize, decodeMessages, toPublishInput } from "../../routes/MessageWire.js"
import { type BoundAddress, EmulatorAddress, layerServer } from "../../server.js"
import { testAppSpec } from "../../state/AppSpec.js"
import type { AppInfo } from "../../state/Model.js"
import { type AppSetup, keyApps, readAppFile } from "./AppFile.js"
import { type CliOptions, parse, usage } from "./Args.js"

/**
 * An expected failure of the CLI: the line to print on stderr and the exit code.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { CliFailure } from "@effect-ably/emulator/internal/cli/Main"
 * new CliFailure({ message: "unknown option '--x'", exitCode: 2 })
 */
export class CliFailure
  extends Data.TaggedError("CliFailure")<{ readonly message: string; readonly exitCode: 1 | 2 }>
{}

const badInput = (message: string, withUsage = false) =>
  new CliFailure({
    message: withUsage ? `effect-ably-emulator: ${message}\n\n${usage}` : `effect-ably-emulator: ${message}`,
    exitCode: 2
  })

const isListenError = (
  u: unknown
): u is { readonly code: string; readonly address?: unknown; readonly port?: unknown } =>
  Predicate.hasProperty(u, "code") && Predicate.isString(u.code)

/**
 * The one line for a server that could not listen: `port 8080 on 127.0.0.1 is in use` for a
 * busy port, `cannot listen on <host>:<port> (<code>)` otherwise.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { listenFailure } from "@effect-ably/emulator/internal/cli/Main"
 * import { HttpServerError } from "@effect/platform"
 * const failure = listenFailure(new HttpServerError.ServeError({ cause: { code: "EADDRINUSE" } }), "127.0.0.1", 8080)
 * failure.message // "effect-ably-emulator: port 8080 on 127.0.0.1 is in use"
 */
export const listenFailure = (error: HttpServerError.ServeError, host: string, port: number): CliFailure => {
  const cause = error.cause
  const where = isListenError(cause)
    ? {
      host: Predicate.isString(cause.address) ? cause.address : host,
      port: Predicate.isNumber(cause.port) ? cause.port : port
    }
    : { host, port }
  const message = isListenError(cause) && cause.code === "EADDRINUSE"
    ? `port ${where.port} on ${where.host} is in use`
    : `cannot listen on ${where.host}:${where.port} (${isListenError(cause) ? cause.code : "unknown error"})`
  return new CliFailure({ message: `effect-ably-emulator: ${message}`, exitCode: 1 })
}

// `--max-rate` and `--max-requests` apply to every app created, over what its spec says.
const withRateLimits = (spec: AppSetup["spec"], options: CliOptions): AppSetup["spec"] =>
  options.maxRate === undefined && options.maxRequests === undefined ? spec : {
    ...spec,
    rateLimits: {
      ...spec.rateLimits,
      ...(options.maxRate === undefined ? {} : { channel: options.maxRate }),
      ...(options.maxRequests === undefined ? {} : { apiRequests: options.maxRequests })
    }
  }

const createApps = (setups: ReadonlyArray<AppSetup>, options: CliOptions) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator
    return yield* Effect.forEach(setups, (setup) =>
      Effect.gen(function*() {
        const app = yield* emulator.createApp(withRateLimits(setup.spec, options))
        for (const [channel, bodies] of Object.entries(setup.messages)) {
          const messages = yield* Effect.flatMap(decodeMessages(bodies), (wire) => Effect.forEach(wire, toPublishInput))
          yield* checkSize(messages)
          yield* emulator.publish(app.appId, channel, messages)
        }
        return app
      }).pipe(Effect.mapError((error) => badInput(error.message))))
  })

const clientOptions = (addresses: ReadonlyArray<BoundAddress>, key: string | undefined) => {
  const [primary, ...fallbacks] = addresses
  if (primary === undefined) return {}
  const credentials = key === undefined ? {} : { key }
  return fallbacks.length > 0
    ? {
      restHost: primary.host,
      fallbackHosts: fallbacks.map((address) => address.host),
      port: primary.port,
      tls: false,
      ...credentials
    }
    : { endpoint: primary.host, port: primary.port, tls: false, ...credentials }
}

const announce = (options: CliOptions, apps: ReadonlyArray<AppInfo>) =>
  Effect.gen(function*() {
    const { addresses, host, port, url } = yield* EmulatorAddress
    const keys = apps.flatMap((app) => app.keys)
    const urls = addresses.map((address) => address.url)
    const sdk = clientOptions(addresses, keys[0]?.keyStr)
    yield* Console.log(
      options.json
        ? JSON.stringify({
          url,
          host,
          port,
          urls,
          apps: apps.map((app) => ({
            appId: app.appId,
            keys: app.keys.map(({ keyStr, capability }) => ({ keyStr, capability }))
          })),
          clientOptions: sdk
        })
        : `effect-ably-emulator listening on ${urls.join(" ")} keys ${keys.map((key) => key.keyStr).join(" ")}`
    )
    for (const app of apps) {
      yield* Console.error(`app ${app.appId}:`)
      for (const key of app.keys) yield* Console.error(`  ${key.keyStr}  ${key.capability}`)
    }
    yield* Console.error(`client options: ${JSON.stringify(sdk)}`)
    yield* Console.error("Press Ctrl-C to stop.")
  })

const serve = (options: CliOptions) =>
  Effect.gen(function*() {
    const fromFile = options.appFile === undefined
      ? []
      : yield* Effect.mapError(readAppFile(options.appFile), (message) => badInput(message))
    const fixed = [...keyApps(options.keys), ...fromFile]
    // With no fixed keys and no file: the ably-common test app, as the SDK tests expect.
    const setups: ReadonlyArray<AppSetup> = fixed.length > 0 ? fixed : [{ spec: testAppSpec, messages: {} }]
    const hosts = options.hosts.length > 0 ? options.hosts : ["127.0.0.1"]
    yield* Effect.gen(function*() {
      const apps = yield* createApps(setups, options)
      yield* announce(options, apps)
      return yield* Effect.never
    }).pipe(
      Effect.provide(layerServer({ port: options.port, hosts })),
      Effect.catchTag("ServeError", (error) => Effect.fail(listenFailure(error, hosts[0] ?? "127.0.0.1", options.port)))
    )
  })

/**
 * The whole CLI for the given arguments (without the program name). `--help` prints the
 * usage and succeeds; otherwise it serves until interrupted.
 *
 * @since 0.1.0
 * @category programs
 * @example
 * import { main } from "@effect-ably/emulator/internal/cli/Main"
 * const program = main(["--port", "0", "--key", "app.root:secret"]) // Effect<void, CliFailure>
 */
export const main = (args: ReadonlyArray<string>): Effect.Effect<void, CliFailure> =>
  Either.match(parse(args), {
    onLeft: (message) => Effect.fail(badInput(message, true)),
    onRight: (options) => options.help ? Console.log(usage) : serve(options)
  })
