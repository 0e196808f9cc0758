/**
 * The resolved, validated client options as a service.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Record from "effect/Record"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type { AuthCallback } from "./AuthCallback.js"
import { ClientOptions, type ClientOptionsInput } from "./ClientOptions.js"
import { type AblyError, ablyError, describeParseError } from "./Errors.js"
import type { FallbackSchedule } from "./FallbackPolicy.js"
import type { Protocol } from "./internal/http/Codec.js"
import * as Input from "./internal/Input.js"
import { fallbackHostsFor, type Hosts } from "./internal/options/Hosts.js"
import { type ApiKey, parse as parseKeyText } from "./internal/options/Key.js"
import { TokenDetails } from "./TokenDetails.js"

/**
 * Options after validation: defaults applied, hosts derived, the key parsed.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResolvedOptions extends Omit<typeof ClientOptions.Type, "port" | "tlsPort"> {
  readonly port: number
  readonly tlsPort: number
  readonly hosts: Hosts
  readonly protocol: Protocol
  readonly key: Option.Option<ApiKey>
  readonly token: Option.Option<TokenDetails>
  readonly authCallback: Option.Option<AuthCallback>
  /** The `fallbackSchedule` option; `undefined` for the default (`FallbackPolicy.standard`). */
  readonly fallbackSchedule: FallbackSchedule | undefined
}

/**
 * The client's resolved options.
 *
 * @since 0.1.0
 * @category tags
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const timeout = Effect.map(AblyOptions.AblyOptions, (options) => options.httpRequestTimeout)
 */
export class AblyOptions extends Context.Tag("@effect-ably/core/AblyOptions")<AblyOptions, ResolvedOptions>() {}

// Decoders built on first use, not at import.
let decodeOptionsMemo:
  | ((input: unknown) => Either.Either<typeof ClientOptions.Type, ParseResult.ParseError>)
  | undefined
const decodeOptions = (input: unknown) =>
  (decodeOptionsMemo ??= Schema.decodeUnknownEither(ClientOptions, { errors: "all" }))(input)
let decodeTokenDetailsMemo: ((input: unknown) => Either.Either<TokenDetails, ParseResult.ParseError>) | undefined
const decodeTokenDetails = (input: unknown) =>
  (decodeTokenDetailsMemo ??= Schema.decodeUnknownEither(TokenDetails))(input)

// The summary names the failing options and the expected types, never a value: option values
// such as authHeaders, authParams or an authUrl's query can be secrets.
const invalid = (what: string, error: ParseResult.ParseError): AblyError =>
  ablyError(40000, 400, `Invalid ${what}: ${describeParseError(error)}`)

const resolveToken = (input: ClientOptionsInput): Either.Either<Option.Option<TokenDetails>, AblyError> => {
  const token = input.tokenDetails ?? input.token
  if (token === undefined) return Either.right(Option.none())
  if (Redacted.isRedacted(token)) return Either.right(Option.some({ token }))
  if (Predicate.isString(token)) {
    return token.length === 0
      ? Either.left(ablyError(40005, 400, "The token option is an empty string"))
      : Either.right(Option.some({ token: Redacted.make(token) }))
  }
  // Token details can hold the secret token: report only the shape, never the values.
  return decodeTokenDetails(token).pipe(
    Either.map(Option.some),
    Either.mapLeft(() =>
      ablyError(40005, 400, "Invalid tokenDetails: expected { token: non-empty string, expires?, issued?, ... }")
    )
  )
}

const resolveKey = (input: ClientOptionsInput): Either.Either<Option.Option<ApiKey>, AblyError> => {
  if (input.key === undefined) return Either.right(Option.none())
  return Either.map(parseKey(input.key), Option.some)
}

/**
 * Parses a key given as a string or `Redacted` (also used for per-call auth options).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * AblyOptions.parseKey("app.key:secret")
 */
export const parseKey = (key: string | Redacted.Redacted<string>): Either.Either<ApiKey, AblyError> =>
  parseKeyText(Redacted.isRedacted(key) ? key : Redacted.make(key))

/**
 * Options from the constructor's argument: a string with `:` is a key, any other string a
 * token (RSC1a).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * AblyOptions.normalize("app.key:secret") // { key: "app.key:secret" }
 */
export const normalize = (input: ClientOptionsInput | string): ClientOptionsInput =>
  Predicate.isString(input) ? input.includes(":") ? { key: input } : { token: input } : input

/**
 * Validates options, whatever their static type (`null`, a number or an array is 40000). A
 * bare string is a key when it contains `:`, else a token (RSC1a). Failures are `AblyError`s
 * with Ably's codes (40000 for options of the wrong type); messages never contain the key or
 * token.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * const resolved = AblyOptions.resolve({ key: "app.key:secret", endpoint: "nonprod:sandbox" })
 */
