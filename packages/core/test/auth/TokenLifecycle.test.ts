import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import type { Seen } from "../utils/FakeHttp.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

const tokenError = (code = 40142) => json(401, { error: { code, statusCode: 401, message: "Token expired" } })
const bearerOf = (seen: Seen) => atob((seen.headers["authorization"] ?? "").replace(/^Bearer /, ""))

// A callback that hands out token-1, token-2, … and counts its calls.
const countingCallback = (expiresIn?: number) =>
  Effect.map(Ref.make(0), (calls) => ({
    calls,
    callback: () =>
      Effect.gen(function*() {
        const n = yield* Ref.updateAndGet(calls, (c) => c + 1)
        return expiresIn === undefined ? `token-${n}` : { token: `token-${n}`, expires: expiresIn }
      })
  }))

describe("token lifecycle (RSA4, RSA8d, RSC10)", () => {
  it.effect("RSA4 - an authCallback means token auth; the token is sent as Bearer base64(token)", () =>
    Effect.gen(function*() {
      const { callback, calls } = yield* countingCallback()
      const { rest, seen } = yield* restWith({ authCallback: callback }, () => json(200, []))
      expect(yield* rest.auth.method).toBe("token")
      yield* rest.channel("c").historyPage()
      yield* rest.channel("c").historyPage()
      expect(yield* Ref.get(calls)).toBe(1)
      expect((yield* Ref.get(seen)).map(bearerOf)).toEqual(["token-1", "token-1"])
      const details = Option.getOrThrow(yield* rest.auth.tokenDetails)
      expect(Redacted.value(details.token)).toBe("token-1")
    }))

  it.effect("single flight - concurrent requests with no token fetch exactly one and all succeed", () =>
    Effect.gen(function*() {
      const calls = yield* Ref.make(0)
      const callback = () =>
        Effect.gen(function*() {
          yield* Ref.update(calls, (c) => c + 1)
          yield* Effect.sleep(100)
          return "the-token"
        })
      const { rest, seen } = yield* restWith({ authCallback: callback }, () => json(200, []))
      const fiber = yield* Effect.fork(
        Effect.all(Array.from({ length: 20 }, () => rest.channel("c").historyPage()), { concurrency: "unbounded" })
      )
      yield* TestClock.adjust(100)
      const pages = yield* Fiber.join(fiber)
      expect(pages).toHaveLength(20)
      expect(yield* Ref.get(calls)).toBe(1)
      expect((yield* Ref.get(seen)).every((s) => bearerOf(s) === "the-token")).toBe(true)
    }))

  it.effect("RSA4b - a token error renews once and retries once with the new token", () =>
    Effect.gen(function*() {
      const { callback, calls } = yield* countingCallback()
      const { rest, seen } = yield* restWith({ authCallback: callback }, (request) =>
        bearerOf(request) === "token-1" ? tokenError() : json(200, []))
      const page = yield* rest.channel("c").historyPage()
      expect(page.items).toHaveLength(0)
      expect(yield* Ref.get(calls)).toBe(2)
      expect((yield* Ref.get(seen)).map(bearerOf)).toEqual(["token-1", "token-2"])
    }))

  it.effect("RSA4b - a second token error is returned, with no loop: 2 callbacks, 2 requests", () =>
    Effect.gen(function*() {
      const { callback, calls } = yield* countingCallback()
      const { rest, seen } = yield* restWith({ authCallback: callback }, () => tokenError(40143))
      const error = yield* Effect.flip(rest.channel("c").historyPage())
      expect(error).toMatchObject({ code: 40143, statusCode: 401 })
      expect(yield* Ref.get(calls)).toBe(2)
      expect(yield* Ref.get(seen)).toHaveLength(2)
    }))

  it.effect("concurrent token errors on the same token renew it once", () =>
    Effect.gen(function*() {
      const { callback, calls } = yield* countingCallback()
      const { rest } = yield* restWith({ authCallback: callback }, (request) =>
        bearerOf(request) === "token-1" ? tokenError() : json(200, []))
      yield* rest.channel("c").historyPage() // token-1 rejected, token-2 fetched
      expect(yield* Ref.get(calls)).toBe(2)
      yield* Effect.all(
        Array.from({ length: 10 }, () =>
          rest.channel("c").historyPage()),
        { concurrency: "unbounded" }
      )
      expect(yield* Ref.get(calls)).toBe(2)
    }))

  it.effect("RSA4b1 - a token whose expiry has passed is renewed before sending", () =>
    Effect.gen(function*() {
      const { callback, calls } = yield* countingCallback(60_000)
      const { rest, seen } = yield* restWith({ authCallback: callback }, () => json(200, []))
      yield* rest.channel("c").historyPage()
      yield* TestClock.adjust(60_000)
      yield* rest.channel("c").historyPage()
      expect(yield* Ref.get(calls)).toBe(2)
      expect((yield* Ref.get(seen)).map(bearerOf)).toEqual(["token-1", "token-2"])
    }))

  it.effect("RSA4e - a failing authCallback gives 40170 with the cause; so do invalid answers", () =>
    Effect.gen(function*() {
      const failing = yield* restWith(
        { authCallback: () => Effect.fail(new Error("auth server down")) },
        () => json(200, [])
      )
      const error = yield* Effect.flip(failing.rest.channel("c").historyPage())
      expect(error).toMatchObject({ code: 40170, statusCode: 401 })
      expect(error.cause).toBeInstanceOf(Error)
      expect(String(error.cause)).toContain("auth server down")
      expect(yield* Ref.get(failing.seen)).toHaveLength(0)
      for (
        const answer of [
          "",
          "null",
          42,
          { neither: true },
          { token: "" },
          "{\"token\":\"x\"}",
          "x".repeat(128 * 1024 + 1)
        ]
      ) {
        const { rest } = yield* restWith({ authCallback: () => Promise.resolve(answer) }, () => json(200, []))
        expect((yield* Effect.flip(rest.channel("c").historyPage())).code).toBe(40170)
      }
      const rejecting = yield* restWith({ authCallback: () => Promise.reject(new Error("nope")) }, () => json(200, []))
      const rejected = yield* Effect.flip(rejecting.rest.channel("c").historyPage())
      expect(rejected.code).toBe(40170)
      expect(String(rejected.cause)).toContain("nope")
      const throwing = yield* restWith({
        authCallback: () => {
          throw new Error("boom")
        }
      }, () => json(200, []))
      expect((yield* Effect.flip(throwing.rest.channel("c").historyPage())).code).toBe(40170)
    }))

  it.effect("RSA4e - an authCallback that never answers times out with 40170", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ authCallback: () => Effect.never, httpRequestTimeout: 5_000 }, () =>
        json(200, []))
      const fiber = yield* Effect.fork(Effect.flip(rest.channel("c").historyPage()))
      yield* TestClock.adjust(5_000)
      expect((yield* Fiber.join(fiber)).code).toBe(40170)
    }))

  it.effect("RSA8d - TokenDetails, JWTs and TokenRequests from the callback all work", () =>
    Effect.gen(function*() {
      const exp = Math.floor(3_600_000 / 1000)
      const jwt = `${btoa("{\"alg\":\"HS256\"}")}.${btoa(JSON.stringify({ exp })).replace(/=+$/, "")}.sig`
      const viaJwt = yield* restWith({ authCallback: () => jwt }, () => json(200, []))
      yield* viaJwt.rest.channel("c").historyPage()
      expect(Option.getOrThrow(yield* viaJwt.rest.auth.tokenDetails).expires).toBe(3_600_000)

      const request = { keyName: "app.key", timestamp: 0, nonce: "0123456789abcdef", mac: "bWFj" }
      const viaRequest = yield* restWith({ authCallback: () => request }, (seen) =>
        seen.url.pathname === "/keys/app.key/requestToken"
          ? json(200, { token: "exchanged", expires: 10_000, clientId: "carol" })
          : json(200, []))
      yield* viaRequest.rest.channel("c").historyPage()
      const requests = yield* Ref.get(viaRequest.seen)
      expect(requests.map((r) =>
        r.url.pathname
      )).toEqual(["/keys/app.key/requestToken", "/channels/c/messages"])
      expect(requests[0]!.headers["authorization"]).toBeUndefined()
      expect(bearerOf(requests[1]!)).toBe("exchanged")
      // RSA7b: the identity comes from the token when the options have none.
      expect(yield* viaRequest.rest.auth.clientId).toEqual(Option.some("carol"))
    }))

  it.effect("RSA15 - a token for another clientId than the options' fails with 40102", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith(
        { clientId: "alice", authCallback: () => ({ token: "t", clientId: "mallory" }) },
        () => json(200, [])
      )
      expect((yield* Effect.flip(rest.channel("c").historyPage())).code).toBe(40102)
      const wildcard = yield* restWith({ clientId: "alice", authCallback: () => ({ token: "t", clientId: "*" }) }, () =>
        json(200, []))
      yield* wildcard.rest.channel("c").historyPage()
      expect(yield* wildcard.rest.auth.clientId).toEqual(Option.some("alice"))
    }))

  it.effect("RSA10 - authorize forces a new token, keeps the params as defaults and switches to token auth", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        (request) =>
          request.url.pathname.endsWith("/requestToken")
            ? json(200, { token: `tok-${request.body?.byteLength}`, expires: 60_000 })
            : json(200, [])
      )
      expect(yield* rest.auth.method).toBe("basic")
      yield* rest.auth.authorize({ ttl: 60_000, capability: { "*": ["subscribe"] }, timestamp: 5 })
      expect(yield* rest.auth.method).toBe("token")
      yield* rest.channel("c").historyPage()
      yield* TestClock.adjust(60_000)
      yield* rest.channel("c").historyPage() // expired: renewed with the stored params
      const tokenRequests = (yield* Ref.get(seen)).filter((r) => r.url.pathname.endsWith("/requestToken"))
      expect(tokenRequests).toHaveLength(2)
      const bodies = tokenRequests.map((r) => JSON.parse(new TextDecoder().decode(r.body)) as Record<string, unknown>)
      expect(bodies[0]).toMatchObject({ ttl: 60_000, capability: "{\"*\":[\"subscribe\"]}", timestamp: 5 })
      expect(bodies[1]).toMatchObject({ ttl: 60_000, capability: "{\"*\":[\"subscribe\"]}" })
      expect(bodies[1]!.timestamp).not.toBe(5)
    }))
})

