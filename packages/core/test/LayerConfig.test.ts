import { AblyOptions, type Errors, Rest, RestConfig } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"

const env = (entries: Record<string, string>) => ConfigProvider.fromMap(new Map(Object.entries(entries)))

const resolvedWith = <E>(layer: Layer.Layer<AblyOptions.AblyOptions, E>, entries: Record<string, string>) =>
  Effect.provide(AblyOptions.AblyOptions, layer).pipe(Effect.withConfigProvider(env(entries)))

const isAblyFailure = (error: unknown): error is Errors.AblyError =>
  typeof error === "object" && error !== null && "code" in error

describe("layerConfig (issue 10 point 3)", () => {
  it.effect("with no argument it reads ABLY_API_KEY (redacted), ABLY_ENDPOINT, ABLY_TLS, ABLY_USE_BINARY_PROTOCOL", () =>
    Effect.gen(function*() {
      const options = yield* resolvedWith(AblyOptions.layerConfig(), {
        ABLY_API_KEY: "app.key:env-secret",
        ABLY_ENDPOINT: "nonprod:sandbox",
        ABLY_TLS: "false",
        ABLY_USE_BINARY_PROTOCOL: "false",
        ABLY_CLIENT_ID: "worker"
      })
      expect(Option.map(options.key, (key) => key.keyName)).toEqual(Option.some("app.key"))
      expect(Option.map(options.key, (key) => Redacted.value(key.secret))).toEqual(Option.some("env-secret"))
      expect(options.hosts.primary).toBe("sandbox.realtime.ably-nonprod.net")
      expect([options.tls, options.protocol, options.clientId]).toEqual([false, "json", "worker"])
    }))

  it.effect("RSA4 - with no means to authenticate the error names the keys it looked for", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(resolvedWith(AblyOptions.layerConfig(), { ABLY_ENDPOINT: "nonprod:sandbox" }))
      expect(isAblyFailure(error) && [error.code, error.statusCode, error.reason]).toEqual([40106, 401, "Auth"])
      expect(error.message).toBe(
        "No means to authenticate: set ABLY_API_KEY (or ABLY_TOKEN, or ABLY_AUTH_URL), or pass key / token / authCallback / authUrl"
      )
      // A token alone is enough.
      const withToken = yield* resolvedWith(AblyOptions.layerConfig(), { ABLY_TOKEN: "a-token" })
      expect(Option.isSome(withToken.token)).toBe(true)
    }))

  it.effect("takes a Config.Config.Wrap: each option its own Config, and only those are read", () =>
    Effect.gen(function*() {
      const wrapped = AblyOptions.layerConfig({
        key: Config.redacted("MY_KEY"),
        endpoint: Config.string("MY_ENDPOINT"),
        useBinaryProtocol: Config.succeed(false),
        clientId: undefined
      })
      const options = yield* resolvedWith(wrapped, {
        MY_KEY: "app.key:mine",
        MY_ENDPOINT: "nonprod:mine",
        ABLY_ENDPOINT: "ignored"
      })
      expect(Option.map(options.key, (key) => key.keyName)).toEqual(Option.some("app.key"))
      expect([options.hosts.primary, options.protocol]).toEqual(["mine.realtime.ably-nonprod.net", "json"])
      // ABLY_API_KEY is not part of this config: the error says the config gave no credentials.
      const error = yield* Effect.flip(
        resolvedWith(AblyOptions.layerConfig({ endpoint: Config.string("MY_ENDPOINT") }), {
          ABLY_API_KEY: "app.key:unused",
          MY_ENDPOINT: "nonprod:mine"
        })
      )
      expect(error.message).toBe(
        "No means to authenticate: the config gave no key, token, tokenDetails, authCallback or authUrl"
      )
    }))

  it.effect("takes one Config of all options; a missing variable is a ConfigError naming it", () =>
    Effect.gen(function*() {
      const whole = Config.map(Config.string("KEY_TEXT"), (key) => ({ key, tls: false }))
      const options = yield* resolvedWith(AblyOptions.layerConfig(whole), { KEY_TEXT: "app.key:whole" })
      expect([Option.isSome(options.key), options.tls]).toEqual([true, false])
      const missing = yield* Effect.flip(resolvedWith(AblyOptions.layerConfig({ key: Config.redacted("NOT_SET") }), {}))
      expect(String(missing)).toContain("NOT_SET")
    }))

  it.effect("a value that is not a Config (plain JavaScript) fails the Config naming its path, no defect", () =>
    Effect.gen(function*() {
      // @ts-expect-error plain JavaScript can pass a value where a Config belongs
      const error = yield* Effect.flip(resolvedWith(AblyOptions.layerConfig({ key: "app.key:plain" }), {}))
      expect(String(error)).toContain("config.key must be a Config or a record of Configs, got a string")
    }))

  it.effect("defaults sit under the config: a value read wins, agents merge", () =>
    Effect.gen(function*() {
      const defaults = { useBinaryProtocol: false, agents: { platform: "1" } }
      const binary = yield* resolvedWith(AblyOptions.layerConfig(undefined, { defaults }), {
        ABLY_API_KEY: "app.key:s",
        ABLY_USE_BINARY_PROTOCOL: "true"
      })
      expect(binary.protocol).toBe("msgpack")
      const plain = yield* resolvedWith(AblyOptions.layerConfig(undefined, { defaults }), { ABLY_API_KEY: "app.key:s" })
      expect([plain.protocol, plain.agents]).toEqual(["json", { platform: "1" }])
    }))

  it.effect("RestConfig.layer gives a working client against the emulator", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const app = yield* emulator.createApp()
      const names = yield* Effect.gen(function*() {
        const rest = yield* Rest.Rest
        yield* rest.channel("configured").publish("from-config", "one")
        return yield* rest.channel("configured").history().pipe(
          Stream.map((message) => message.name),
          Stream.runCollect
        )
      }).pipe(
        Effect.provide(RestConfig.layer()),
        Effect.withConfigProvider(env({ ABLY_API_KEY: app.keys[0]!.keyStr }))
      )
      expect(Array.from(names)).toEqual(["from-config"])
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("Rest.make: two clients in one program (issue 10 point 3)", () => {
  it.scoped("a token-issuing server client beside a client that authenticates with its tokens", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const app = yield* emulator.createApp()
      const server = yield* Rest.make({ key: app.keys[0]!.keyStr })
      const user = yield* Rest.make({
        clientId: "user-1",
        authCallback: (params) => server.auth.createTokenRequest({ ...params, clientId: "user-1" })
      })
      expect([yield* server.auth.method, yield* user.auth.method]).toEqual(["basic", "token"])
      yield* user.channels.get("chat").publish("hello", "from a token client")
      const history = yield* server.channels.get("chat").history().pipe(Stream.runCollect)
      expect(Array.from(history, (message) => [message.name, message.data, message.clientId])).toEqual([
        ["hello", "from a token client", "user-1"]
      ])
      expect(Option.isSome(yield* user.auth.tokenDetails)).toBe(true)
      expect(Option.isNone(yield* server.auth.tokenDetails)).toBe(true)
    }).pipe(Effect.provide(Emulator.layer)))

  it.scoped("invalid options fail make with the AblyError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Rest.make({ key: "not-a-key" }))
      expect(error.code).toBe(40101)
    }).pipe(Effect.provide(Emulator.layer)))
})
