/**
 * `ClientOptions` (TO3) as a Schema with the spec's defaults.
 *
 * @since 0.1.0
 */
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { AuthCallback } from "./AuthCallback.js"
import type { FallbackSchedule } from "./FallbackPolicy.js"
import { TokenParams } from "./internal/auth/TokenParamsSchema.js"
import { defaultMaxMessageSize } from "./internal/message/MessageRules.js"
import { withDefault } from "./internal/SchemaDefault.js"
import type { TokenDetails } from "./TokenDetails.js"

const Port = Schema.Int.pipe(Schema.between(1, 65535))
const Millis = Schema.Int.pipe(Schema.positive())
// Messages per second: a positive, finite number (fractions allowed: 0.5 is one every 2 s).
const Rate = Schema.Number.pipe(Schema.finite(), Schema.positive())
// Host options are checked as host names by `Hosts.fallbackHostsFor` (40000 naming the option,
// never echoing the value, which could be a misplaced key).
const Host = Schema.String

/**
 * `authHeaders` and `authParams` values are credentials (a session cookie, a bearer token, a
 * signed parameter): given as strings or `Redacted`, held as `Redacted` once resolved, so that
 * printing the options, logs and spans never shows them.
 */
const SecretValues = Schema.Record({
  key: Schema.String,
  value: Schema.Union(Schema.RedactedFromSelf(Schema.String), Schema.Redacted(Schema.String))
})

/**
 * Every option except the credentials (`key`, `token`, `tokenDetails`), which are parsed on
 * their own so that a validation message can never echo a secret.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { ClientOptions } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(ClientOptions.ClientOptions)({}).httpRequestTimeout // 10000
 */
export const ClientOptions = Schema.Struct({
  /** Identity of this client; never `"*"`. */
  clientId: Schema.optional(Schema.String),
  /** Routing policy id (`main`), `nonprod:<id>`, or a hostname. Default `main`. */
  endpoint: Schema.optional(Host),
  /** Deprecated: use `endpoint`. */
  environment: Schema.optional(Host),
  /** Deprecated: use `endpoint`. */
  restHost: Schema.optional(Host),
  /** Non-TLS port. Default 80. A custom port turns off the default fallback hosts. */
  port: Schema.optional(Port),
  /** TLS port. Default 443. */
  tlsPort: Schema.optional(Port),
  /** Default `true`. Basic auth needs TLS (40103) except on loopback hosts. */
  tls: withDefault(Schema.Boolean, () => true),
  /** Replaces the derived fallback hosts; `[]` turns fallback off. */
  fallbackHosts: Schema.optional(Schema.Array(Host)),
  /** MessagePack (`true`, default) or JSON. */
  useBinaryProtocol: withDefault(Schema.Boolean, () => true),
  /**
   * Limit for connecting to a host (TCP and TLS), in ms. Default 4000 (TO3l3). Only engines
   * that see the connection apply it (the Node engine); `fetch` and an `HttpClient` cannot,
   * and bound the whole attempt by `httpRequestTimeout` alone.
   */
  httpOpenTimeout: withDefault(Millis, () => 4_000),
  /** Limit for one request (from its start to the end of the answer), in ms. Default 10000. */
  httpRequestTimeout: withDefault(Millis, () => 10_000),
  /** How many fallback hosts to try after the primary. Default 3. */
  httpMaxRetryCount: withDefault(Schema.NonNegativeInt, () => 3),
  /**
   * Time budget for trying fallback hosts, in ms, from the first attempt. Default 15000. No
   * fallback host is tried after it, and a fallback attempt's timeout is cut to what is left.
   */
  httpMaxRetryDuration: withDefault(Millis, () => 15_000),
  /** How long a fallback host that worked stays preferred, in ms. Default 600000. */
  fallbackRetryTimeout: withDefault(Millis, () => 600_000),
  /** Give messages without ids an idempotent id. Default `true`. */
  idempotentRestPublishing: withDefault(Schema.Boolean, () => true),
  /** Client-side limit on a publish, in bytes. Default 65536. */
  maxMessageSize: withDefault(Schema.Int.pipe(Schema.positive()), () => defaultMaxMessageSize),
  /**
   * Client-side publish rate limit, in messages per second per channel and for all channels
   * together (see `RateLimit.PublishRateLimit`): a publish or batch publish waits until it fits.
   * Default none.
   */
  publishRateLimit: Schema.optional(
    Schema.Struct({ perChannel: Schema.optional(Rate), perApp: Schema.optional(Rate) })
  ),
  /** Add a `request_id` query parameter to every request. Default `false`. */
  addRequestIds: withDefault(Schema.Boolean, () => false),
  /** Force token auth (`true`) even with a key. */
  useTokenAuth: Schema.optional(Schema.Boolean),
  /** A URL that answers with a token, TokenDetails or a TokenRequest (RSA8c). */
  authUrl: Schema.optional(Schema.NonEmptyTrimmedString),
  /** `GET` (default) sends params in the query, `POST` in a form body. */
  authMethod: withDefault(Schema.Literal("GET", "POST"), () => "GET" as const),
  /** Headers sent to `authUrl` only; values are secrets (strings or `Redacted`, held as `Redacted`). */
  authHeaders: withDefault(SecretValues, () => ({})),
  /** Params sent to `authUrl` only; values are secrets (strings or `Redacted`, held as `Redacted`). */
  authParams: withDefault(SecretValues, () => ({})),
  /** Sign TokenRequests with the server's clock (RSA9d). Default `false`. */
  queryTime: withDefault(Schema.Boolean, () => false),
  /** Token params used for every token request unless others are given. */
  defaultTokenParams: Schema.optional(TokenParams),
  /** Extra `Ably-Agent` entries: product → version (or null). */
  agents: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) }))
})

/**
 * The options a user passes: the Schema's encoded side plus credentials.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClientOptionsInput extends Schema.Schema.Encoded<typeof ClientOptions> {
  /** API key `appId.keyId:secret`; prefer a `Redacted`. */
  readonly key?: string | Redacted.Redacted<string> | undefined
  /** A token string (Ably token or JWT) or token details. */
  readonly token?: string | Redacted.Redacted<string> | typeof TokenDetails.Encoded | undefined
  /** Token details to authenticate with. */
  readonly tokenDetails?: typeof TokenDetails.Encoded | undefined
  /** Called for each new token (RSA8d); see `AuthCallback`. */
  readonly authCallback?: AuthCallback | undefined
  /**
   * Replaces the fallback-host policy (RSC15): a `Schedule` stepped with each failed attempt
   * (see `FallbackPolicy`). Default `FallbackPolicy.standard(httpMaxRetryCount)`.
   */
  readonly fallbackSchedule?: FallbackSchedule | undefined
}