describe("authUrl (RSA8c)", () => {
  it.effect("GET merges URL params, authParams and token params (token params win) and sends authHeaders", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({
        authUrl: "https://auth.example.com/token?ttl=1&keep=yes",
        authParams: { ttl: "2", extra: "x" },
        authHeaders: { "x-session": "abc" },
        defaultTokenParams: { ttl: 30_000 }
      }, (request) =>
        request.url.hostname === "auth.example.com"
          ? new Response("plain-token", { headers: { "content-type": "text/plain" } })
          : json(200, []))
      yield* rest.channel("c").historyPage()
      const [auth, api] = yield* Ref.get(seen)
      expect(auth!.method).toBe("GET")
      expect(Object.fromEntries(auth!.url.searchParams)).toEqual({ ttl: "30000", keep: "yes", extra: "x" })
      expect(auth!.headers["x-session"]).toBe("abc")
      expect(auth!.headers["x-ably-version"]).toBeUndefined()
      expect(bearerOf(api!)).toBe("plain-token")
    }))

  it.effect("POST sends the params as a form body; JSON answers are TokenDetails", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({
        authUrl: "https://auth.example.com/token",
        authMethod: "POST",
        authParams: { user: "u1" },
        clientId: "dave"
      }, (request) =>
        request.url.hostname === "auth.example.com"
          ? json(200, { token: "from-json", clientId: "dave" })
          : json(200, []))
      yield* rest.channel("c").historyPage()
      const [auth, api] = yield* Ref.get(seen)
      expect(auth!.method).toBe("POST")
      expect(auth!.headers["content-type"]).toBe("application/x-www-form-urlencoded")
      expect(Object.fromEntries(new URLSearchParams(new TextDecoder().decode(auth!.body)))).toEqual({
        user: "u1",
        clientId: "dave"
      })
      expect(bearerOf(api!)).toBe("from-json")
    }))

  it.effect("application/jwt answers are tokens; other content types and errors are 40170", () =>
    Effect.gen(function*() {
      const jwt = yield* restWith(
        { authUrl: "https://a.example/jwt" },
        (request) =>
          request.url.hostname === "a.example"
            ? new Response("aaa.bbb.ccc", { headers: { "content-type": "application/jwt" } })
            : json(200, [])
      )
      yield* jwt.rest.channel("c").historyPage()
      for (
        const answer of [
          new Response("<html>", { headers: { "content-type": "text/html" } }),
          new Response("denied", { status: 403, headers: { "content-type": "text/plain" } }),
          new Response("{oops", { headers: { "content-type": "application/json" } })
        ]
      ) {
        const { rest } = yield* restWith(
          { authUrl: "https://a.example/token" },
          (request) => request.url.hostname === "a.example" ? answer : json(200, [])
        )
        expect((yield* Effect.flip(rest.channel("c").historyPage())).code).toBe(40170)
      }
    }))
})

