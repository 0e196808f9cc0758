import { Version } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import corePackage from "../package.json" with { type: "json" }
import * as Codec from "../src/internal/http/Codec.js"
import { json, msgpack } from "./utils/FakeHttp.js"
import { restWith, testKey } from "./utils/restWith.js"

const timeOk = () => json(200, [1_700_000_000_000])

describe("HTTP path", () => {
  it("the library version matches package.json", () => {
    expect(Version.libraryVersion).toBe(corePackage.version)
  })

  it.effect("RSC7e/RSC7d/RSC8 - sends the version, agent, protocol and auth headers", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, clientId: "alice", agents: { nodejs: "20.0.0" } }, () =>
        msgpack(201, { serials: ["s1"] }))
      const result = yield* rest.channel("chat").publish("greeting", "hello")
      expect(result.serials).toEqual(["s1"])
      const [request] = yield* Ref.get(seen)
      expect(request!.method).toBe("POST")
      expect(request!.url.href).toBe("https://main.realtime.ably.net/channels/chat/messages")
      expect(request!.headers["x-ably-version"]).toBe("6")
      expect(request!.headers["ably-agent"]).toBe(`effect-ably/${Version.libraryVersion} nodejs/20.0.0`)
      expect(request!.headers["accept"]).toBe("application/x-msgpack")
      expect(request!.headers["content-type"]).toBe("application/x-msgpack")
      expect(request!.headers["authorization"]).toBe(`Basic ${btoa(testKey)}`)
      expect(request!.headers["x-ably-clientid"]).toBe(btoa("alice"))
      const body = Codec.decode("msgpack", request!.body!)
      expect(body).toMatchObject([{ name: "greeting", data: "hello" }])
    }))

  it.effect("RSC8b/RSC16 - JSON protocol, and /time is sent without credentials", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, timeOk)
      expect(yield* rest.time).toBe(1_700_000_000_000)
      const [request] = yield* Ref.get(seen)
      expect(request!.headers["accept"]).toBe("application/json")
      expect(request!.headers["authorization"]).toBeUndefined()
      expect(request!.url.pathname).toBe("/time")
    }))

  it.effect("RSA3 - a supplied token is sent as a Bearer token", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ token: "my-token" }, () => json(200, []))
      yield* rest.channel("c").historyPage()
      const [request] = yield* Ref.get(seen)
      expect(request!.headers["authorization"]).toBe(`Bearer ${btoa("my-token")}`)
    }))

  it.effect("RSC7c - addRequestIds adds one request_id, kept across fallback retries and put in errors", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, addRequestIds: true, fallbackHosts: ["f1.example.com", "f2.example.com"] },
        () => json(503, { error: { code: 50300, statusCode: 503, message: "unavailable" } })
      )
      const error = yield* Effect.flip(rest.time)
      const requests = yield* Ref.get(seen)
      expect(requests).toHaveLength(3)
      const ids = requests.map((r) => r.url.searchParams.get("request_id"))
      expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{12}$/)
      expect(new Set(ids).size).toBe(1)
      expect(error.requestId).toBe(ids[0])
      expect(error.code).toBe(50300)
    }))
})

describe("error decoding", () => {
  const failWith = (response: () => Response) =>
    Effect.flatMap(restWith({ key: testKey, fallbackHosts: [] }, response), ({ rest }) => Effect.flip(rest.time))

  it.effect("RSC8d - from a JSON error body", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() =>
        json(404, {
          error: { code: 40400, statusCode: 404, message: "Not found", href: "https://help.ably.io/error/40400" }
        })
      )
      expect(error).toMatchObject({
        _tag: "AblyError",
        code: 40400,
        statusCode: 404,
        message: "Not found",
        href: "https://help.ably.io/error/40400"
      })
    }))

  it.effect("RSC8d - from a msgpack error body", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => msgpack(401, { error: { code: 40160, statusCode: 401, message: "denied" } }))
      expect(error).toMatchObject({
        code: 40160,
        statusCode: 401,
        message: "denied",
        href: "https://help.ably.io/error/40160"
      })
    }))

  it.effect("from X-Ably-ErrorCode headers when there is no body", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() =>
        new Response(null, {
          status: 400,
          headers: { "x-ably-errorcode": "40003", "x-ably-errormessage": "bad limit" }
        })
      )
      expect(error).toMatchObject({ code: 40003, statusCode: 400, message: "bad limit" })
    }))

  it.effect("from the status alone for a garbage body, keeping what went wrong", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() =>
        new Response("<html>oops", { status: 418, headers: { "content-type": "text/html" } })
      )
      expect(error.code).toBe(41800)
      expect(error.statusCode).toBe(418)
      expect(error.message).toContain("unsupported content type")
      const malformed = yield* failWith(() =>
        new Response("{not json", { status: 400, headers: { "content-type": "application/json" } })
      )
      expect(malformed.code).toBe(40000)
      expect(malformed.message).toContain("malformed json")
    }))

  it.effect("RSC8e2 - a 2xx body in an unsupported content type is an unreadable answer: 50000", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() =>
        new Response("hello", { status: 200, headers: { "content-type": "text/plain" } })
      )
      expect(error).toMatchObject({ code: 50000, statusCode: 500 })
      expect(error.message).toContain("unsupported content type")
      const malformed = yield* failWith(() =>
        new Response("[1,", { status: 200, headers: { "content-type": "application/json" } })
      )
      expect(malformed).toMatchObject({ code: 50000, statusCode: 500 })
      expect(malformed.message).toContain("malformed json")
    }))

  it.effect("a 2xx body of the wrong shape is a typed error, not a defect", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => json(200, { time: "now" }))
      expect(error).toMatchObject({ code: 50000, statusCode: 500 })
    }))
})

