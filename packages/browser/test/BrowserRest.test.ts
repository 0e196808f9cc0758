import { Rest } from "@effect-ably/core"
import { BrowserRest } from "@effect-ably/browser"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"

describe("@effect-ably/browser", () => {
  it("defaults to JSON and the browser agent, keeping explicit choices", () => {
    expect(BrowserRest.browserDefaults({ key: "a.b:c" })).toMatchObject({ useBinaryProtocol: false, agents: { browser: null } })
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

describe("token requests in a browser-style runtime", () => {
  it.effect("signs with global crypto.subtle exactly as Node's HMAC does", () =>
    Effect.gen(function*() {
      const { createHmac } = yield* Effect.promise(() => import("node:crypto"))
      const noNetwork: typeof globalThis.fetch = () => Promise.reject(new Error("no network"))
      const request = yield* Effect.flatMap(Rest.Rest, (rest) =>
        rest.auth.createTokenRequest({ ttl: 3_600_000, capability: { "chat:*": ["publish", "subscribe"] }, clientId: "émile" })).pipe(
          Effect.provide(BrowserRest.layer({ key: "app.key:browser-secret" })),
          Effect.provideService(FetchHttpClient.Fetch, noNetwork)
        )
      const text = [request.keyName, request.ttl, request.capability, request.clientId, request.timestamp, request.nonce]
        .map((field) => `${field}\n`).join("")
      expect(request.mac).toBe(createHmac("sha256", "browser-secret").update(text).digest("base64"))
    }))
})
