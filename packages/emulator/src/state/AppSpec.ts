/**
 * The body of `POST /apps`: which keys, namespaces and channel fixtures a test app gets
 * (the `post_apps` shape of ably-common's `test-app-setup.json`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

// App and key ids end up in `appId.keyId:secret`: no dots, colons or spaces.
const Id = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{1,64}$/, { message: () => "ids are 1 to 64 letters, digits, '_' or '-'" })
)
const Secret = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_+/=.-]{1,128}$/, { message: () => "key secrets are 1 to 128 of A-Z a-z 0-9 _ + / = . -" })
)

/**
 * One key to create. No `capability` means full access (`{"*":["*"]}`). `keyId` and
 * `keySecret` fix the key (`<appId>.<keyId>:<keySecret>`) instead of random ones, for
 * scripts and tools that must know the key in advance.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { KeySpec } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(KeySpec)({ capability: '{"*":["subscribe"]}', revocableTokens: true })
 * Schema.decodeUnknownSync(KeySpec)({ keyId: "root", keySecret: "secret" }) // app.root:secret in app "app"
 */
export const KeySpec = Schema.Struct({
  capability: Schema.optional(Schema.String),
  revocableTokens: Schema.optional(Schema.Boolean),
  keyId: Schema.optional(Id),
  keySecret: Schema.optional(Secret)
})

/**
 * A channel namespace and its rules; the emulator stores them and echoes them back.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { NamespaceSpec } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(NamespaceSpec)({ id: "persisted", persisted: true })
 */
export const NamespaceSpec = Schema.Struct({
  id: Schema.String,
  persisted: Schema.optional(Schema.Boolean),
  pushEnabled: Schema.optional(Schema.Boolean),
  mutableMessages: Schema.optional(Schema.Boolean)
})

/**
 * A presence member seeded on a channel (a REST client cannot enter presence itself).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { PresenceFixture } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(PresenceFixture)({ clientId: "client_json", data: '{"a":1}', encoding: "json" })
 */
export const PresenceFixture = Schema.Struct({
  clientId: Schema.String,
  data: Schema.optional(Schema.Unknown),
  encoding: Schema.optional(Schema.String)
})

/**
 * A channel fixture: a name and the presence members to seed on it.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { ChannelFixture } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(ChannelFixture)({ name: "room", presence: [{ clientId: "alice" }] })
 */
export const ChannelFixture = Schema.Struct({
  name: Schema.String,
  presence: Schema.optional(Schema.Array(PresenceFixture))
})

/**
 * Rate limits the emulator enforces for an app, like Ably's package limits: `channel` is the
 * messages per second a channel accepts (Ably's `channel.maxRate`), `apiRequests` the
 * authenticated requests per second the app accepts (`apiRequests.maxRate`). Each allows a
 * burst of one second's worth, refilled continuously; past it the request is refused with
 * 429 / 42910 and Ably's message. No field means no limit.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { RateLimitSpec } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(RateLimitSpec)({ channel: 50, apiRequests: 100 })
 */
export const RateLimitSpec = Schema.Struct({
  channel: Schema.optional(Schema.Number.pipe(Schema.finite(), Schema.positive())),
  apiRequests: Schema.optional(Schema.Number.pipe(Schema.finite(), Schema.positive()))
})

/**
 * @since 0.1.0
 * @category models
 */
export type RateLimitSpec = typeof RateLimitSpec.Type

/**
 * The whole app specification. Every field is optional; no `keys` means one full-access key,
 * no `appId` a random one (a taken `appId` fails with 400 / 40000).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { AppSpec } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 *
 * const spec = Schema.decodeUnknownSync(AppSpec)({ keys: [{}, { capability: '{"*":["subscribe"]}' }] })
 */
export const AppSpec = Schema.Struct({
  appId: Schema.optional(Id),
  limits: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  keys: Schema.optional(Schema.Array(KeySpec)),
  namespaces: Schema.optional(Schema.Array(NamespaceSpec)),
  channels: Schema.optional(Schema.Array(ChannelFixture)),
  rateLimits: Schema.optional(RateLimitSpec)
})

/**
 * @since 0.1.0
 * @category models
 */
export type AppSpec = typeof AppSpec.Type

/**
 * The default test app, equivalent to `post_apps` in ably-common's `test-app-setup.json`:
 * key 0 has full access, keys 1–5 carry the capabilities the spec tests rely on.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { testAppSpec } from "@effect-ably/emulator"
 *
 * testAppSpec.keys?.length // 6
 */
export const testAppSpec: AppSpec = {
  limits: { presence: { maxMembers: 250 } },
  keys: [
    {},
    {
      capability: JSON.stringify({
        "cansubscribe:*": ["subscribe"],
        "canpublish:*": ["publish"],
        "canpublish:andpresence": ["presence", "publish"],
        "pushenabled:*": ["publish", "subscribe", "push-subscribe"],
        "pushenabled:admin:*": ["publish", "subscribe", "push-admin"]
      })
    },
    {
      capability: JSON.stringify({
        channel0: ["publish"],
        channel1: ["publish"],
        channel2: ["publish", "subscribe"],
        channel3: ["subscribe"],
        channel4: ["presence", "publish", "subscribe"],
        channel5: ["presence"],
        channel6: ["*"]
      })
    },
    { capability: JSON.stringify({ "*": ["subscribe"] }) },
    { revocableTokens: true },
    { capability: JSON.stringify({ "[*]*": ["*"] }) }
  ],
  namespaces: [
    { id: "persisted", persisted: true },
    { id: "pushenabled", pushEnabled: true },
    { id: "mutable", mutableMessages: true }
  ],
  channels: [
    {
      name: "persisted:presence_fixtures",
      presence: [
        { clientId: "client_bool", data: "true" },
        { clientId: "client_int", data: "24" },
        { clientId: "client_string", data: "This is a string clientData payload" },
        { clientId: "client_json", data: "{ \"test\": \"This is a JSONObject clientData payload\"}" },
        { clientId: "client_decoded", data: "{\"example\":{\"json\":\"Object\"}}", encoding: "json" },
        {
          clientId: "client_encoded",
          data: "HO4cYSP8LybPYBPZPHQOtuD53yrD3YV3NBoTEYBh4U0N1QXHbtkfsDfTspKeLQFt",
          encoding: "json/utf-8/cipher+aes-128-cbc/base64"
        }
      ]
    }
  ]
}
