/**
 * The command line of `effect-ably-emulator`: its usage text and a parser with no
 * dependencies. Bad input is a one-line message (the CLI adds the usage and exits 2).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"

/**
 * A key fixed on the command line: `--key <appId>.<keyId>:<keySecret>`.
 *
 * @since 0.1.0
 * @category models
 */
export interface FixedKey {
  readonly appId: string
  readonly keyId: string
  readonly keySecret: string
}

/**
 * What the command line asks for. `help` wins over everything else.
 *
 * @since 0.1.0
 * @category models
 */
export interface CliOptions {
  readonly help: boolean
  readonly port: number
  readonly hosts: ReadonlyArray<string>
  readonly keys: ReadonlyArray<FixedKey>
  readonly appFile: string | undefined
  readonly json: boolean
  /** `--max-rate`: messages per second per channel (`channel.maxRate`) for every app created. */
  readonly maxRate?: number | undefined
  /** `--max-requests`: requests per second (`apiRequests.maxRate`) for every app created. */
  readonly maxRequests?: number | undefined
}

/**
 * The `--help` text.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { usage } from "@effect-ably/emulator/internal/cli/Args"
 * usage.startsWith("Usage: effect-ably-emulator") // true
 */
export const usage = `Usage: effect-ably-emulator [options]

Serves an in-memory Ably REST service over HTTP on a loopback address, for tests and local
development. Once listening it prints one line on stdout: the URL and every key.

Options:
  -p, --port <0-65535>    port to listen on; 0 (the default) picks a free port
      --host <address>    address to listen on (default 127.0.0.1); repeat it to serve
                          fallback hosts (127.0.0.2, 127.0.0.3…) on the same port
      --key <name:secret> create a full-access key with this value, e.g. app.root:secret
                          (repeatable; keys whose names share the part before the dot
                          share one app)
      --app-file <path>   create the apps of a JSON file: {"apps": [{"appId", "keys":
                          [{"keyId", "keySecret", "capability"}], "namespaces",
                          "channels", "messages": {"<channel>": [<message>, …]}}]}
      --max-rate <n>      refuse (429 / 42910) publishes past n messages per second on a
                          channel, in every app created (Ably's channel.maxRate)
      --max-requests <n>  refuse (429 / 42910) requests past n per second per app
      --json              print the listening line as JSON
  -h, --help              print this help and exit

Without --key or --app-file it creates the ably-common test app (6 keys, random values).
Admin routes: /_emulator/* (see the package README). Stop it with Ctrl-C or SIGTERM.`

const keyPattern = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_+/=.-]{1,128})$/

type Flag = "help" | "port" | "host" | "key" | "app-file" | "json" | "max-rate" | "max-requests"

const flags: Readonly<Record<string, Flag>> = {
  "-h": "help",
  "--help": "help",
  "-p": "port",
  "--port": "port",
  "--host": "host",
  "--key": "key",
  "--app-file": "app-file",
  "--json": "json",
  "--max-rate": "max-rate",
  "--max-requests": "max-requests"
}

const takesValue = (flag: Flag): boolean => flag !== "help" && flag !== "json"

interface Draft {
  help: boolean
  port: number
  hosts: Array<string>
  keys: Array<FixedKey>
  appFile: string | undefined
  json: boolean
  maxRate?: number
  maxRequests?: number
}

const apply = (draft: Draft, flag: Flag, value: string): string | undefined => {
  switch (flag) {
    case "help":
      draft.help = true
      return undefined
    case "json":
      draft.json = true
      return undefined
    case "port":
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) return `invalid --port '${value}': expected 0 to 65535`
      draft.port = Number(value)
      return undefined
    case "host":
      if (value.trim() === "") return "invalid --host '': expected an address"
      draft.hosts.push(value)
      return undefined
    case "key": {
      const match = keyPattern.exec(value)
      // The value is a key: the message names its shape, never the value itself.
      if (match === null) {
        return "invalid --key: expected <appId>.<keyId>:<secret> (ids: letters, digits, _ -; secret: A-Z a-z 0-9 _ + / = . -)"
      }
      const [, appId = "", keyId = "", keySecret = ""] = match
      draft.keys.push({ appId, keyId, keySecret })
      return undefined
    }
    case "max-rate":
    case "max-requests": {
      const rate = /^\d{1,9}(\.\d{1,6})?$/.test(value) ? Number(value) : 0
      if (!(rate > 0)) return `invalid --${flag} '${value.slice(0, 20)}': expected a positive number per second`
      if (flag === "max-rate") draft.maxRate = rate
      else draft.maxRequests = rate
      return undefined
    }
    case "app-file":
      if (value === "") return "invalid --app-file '': expected a path"
      draft.appFile = value
      return undefined
  }
}

/**
 * Parses the arguments after the program name: `--flag value`, `--flag=value` and the short
 * `-h` / `-p <n>`. An unknown option, a missing or bad value, or a positional argument is a
 * one-line message.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { parse } from "@effect-ably/emulator/internal/cli/Args"
 * parse(["--port", "8080", "--key", "app.root:secret"]) // Right({ port: 8080, keys: [{ appId: "app", … }], … })
 * parse(["--bogus"]) // Left("unknown option '--bogus'")
 */
export const parse = (args: ReadonlyArray<string>): Either.Either<CliOptions, string> => {
  const draft: Draft = { help: false, port: 0, hosts: [], keys: [], appFile: undefined, json: false }
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? ""
    const equals = arg.startsWith("--") ? arg.indexOf("=") : -1
    const name = equals === -1 ? arg : arg.slice(0, equals)
    const flag = flags[name]
    if (flag === undefined) {
      return Either.left(arg.startsWith("-") ? `unknown option '${name}'` : `unexpected argument '${arg}'`)
    }
    let value = ""
    if (takesValue(flag)) {
      const next = equals === -1 ? args[++index] : arg.slice(equals + 1)
      if (next === undefined) return Either.left(`option '${name}' needs a value`)
      value = next
    } else if (equals !== -1) {
      return Either.left(`option '${name}' takes no value`)
    }
    const problem = apply(draft, flag, value)
    if (problem !== undefined) return Either.left(problem)
  }
  return Either.right(draft)
}
