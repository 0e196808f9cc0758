import { AblyOptions } from "@effect-ably/core"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Auth from "../src/internal/auth/Auth.js"
import * as Transport from "../src/internal/http/Transport.js"
import * as Hosts from "../src/internal/options/Hosts.js"
import { testKey } from "./utils/restWith.js"

const errorOf = <A, E>(either: Either.Either<A, E>): E => Either.getLeft(either).pipe(Option.getOrThrow)
const authLayer = (options: Parameters<typeof AblyOptions.layer>[0]) =>
  Auth.layer.pipe(
    Layer.provide(Transport.layer),
    Layer.provideMerge(AblyOptions.layer(options)),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, HttpClient.make(() => Effect.die("no requests expected"))))
  )
const authFor = (options: Parameters<typeof AblyOptions.layer>[0]) =>
  Effect.flip(Effect.provide(Auth.Auth, authLayer(options)))

describe("ClientOptions", () => {
  it("TO3 - applies the spec defaults", () => {
    const options = Either.getOrThrow(AblyOptions.resolve({ key: testKey }))
    expect(options).toMatchObject({
      tls: true,
      port: 80,
      tlsPort: 443,
      useBinaryProtocol: true,
      protocol: "msgpack",
      httpRequestTimeout: 10_000,
      httpMaxRetryCount: 3,
      httpMaxRetryDuration: 15_000,
      fallbackRetryTimeout: 600_000,
      idempotentRestPublishing: true,
      maxMessageSize: 65_536,
      addRequestIds: false
    })
    expect(options.hosts.primary).toBe("main.realtime.ably.net")
  })

  it("RSC1a - a string with ':' is a key, otherwise a token", () => {
    const withKey = Either.getOrThrow(AblyOptions.resolve(testKey))
    expect(Option.map(withKey.key, (key) => key.keyName)).toEqual(Option.some("appid.keyid"))
    const withToken = Either.getOrThrow(AblyOptions.resolve("just-a-token"))
    expect(Option.isSome(withToken.token)).toBe(true)
    expect(Option.isNone(withToken.key)).toBe(true)
  })

  it("parses the key into a key name and a redacted secret", () => {
    const options = Either.getOrThrow(AblyOptions.resolve({ key: Redacted.make(testKey) }))
    const key = Option.getOrThrow(options.key)
    expect(key.keyName).toBe("appid.keyid")
    expect(Redacted.value(key.secret)).toBe("s3cr3t-do-not-leak")
    expect(String(key.secret)).not.toContain("s3cr3t")
  })

  it("a malformed key fails with 40101 without echoing the key", () => {
    for (const bad of ["no-colon-secret", "app.key:sec:ret", "app.key: spaced", ":secret"]) {
      const error = errorOf(AblyOptions.resolve({ key: bad }))
      expect(error.code).toBe(40101)
      expect(error.message).not.toContain(bad)
    }
  })

  it("invalid option values fail with 40000 and say which option", () => {
    const error = errorOf(AblyOptions.resolve({ key: testKey, port: 70000 }))
    expect(error._tag).toBe("AblyError")
    expect(error.code).toBe(40000)
    expect(error.statusCode).toBe(400)
    expect(error.message).toContain("port")
    expect(errorOf(AblyOptions.resolve({ key: testKey, httpRequestTimeout: -1 })).code).toBe(40000)
    expect(errorOf(AblyOptions.resolve({ key: testKey, tls: "yes" as unknown as boolean })).code).toBe(40000)
  })

  it("RSA7 - clientId '*' or empty fails with 40012", () => {
    expect(errorOf(AblyOptions.resolve({ key: testKey, clientId: "*" })).code).toBe(40012)
    expect(errorOf(AblyOptions.resolve({ key: testKey, clientId: "" })).code).toBe(40012)
  })

  it("REC1b1 - endpoint with environment or restHost fails with 40106", () => {
    expect(errorOf(AblyOptions.resolve({ key: testKey, endpoint: "main", environment: "x" })).code).toBe(40106)
    expect(errorOf(AblyOptions.resolve({ key: testKey, endpoint: "main", restHost: "h.example" })).code).toBe(40106)
    expect(errorOf(AblyOptions.resolve({ key: testKey, environment: "x", restHost: "h.example" })).code).toBe(40106)
  })

  it("invalid token details fail with 40005 without echoing the token", () => {
    const error = errorOf(AblyOptions.resolve({ tokenDetails: { token: "", expires: 1 } }))
    expect(error.code).toBe(40005)
    const wrongShape = errorOf(
      AblyOptions.resolve({ tokenDetails: { token: "sekret-token", expires: "soon" as unknown as number } })
    )
    expect(wrongShape.message).not.toContain("sekret-token")
  })

  it.effect("RSC1b - no means to authenticate fails with 40106", () =>
    Effect.gen(function*() {
      const error = yield* authFor({})
      expect(error.code).toBe(40106)
      expect((yield* authFor({ useTokenAuth: true })).code).toBe(40106)
    }))

  it.effect("RSA1 - Basic auth over plain HTTP fails with 40103, except to loopback hosts", () =>
    Effect.gen(function*() {
      const error = yield* authFor({ key: testKey, tls: false })
      expect(error.code).toBe(40103)
      expect(error.message).not.toContain("s3cr3t")
      const local = yield* Effect.either(
        Effect.provide(Auth.Auth, authLayer({ key: testKey, tls: false, endpoint: "127.0.0.1" }))
      )
      expect(Either.isRight(local)).toBe(true)
    }))

  it.effect("RSA15 - a token clientId that contradicts the clientId option fails with 40102", () =>
    Effect.gen(function*() {
      const error = yield* authFor({ tokenDetails: { token: "t", clientId: "alice" }, clientId: "bob" })
      expect(error.code).toBe(40102)
    }))
})