export const resolve = (input: ClientOptionsInput | string): Either.Either<ResolvedOptions, AblyError> =>
  resolveUnknown(input)

const resolveUnknown = (input: unknown): Either.Either<ResolvedOptions, AblyError> =>
  Input.guard(() => resolveChecked(input), () => Input.unreadable("client options", 40000))

// Credentials are checked by type only: a message never shows their value.
const credentialsProblem = (options: ClientOptionsInput): string | undefined => {
  const { authCallback, key, token, tokenDetails } = options
  const isText = (value: unknown) =>
    Predicate.isString(value) || (Redacted.isRedacted(value) && Predicate.isString(Redacted.value(value)))
  if (key !== undefined && !isText(key)) return "key must be a string or a Redacted string"
  if (token !== undefined && !isText(token) && !Input.isRecord(token)) {
    return "token must be a string, a Redacted string or token details"
  }
  if (tokenDetails !== undefined && !Input.isRecord(tokenDetails)) return "tokenDetails must be an object"
  if (authCallback !== undefined && !Predicate.isFunction(authCallback)) return "authCallback must be a function"
  return undefined
}

const resolveChecked = (input: unknown): Either.Either<ResolvedOptions, AblyError> => {
  if (!Predicate.isString(input) && !Input.isRecord(input)) {
    return Either.left(Input.invalid("client options", "an object or a key or token string", input, 40000))
  }
  const options: ClientOptionsInput = normalize(input)
  const { authCallback, fallbackSchedule, key: _key, token: _token, tokenDetails: _tokenDetails, ...rest } = options
  return Either.gen(function*() {
    const problem = credentialsProblem(options)
    if (problem !== undefined) return yield* Either.left(ablyError(40000, 400, `Invalid client options: ${problem}`))
    if (fallbackSchedule !== undefined && !Schedule.isSchedule(fallbackSchedule)) {
      return yield* Either.left(ablyError(40000, 400, "Invalid client options: fallbackSchedule must be a Schedule"))
    }
    const decoded = yield* Either.mapLeft(decodeOptions(rest), (error) => invalid("client options", error))
    // Header values go on the wire as they are: CR/LF would split them.
    yield* Input.stringRecord(
      Record.map(decoded.authHeaders, (value) => Redacted.value(value)),
      "client option authHeaders",
      { headers: true, code: 40000 }
    )
    if (decoded.clientId === "*") {
      return yield* Either.left(ablyError(40012, 400, "clientId \"*\" is reserved for tokens; use a specific clientId"))
    }
    if (decoded.clientId === "") return yield* Either.left(ablyError(40012, 400, "clientId must not be empty"))
    const key = yield* resolveKey(options)
    const token = yield* resolveToken(options)
    const hosts = yield* fallbackHostsFor(decoded)
    return {
      ...decoded,
      port: decoded.port ?? 80,
      tlsPort: decoded.tlsPort ?? 443,
      hosts,
      protocol: decoded.useBinaryProtocol ? "msgpack" : "json",
      key,
      token,
      authCallback: Option.fromNullable(authCallback),
      fallbackSchedule
    } satisfies ResolvedOptions
  })
}

/**
 * A layer of resolved options; invalid options fail the layer with an `AblyError`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * const OptionsLive = AblyOptions.layer({ key: "app.key:secret" })
 */
export const layer = (input: ClientOptionsInput | string): Layer.Layer<AblyOptions, AblyError> =>
  Layer.effect(AblyOptions, Effect.suspend(() => resolve(input)))

const optional = <A>(config: Config.Config<A>): Config.Config<A | undefined> =>
  Config.map(Config.option(config), Option.getOrUndefined)

/**
 * Options read from configuration (environment variables by default): `ABLY_API_KEY`,
 * `ABLY_TOKEN`, `ABLY_ENDPOINT`, `ABLY_CLIENT_ID`, `ABLY_TLS`, `ABLY_PORT`, `ABLY_TLS_PORT`,
 * `ABLY_USE_BINARY_PROTOCOL`, `ABLY_FALLBACK_HOSTS` (comma separated). Built on first use, not
 * at import.
 *
 * @since 0.1.0
 * @category config
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const options = Effect.flatMap(AblyOptions.config, (input) => Effect.succeed(input.endpoint))
 */
export const config: Config.Config<ClientOptionsInput> = /*#__PURE__*/ Config.suspend(() =>
  Config.all({
    key: optional(Config.redacted("ABLY_API_KEY")),
    token: optional(Config.redacted("ABLY_TOKEN")),
    endpoint: optional(Config.string("ABLY_ENDPOINT")),
    clientId: optional(Config.string("ABLY_CLIENT_ID")),
    tls: optional(Config.boolean("ABLY_TLS")),
    port: optional(Config.integer("ABLY_PORT")),
    tlsPort: optional(Config.integer("ABLY_TLS_PORT")),
    useBinaryProtocol: optional(Config.boolean("ABLY_USE_BINARY_PROTOCOL")),
    fallbackHosts: optional(Config.array(Config.string(), "ABLY_FALLBACK_HOSTS")),
    authUrl: optional(Config.string("ABLY_AUTH_URL"))
  }).pipe(Config.map((values) => dropUndefined(values)))
)