describe("revokeTokens (RSA17)", () => {
  it.effect("posts the targets with Basic auth and types each result", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, () =>
        json(201, {
          successCount: 1,
          failureCount: 1,
          results: [
            { target: "clientId:alice", issuedBefore: 10, appliesAt: 20 },
            { target: "invalid:x", error: { code: 40000, statusCode: 400, message: "bad target" } }
          ]
        }))
      const result = yield* rest.auth.revokeTokens([{ type: "clientId", value: "alice" }, "invalid:x"], {
        allowReauthMargin: true
      })
      expect(result.successCount).toBe(1)
      expect(result.failureCount).toBe(1)
      expect(result.results[0]).toEqual({ _tag: "Success", target: "clientId:alice", issuedBefore: 10, appliesAt: 20 })
      expect(result.results[1]).toMatchObject({ _tag: "Failure", target: "invalid:x", error: { code: 40000 } })
      const [request] = yield* Ref.get(seen)
      expect(request!.url.pathname).toBe("/keys/appid.keyid/revokeTokens")
      expect(request!.headers["authorization"]).toMatch(/^Basic /)
      expect(JSON.parse(new TextDecoder().decode(request!.body))).toEqual({
        targets: ["clientId:alice", "invalid:x"],
        allowReauthMargin: true
      })
    }))

  it.effect("accepts the plain array answer of older servers", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey }, () =>
        json(201, [{ target: "clientId:a", issuedBefore: 1, appliesAt: 2 }]))
      const result = yield* rest.auth.revokeTokens(["clientId:a"])
      expect(result).toMatchObject({ successCount: 1, failureCount: 0 })
    }))

  it.effect("RSA17d - under token auth it fails with 40162 before sending", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useTokenAuth: true }, () => json(200, { token: "t" }))
      expect((yield* Effect.flip(rest.auth.revokeTokens(["clientId:a"]))).code).toBe(40162)
      expect(yield* Ref.get(seen)).toHaveLength(0)
    }))
})
