/**
 * `effect-ably emulator`: the loopback emulator (`@effect-ably/emulator/server`) as a command.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import { Output } from "../../Output.js"
import { SystemError } from "../Failure.js"
import { reported } from "../Run.js"

const keyPattern = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_+/=.-]{1,128})$/

const fixedKey = Options.text("key").pipe(
  Options.withDescription("a full-access key appId.keyId:secret to create (repeatable)"),
  Options.repeated,
  Options.mapEffect((texts) =>
    Effect.forEach(texts, (text) => {
      const parts = keyPattern.exec(text)
      return parts === null
        ? Effect.fail(ValidationError.invalidValue(HelpDoc.p("--key must be appId.keyId:secret")))
        : Effect.succeed({ appId: parts[1] ?? "", keyId: parts[2] ?? "", keySecret: parts[3] ?? "" })
    })
  )
)

/**
 * `emulator [--port P] [--host H]... [--key K]... [--json]`: serves an emulator on loopback
 * until Ctrl-C, and prints one line: the URL and the keys (the ably-common test app without
 * `--key`).
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { emulator } from "./Emulator.js"
 * const command = emulator
 */
export const emulator = Command.make("emulator", {
  port: Options.integer("port").pipe(
    Options.withDescription("port (0, the default, picks one)"),
    Options.withDefault(0)
  ),
  host: Options.text("host").pipe(
    Options.withDescription("address to listen on (default 127.0.0.1; repeatable)"),
    Options.repeated
  ),
  key: fixedKey,
  json: Options.boolean("json").pipe(Options.withDescription("print the listening line as JSON"))
}, ({ host, json, key, port }) =>
  reported(
    { json },
    Effect.gen(function*() {
      const [Emu, Server] = yield* Effect.promise(() =>
        Promise.all([import("@effect-ably/emulator"), import("@effect-ably/emulator/server")])
      )
      const output = yield* Output
      const hosts = host.length > 0 ? host : ["127.0.0.1"]
      yield* Effect.gen(function*() {
        const emu = yield* Emu.Emulator
        const appIds = [...new Set(key.map((k) => k.appId))]
        const specs = appIds.length === 0
          ? [Emu.testAppSpec]
          : appIds.map((appId) => ({
            appId,
            keys: key.filter((k) => k.appId === appId).map(({ keyId, keySecret }) => ({ keyId, keySecret }))
          }))
        const apps = yield* Effect.forEach(specs, (spec) => emu.createApp(spec))
        const address = yield* Server.EmulatorAddress
        const keys = apps.flatMap((app) => app.keys.map((k) => k.keyStr))
        const urls = address.addresses.map((a) => a.url)
        yield* output.stdout(
          json
            ? `${JSON.stringify({ url: address.url, urls, host: address.host, port: address.port, keys })}\n`
            : `effect-ably emulator listening on ${urls.join(" ")} keys ${keys.join(" ")}\n`
        )
        yield* output.stderr(
          `use it with: --endpoint ${address.url} --key ${keys[0] ?? "<key>"}\nPress Ctrl-C to stop.\n`
        )
        return yield* Effect.never
      }).pipe(
        Effect.provide(Server.layerServer({ port, hosts })),
        Effect.catchTag("ServeError", () =>
          Effect.fail(new SystemError({ message: `cannot listen on ${hosts.join(", ")} port ${port}` })))
      )
    })
  )).pipe(Command.withDescription("Serve an in-memory Ably REST emulator on loopback until Ctrl-C"))