const dropUndefined = <A extends object>(values: A): A =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as A

// Like `Config.unwrap`, for values that may not match their static type: `undefined` entries
// are left out (an option not given) and a leaf that is neither a Config nor a record of
// Configs fails the Config, naming its path.
const unwrap = (wrapped: unknown, path: string): Config.Config<unknown> => {
  if (Config.isConfig(wrapped)) return wrapped
  if (!Input.isRecord(wrapped)) {
    return Config.fail(`${path} must be a Config or a record of Configs, got ${Input.describe(wrapped)}`)
  }
  const entries = Object.entries(wrapped).filter(([, value]) => value !== undefined)
  return Config.all(Object.fromEntries(entries.map(([name, value]) => [name, unwrap(value, `${path}.${name}`)])))
}

/**
 * The options a `Config.Config.Wrap` describes: each option a `Config` (or the whole input
 * one `Config`), as `@effect/ai-openai`'s and `@effect/sql-pg`'s `layerConfig` take them.
 * Without an argument, the defaults of `config` (`ABLY_API_KEY`, `ABLY_ENDPOINT`, …).
 *
 * @since 0.1.0
 * @category config
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * import { Config } from "effect"
 * const fromEnv = AblyOptions.fromConfig({ key: Config.redacted("MY_ABLY_KEY"), endpoint: Config.string("MY_ABLY_ENDPOINT") })
 */
export const fromConfig = (wrapped?: Config.Config.Wrap<ClientOptionsInput>): Config.Config<ClientOptionsInput> =>
  wrapped === undefined
    ? config
    : Config.map(Config.suspend(() => unwrapChecked(wrapped)), (values) => dropUndefined(values))

// The static type is checked at runtime by `resolve`; here only its shape as a Config is.
const unwrapChecked = (wrapped: Config.Config.Wrap<ClientOptionsInput>): Config.Config<ClientOptionsInput> => {
  try {
    return Config.map(unwrap(wrapped, "config"), (input): ClientOptionsInput => (Input.isRecord(input) ? input : {}))
  } catch {
    return Config.fail("config could not be read (a getter or proxy that throws?)")
  }
}

/**
 * What `layerConfig` puts under the options read from configuration: platform defaults
 * (`useBinaryProtocol: false` in browsers, the runtime's `Ably-Agent` entry). A value read
 * from configuration wins; `agents` are merged.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConfigDefaults {
  readonly defaults?: ClientOptionsInput | undefined
}

const credentialOptions = ["key", "token", "tokenDetails", "authCallback", "authUrl"] as const

// RSA4 needs one of these; read from configuration, the error says where it looked.
const noMeans = (input: ClientOptionsInput, usedDefaults: boolean): AblyError | undefined => {
  if (credentialOptions.some((name) => input[name] !== undefined)) return undefined
  return ablyError(
    40106,
    401,
    usedDefaults
      ? "No means to authenticate: set ABLY_API_KEY (or ABLY_TOKEN, or ABLY_AUTH_URL), or pass key / token / authCallback / authUrl"
      : "No means to authenticate: the config gave no key, token, tokenDetails, authCallback or authUrl"
  )
}

const withDefaults = (input: ClientOptionsInput, defaults: ClientOptionsInput | undefined): ClientOptionsInput => {
  if (defaults === undefined) return input
  const agents = defaults.agents === undefined && input.agents === undefined
    ? {}
    : { agents: { ...defaults.agents, ...input.agents } }
  return { ...defaults, ...input, ...agents }
}

/**
 * Like `layer`, with the options read from configuration: `fromConfig(config)` (by default
 * `ABLY_API_KEY`, `ABLY_ENDPOINT`, … see `config`), over the platform's `defaults`. With no
 * key, token, authCallback or authUrl it fails with 40106 naming the variables it read.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * import { Config } from "effect"
 * const FromEnv = AblyOptions.layerConfig()
 * const Custom = AblyOptions.layerConfig({ key: Config.redacted("MY_ABLY_KEY"), useBinaryProtocol: Config.succeed(false) })
 */
export const layerConfig = (
  wrapped?: Config.Config.Wrap<ClientOptionsInput>,
  options?: ConfigDefaults
): Layer.Layer<AblyOptions, AblyError | ConfigError.ConfigError> =>
  Layer.effect(
    AblyOptions,
    Effect.flatMap(fromConfig(wrapped), (fromConfig) => {
      const input = withDefaults(fromConfig, options?.defaults)
      const missing = noMeans(input, wrapped === undefined)
      return missing === undefined ? resolveUnknown(input) : Effect.fail(missing)
    })
  )