describe("Hosts", () => {
  const hosts = (options: Hosts.HostOptions) => Either.getOrThrow(Hosts.fallbackHostsFor(options))

  it("REC1a/REC2c1 - default endpoint", () => {
    expect(hosts({})).toEqual({
      primary: "main.realtime.ably.net",
      fallbacks: ["a", "b", "c", "d", "e"].map((l) => `main.${l}.fallback.ably-realtime.com`)
    })
  })

  it("REC1b3/REC2c3 - nonprod routing policy", () => {
    expect(hosts({ endpoint: "nonprod:sandbox" })).toEqual({
      primary: "sandbox.realtime.ably-nonprod.net",
      fallbacks: ["a", "b", "c", "d", "e"].map((l) => `sandbox.${l}.fallback.ably-realtime-nonprod.com`)
    })
  })

  it("REC1b4/REC2c4 - production routing policy id", () => {
    const derived = hosts({ endpoint: "acme" })
    expect(derived.primary).toBe("acme.realtime.ably.net")
    expect(derived.fallbacks[4]).toBe("acme.e.fallback.ably-realtime.com")
  })

  it("REC1b2/REC2c2 - hostnames, localhost and IPs have no fallbacks", () => {
    for (const endpoint of ["custom.example.com", "localhost", "127.0.0.1", "::1"]) {
      expect(hosts({ endpoint })).toEqual({ primary: endpoint, fallbacks: [] })
    }
  })

  it("REC1c2/REC1d - deprecated environment and restHost", () => {
    expect(hosts({ environment: "acme" }).primary).toBe("acme.realtime.ably.net")
    expect(hosts({ restHost: "rest.example.com" })).toEqual({ primary: "rest.example.com", fallbacks: [] })
  })

  it("REC2a2 - fallbackHosts replaces the derived list; [] turns fallback off", () => {
    expect(hosts({ fallbackHosts: ["f1.example", "f2.example"] }).fallbacks).toEqual(["f1.example", "f2.example"])
    expect(hosts({ fallbackHosts: [] }).fallbacks).toEqual([])
  })

  it("a custom port drops the default fallbacks", () => {
    expect(hosts({ port: 8080 }).fallbacks).toEqual([])
    expect(hosts({ tlsPort: 8443 }).fallbacks).toEqual([])
  })

  it("base URLs bracket IPv6 and omit default ports", () => {
    const ports = { port: 80, tlsPort: 443 }
    expect(Hosts.baseUrl("main.realtime.ably.net", { tls: true, ...ports })).toBe("https://main.realtime.ably.net")
    expect(Hosts.baseUrl("::1", { tls: false, port: 8080, tlsPort: 443 })).toBe("http://[::1]:8080")
    expect(Hosts.baseUrl("localhost", { tls: true, port: 80, tlsPort: 8443 })).toBe("https://localhost:8443")
  })
})