describe("fallback hosts", () => {
  it.effect("RSC15l3 - a 500 on the primary goes to a fallback, which then stays preferred", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey },
        (request) =>
          request.url.hostname === "main.realtime.ably.net"
            ? json(500, { error: { code: 50000, statusCode: 500, message: "boom" } })
            : timeOk()
      )
      expect(yield* rest.time).toBe(1_700_000_000_000)
      const first = yield* Ref.get(seen)
      expect(first.map((r) => r.url.hostname)).toHaveLength(2)
      expect(first[1]!.url.hostname).toMatch(/^main\.[a-e]\.fallback\.ably-realtime\.com$/)
      yield* rest.time
      const second = yield* Ref.get(seen)
      expect(second[2]!.url.hostname).toBe(first[1]!.url.hostname)
      // RSC15f: after fallbackRetryTimeout the primary is tried again.
      yield* TestClock.adjust(Duration.minutes(11))
      yield* rest.time
      expect((yield* Ref.get(seen))[3]!.url.hostname).toBe("main.realtime.ably.net")
    }))

  it.effect("RSC15l - 4xx answers never go to a fallback", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () =>
        json(401, { error: { code: 40101, statusCode: 401, message: "no" } }))
      yield* Effect.flip(rest.time)
      expect(yield* Ref.get(seen)).toHaveLength(1)
    }))

  it.effect("RSC15a - at most httpMaxRetryCount fallbacks, each a different host", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, httpMaxRetryCount: 2 }, () => "network-error")
      const error = yield* Effect.flip(rest.time)
      expect(error.code).toBe(80000)
      const hosts = (yield* Ref.get(seen)).map((r) => r.url.hostname)
      expect(hosts).toHaveLength(3)
      expect(new Set(hosts).size).toBe(3)
    }))

  it.effect("RSC13/RSC15l2 - a request timeout fails with 50003 and moves on to a fallback", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, httpRequestTimeout: 1000 },
        (_, index) => index === 0 ? "hang" : timeOk()
      )
      const fiber = yield* Effect.fork(rest.time)
      yield* TestClock.adjust(Duration.seconds(1))
      expect(yield* Fiber.join(fiber)).toBe(1_700_000_000_000)
      expect(yield* Ref.get(seen)).toHaveLength(2)
      const { rest: single } = yield* restWith(
        { key: testKey, httpRequestTimeout: 1000, fallbackHosts: [] },
        () => "hang"
      )
      const timedOut = yield* Effect.fork(Effect.flip(single.time))
      yield* TestClock.adjust(Duration.seconds(1))
      expect((yield* Fiber.join(timedOut)).code).toBe(50003)
    }))

  it.effect("RSC15l4 - an error answer from CloudFront goes to a fallback", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, (_, index) =>
        index === 0 ? new Response("denied", { status: 403, headers: { server: "CloudFront" } }) : timeOk())
      yield* rest.time
      expect(yield* Ref.get(seen)).toHaveLength(2)
    }))
})

describe("token errors", () => {
  it.effect("RSA4a2 - a rejected non-renewable token fails with 40171 after exactly one request", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { token: "static-token" },
        () => json(401, { error: { code: 40142, statusCode: 401, message: "Token expired" } })
      )
      const error = yield* Effect.flip(rest.channel("c").historyPage())
      expect(error.code).toBe(40171)
      expect(Option.fromNullable(error.cause)).toMatchObject(Option.some({ code: 40142 }))
      expect(yield* Ref.get(seen)).toHaveLength(1)
    }))

  it.effect("RSA4a - an already expired token fails with 40171 before any request", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ tokenDetails: { token: "old", expires: 1 } }, () => json(200, []))
      yield* TestClock.setTime(10_000)
      const error = yield* Effect.flip(rest.channel("c").historyPage())
      expect(error.code).toBe(40171)
      expect(yield* Ref.get(seen)).toHaveLength(0)
    }))
})
