import { BrowserRest, BrowserRestConfig } from "@effect-ably/browser"
import * as BrowserHttpClient from "@effect-ably/browser/httpClient"
import { Rest } from "@effect-ably/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

describe("@effect-ably/browser", () => {
  it("defaults to JSON and the browser agent, keeping explicit choices", () => {
    expect(BrowserRest.browserDefaults({ key: "a.b:c" })).toMatchObject({
      useBinaryProtocol: false,
      agents: { browser: null }
    })
    expect(BrowserRest.browserDefaults({ key: "a.b:c", useBinaryProtocol: true }).useBinaryProtocol).toBe(true)
    expect(BrowserRest.browserDefaults("a-token")).toMatchObject({ token: "a-token" })
  })

  it.effect("layer sends requests through fetch with JSON and the browser agent", () =>
    Effect.gen(function*() {
      const seen: Array<Request> = []
      const fetch: typeof globalThis.fetch = async (input, init) => {
        seen.push(new Request(input, init))
        return new Response(JSON.stringify([42]), { headers: { "content-type": "application/json" } })
      }
      const time = yield* Effect.flatMap(Rest.Rest, (rest) => rest.time).pipe(
        Effect.provide(BrowserRest.layer({ token: "browser-token" })),
        Effect.provideService(FetchHttpClient.Fetch, fetch)
      )
      expect(time).toBe(42)
      expect(seen[0]!.url).toBe("https://main.realtime.ably.net/time")
      expect(seen[0]!.headers.get("accept")).toBe("application/json")
      expect(seen[0]!.headers.get("ably-agent")).toBe("effect-ably/0.1.0 browser")
    }))
})

describe("@effect-ably/browser/httpClient", () => {
  it.effect("layer is the platform's fetch HttpClient: Rest.layer over it sends through the fetch in context", () =>
    Effect.gen(function*() {
      const seen: Array<Request> = []
      const fetch: typeof globalThis.fetch = async (input, init) => {
        seen.push(new Request(input, init))
        return new Response(JSON.stringify([7]), { headers: { "content-type": "application/json" } })
      }
      const time = yield* Effect.flatMap(Rest.Rest, (rest) => rest.time).pipe(
        Effect.provide(Rest.layer({ token: "browser-token" }).pipe(Layer.provide(BrowserHttpClient.layer))),
        Effect.provideService(FetchHttpClient.Fetch, fetch)
      )
      expect(time).toBe(7)
      expect(seen.map((request) => request.url)).toEqual(["https://main.realtime.ably.net/time"])
    }))
})

describe("BrowserRestConfig.layer (issue 10 point 3)", () => {
  const timeOver = (
    layer: typeof BrowserRestConfig.layer extends (...args: never) => infer L ? L : never,
    entries: Record<string, string>
  ) =>
    Effect.gen(function*() {
      const seen: Array<Request> = []
      const fetch: typeof globalThis.fetch = async (input, init) => {
        seen.push(new Request(input, init))
        return new Response(JSON.stringify([42]), { headers: { "content-type": "application/json" } })
      }
      yield* Effect.flatMap(Rest.Rest, (rest) => rest.time).pipe(
        Effect.provide(layer),
        Effect.provideService(FetchHttpClient.Fetch, fetch),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(entries))))
      )
      return seen[0]!
    })

  it.effect("the browser defaults sit under the config: ABLY_USE_BINARY_PROTOCOL=true wins over JSON", () =>
    Effect.gen(function*() {
      const binary = yield* timeOver(BrowserRestConfig.layer(), { ABLY_TOKEN: "t", ABLY_USE_BINARY_PROTOCOL: "true" })
      expect(binary.headers.get("accept")).toBe("application/x-msgpack")
      expect(binary.headers.get("ably-agent")).toBe("effect-ably/0.1.0 browser")
      const json = yield* timeOver(BrowserRestConfig.layer(), { ABLY_TOKEN: "t" })
      expect(json.headers.get("accept")).toBe("application/json")
    }))

  it.effect("takes each option as a Config", () =>
    Effect.gen(function*() {
      const seen = yield* timeOver(
        BrowserRestConfig.layer({ token: Config.redacted("MY_TOKEN"), endpoint: Config.string("MY_ENDPOINT") }),
        {
          MY_TOKEN: "my-token",
          MY_ENDPOINT: "nonprod:sandbox"
        }
      )
      expect(seen.url).toBe("https://sandbox.realtime.ably-nonprod.net/time")
      expect(seen.headers.get("accept")).toBe("application/json")
    }))

  it.effect("RSA4 - with no credentials in the environment it names ABLY_API_KEY", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(timeOver(BrowserRestConfig.layer(), {}))
      expect(error.message).toContain("set ABLY_API_KEY")
    }))
})

describe("token requests in a browser-style runtime", () => {
  it.effect("signs with global crypto.subtle exactly as Node's HMAC does", () =>
    Effect.gen(function*() {
      const { createHmac } = yield* Effect.promise(() => import("node:crypto"))
      const noNetwork: typeof globalThis.fetch = () => Promise.reject(new Error("no network"))
      const request = yield* Effect.flatMap(Rest.Rest, (rest) =>
        rest.auth.createTokenRequest({
          ttl: 3_600_000,
          capability: { "chat:*": ["publish", "subscribe"] },
          clientId: "émile"
        })).pipe(
          Effect.provide(BrowserRest.layer({ key: "app.key:browser-secret" })),
          Effect.provideService(FetchHttpClient.Fetch, noNetwork)
        )
      const text = [
        request.keyName,
        request.ttl,
        request.capability,
        request.clientId,
        request.timestamp,
        request.nonce
      ]
        .map((field) => `${field}\n`).join("")
      expect(request.mac).toBe(createHmac("sha256", "browser-secret").update(text).digest("base64"))
    }))
})
