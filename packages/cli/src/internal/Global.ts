/**
 * The options every command takes (`--key`, `--endpoint`, `--emulator`, `--json`,
 * `--protocol`) and the `Rest` client they give: over undici (`@effect-ably/node`), or with
 * `--emulator` over an in-process emulator (the `Emulator` in the context when there is one, so
 * several commands in one process share it; else a fresh one).
 *
 * @since 0.1.0
 */
import { type ClientOptions, type Errors, Rest } from "@effect-ably/core"
import * as Options from "@effect/cli/Options"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { type CommandError, UsageError } from "./Failure.js"

/**
 * The global options, parsed.
 *
 * @since 0.1.0
 * @category models
 */
export interface Global {
  readonly key: Option.Option<Redacted.Redacted<string>>
  readonly endpoint: Option.Option<string>
  readonly emulator: boolean
  readonly json: boolean
  readonly protocol: "json" | "msgpack"
}

/**
 * The global options, for `Command.make(name, { ...options, global })`.
 *
 * @since 0.1.0
 * @category options
 * @example
 * import { Command } from "@effect/cli"
 * import { Effect } from "effect"
 * import { options } from "./Global.js"
 * const time = Command.make("time", { global: options }, ({ global }) => Effect.log(global.emulator))
 */
export const options: Options.Options<Global> = Options.all({
  key: Options.redacted("key").pipe(
    Options.withDescription("API key appId.keyId:secret (default: $ABLY_API_KEY)"),
    Options.optional
  ),
  endpoint: Options.text("endpoint").pipe(
    Options.withDescription(
      "routing policy, hostname, or http(s)://host:port (default: $ABLY_ENDPOINT, else main)"
    ),
    Options.optional
  ),
  emulator: Options.boolean("emulator").pipe(
    Options.withDescription("run against an in-process emulator (in-memory, nothing leaves the process)")
  ),
  json: Options.boolean("json").pipe(Options.withDescription("print errors as one JSON line on stderr")),
  protocol: Options.choice("protocol", ["json", "msgpack"]).pipe(
    Options.withDescription("wire protocol (default msgpack)"),
    Options.withDefault("msgpack" as const)
  )
})

const keyPattern = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64}):(.+)$/

/**
 * Where `--endpoint` points: `http://host:port` (no TLS), `https://host[:port]`, or a routing
 * policy / hostname as the client option `endpoint` takes it.
 *
 * @since 0.1.0
 * @category options
 * @example
 * import { endpointOptions } from "./Global.js"
 * endpointOptions("http://127.0.0.1:8080") // Right({ endpoint: "127.0.0.1", port: 8080, tls: false })
 */
export const endpointOptions = (
  endpoint: string
): Effect.Effect<Pick<ClientOptions.ClientOptionsInput, "endpoint" | "port" | "tlsPort" | "tls">, UsageError> => {
  if (!/^https?:\/\//.test(endpoint)) return Effect.succeed({ endpoint })
  return Effect.try({
    try: () => new URL(endpoint),
    catch: () => new UsageError({ message: `--endpoint ${endpoint} is not a URL` })
  }).pipe(Effect.map((url) => {
    const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname
    const port = url.port === "" ? undefined : Number(url.port)
    return url.protocol === "http:"
      ? { endpoint: host, port: port ?? 80, tls: false }
      : { endpoint: host, ...(port === undefined ? {} : { tlsPort: port }), tls: true }
  }))
}

const fromEnv = (name: string) =>
  Config.option(Config.string(name)).pipe(Effect.orElseSucceed(() => Option.none<string>()))

// `--emulator`: an app for the key on the emulator (created with full access unless it exists),
// or the app `cli` with the key `cli.root:emulator`.
const emulatorClient = (key: Option.Option<string>, input: ClientOptions.ClientOptionsInput) =>
  Effect.gen(function*() {
    const Emu = yield* Effect.promise(() => import("@effect-ably/emulator"))
    const emulator = yield* Effect.serviceOption(Emu.Emulator).pipe(
      Effect.flatMap(Option.match({ onNone: () => Emu.make, onSome: Effect.succeed }))
    )
    const keyStr = Option.getOrElse(key, () => "cli.root:emulator")
    const parts = keyPattern.exec(keyStr)
    if (parts === null) {
      return yield* Effect.fail(new UsageError({ message: "the key is not of the form appId.keyId:secret" }))
    }
    const [, appId = "", keyId = "", keySecret = ""] = parts
    yield* emulator.app(appId).pipe(
      Effect.catchAll(() => emulator.createApp({ appId, keys: [{ keyId, keySecret }] })),
      Effect.catchAll(() => Effect.void)
    )
    return Rest.layer({ ...input, key: Redacted.make(keyStr) }).pipe(
      Layer.provide(Layer.effect(HttpClient.HttpClient, Emu.makeHttpClient)),
      Layer.provide(Layer.succeed(Emu.Emulator, emulator))
    )
  })

/**
 * The `Rest` client of the global options. Without `--emulator` it needs a key (`--key` or
 * `ABLY_API_KEY`: a usage error otherwise); the endpoint is `--endpoint`, else `ABLY_ENDPOINT`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Option } from "effect"
 * import { restLayer } from "./Global.js"
 * const layer = restLayer({ key: Option.none(), endpoint: Option.none(), emulator: true, json: false, protocol: "json" })
 */
export const restLayer = (global: Global): Layer.Layer<Rest.Rest, CommandError> =>
  Layer.unwrapEffect(Effect.gen(function*() {
    const key = Option.isSome(global.key)
      ? Option.some(Redacted.value(global.key.value))
      : yield* fromEnv("ABLY_API_KEY")
    const endpoint = Option.isSome(global.endpoint) ? global.endpoint : yield* fromEnv("ABLY_ENDPOINT")
    const input: ClientOptions.ClientOptionsInput = {
      useBinaryProtocol: global.protocol === "msgpack",
      ...(Option.isSome(endpoint) && !global.emulator ? yield* endpointOptions(endpoint.value) : {})
    }
    if (global.emulator) return yield* emulatorClient(key, input)
    if (Option.isNone(key)) {
      return yield* Effect.fail(
        new UsageError({ message: "no API key: pass --key or set ABLY_API_KEY (or use --emulator)" })
      )
    }
    const { NodeRest } = yield* Effect.promise(() => import("@effect-ably/node"))
    const layer: Layer.Layer<Rest.Rest, Errors.AblyError> = NodeRest.layer({ ...input, key: Redacted.make(key.value) })
    return layer
  }))
