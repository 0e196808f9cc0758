import { Codec } from "@effect-ably/core/wire"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { compilePath, seeded } from "../src/faults/Faults.js"
import { garbageBody } from "../src/faults/Inject.js"
import { Emulator, type FaultRule, layer as emulatorLayer, perHost } from "../src/index.js"
import { basic, call, createTestApp, decodeError, decodePublish, keyOf, messagesPath } from "./support.js"

// A publish whose raw outcome is kept: the HttpClient failure, or status, headers and the body read.
const rawPublish = (key: string, url: string, channel: string, name = "n") =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const request = HttpClientRequest.post(`${url}${messagesPath(channel)}`).pipe(
      HttpClientRequest.setHeader("authorization", basic(key)),
      HttpClientRequest.bodyUint8Array(Either.getOrThrow(Codec.encode("json", [{ name }])), "application/json")
    )
    const response = yield* client.execute(request)
    const body = yield* Effect.either(response.arrayBuffer)
    return { status: response.status, headers: response.headers, body }
  }).pipe(Effect.either)

const withFaults = (rules: ReadonlyArray<FaultRule.FaultRule>, seed?: number) =>
  Effect.flatMap(
    Emulator,
    (emulator) => Effect.zipRight(emulator.faults.clearRequests, emulator.faults.set(rules, { seed }))
  )

layer(emulatorLayer)("fault injection in process", (it) => {
  describe("actions", () => {
    it.effect("status: an Ably error body and X-Ably-ErrorCode, nothing stored; `times` then normal answers", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        yield* withFaults([{
          method: "POST",
          times: 2,
          action: { type: "status", status: 503, code: 50003, message: "busy" }
        }])
        for (const _ of [1, 2]) {
          const reply = yield* call("POST", messagesPath("st"), { key, body: [{ name: "n" }] })
          expect(reply.status).toBe(503)
          expect(reply.headers["x-ably-errorcode"]).toBe("50003")
          expect(decodeError(reply.body).error).toMatchObject({ code: 50003, statusCode: 503, message: "busy" })
          expect(reply.headers["server"]).toBeUndefined()
        }
        const msgpack = yield* call("POST", messagesPath("st"), { key, body: [{ name: "n" }], protocol: "msgpack" })
        expect(msgpack.status).toBe(201)
        expect(yield* emulator.messages(app.appId, "st")).toHaveLength(1)
        expect((yield* emulator.faults.rules).map((status) => status.fired)).toEqual([2])
        yield* emulator.faults.clear
      }))

    it.effect("status with Server: CloudFront, in msgpack when negotiated; code defaults to status × 100", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        yield* withFaults([{ action: { type: "status", status: 403, server: "CloudFront" } }])
        const reply = yield* call("GET", messagesPath("cf"), { key: keyOf(app, 0), protocol: "msgpack" })
        expect(reply.status).toBe(403)
        expect(reply.headers["server"]).toBe("CloudFront")
        expect(reply.contentType).toBe("application/x-msgpack")
        expect(decodeError(reply.body).error.code).toBe(40300)
        yield* Effect.flatMap(Emulator, (emulator) => emulator.faults.clear)
      }))

    it.effect("status after the handler ran: stored, yet answered 500", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const app = yield* createTestApp
        yield* withFaults([{ action: { type: "status", status: 500, stage: "after" }, times: 1 }])
        const reply = yield* call("POST", messagesPath("st-after"), { key: keyOf(app, 0), body: [{ name: "n" }] })
        expect(reply.status).toBe(500)
        expect(yield* emulator.messages(app.appId, "st-after")).toHaveLength(1)
      }))

    it.effect("delay: driven by TestClock, before the handler (nothing stored yet) and after it (stored, answer held)", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        for (const stage of ["before", "after"] as const) {
          const channel = `delay-${stage}`
          yield* withFaults([{ times: 1, action: { type: "delay", ms: 20_000, stage } }])
          const fiber = yield* Effect.fork(call("POST", messagesPath(channel), { key, body: [{ name: "n" }] }))
          yield* TestClock.adjust("19999 millis")
          expect(fiber.unsafePoll()).toBeNull()
          expect(yield* emulator.messages(app.appId, channel)).toHaveLength(stage === "before" ? 0 : 1)
          yield* TestClock.adjust("1 millis")
          expect((yield* Fiber.join(fiber)).status).toBe(201)
          expect(yield* emulator.messages(app.appId, channel)).toHaveLength(1)
        }
      }))

    it.effect("reset before: a RequestError (Transport) and nothing stored; after: the same error, the message stored", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const app = yield* createTestApp
        for (const stage of ["before", "after"] as const) {
          yield* withFaults([{ times: 1, action: { type: "reset", stage } }])
          const outcome = yield* rawPublish(keyOf(app, 0), "https://main.realtime.ably.net", `reset-${stage}`)
          expect(outcome._tag).toBe("Left")
          if (outcome._tag === "Left") {
            expect(outcome.left._tag).toBe("RequestError")
            expect(outcome.left.reason).toBe("Transport")
          }
          expect(yield* emulator.messages(app.appId, `reset-${stage}`)).toHaveLength(stage === "before" ? 0 : 1)
        }
      }))

    it.effect("truncate: status and headers arrive, the body stream fails after `bytes`; the message is stored", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const app = yield* createTestApp
        yield* withFaults([{ times: 1, action: { type: "truncate", bytes: 5 } }])
        const outcome = yield* rawPublish(keyOf(app, 0), "https://x.test", "cut")
        expect(outcome._tag).toBe("Right")
        if (outcome._tag === "Right") {
          expect(outcome.right.status).toBe(201)
          expect(Number(outcome.right.headers["content-length"])).toBeGreaterThan(5)
          expect(outcome.right.body._tag).toBe("Left")
        }
        expect(yield* emulator.messages(app.appId, "cut")).toHaveLength(1)
      }))

    it.effect("garbage: the handler's status and Content-Type with a body that is neither JSON nor msgpack", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const app = yield* createTestApp
        yield* withFaults([{ times: 2, action: { type: "garbage" } }])
        for (const protocol of ["json", "msgpack"] as const) {
          const outcome = yield* rawPublish(keyOf(app, 0), "https://x.test", `garbage-${protocol}`)
          expect(outcome._tag).toBe("Right")
          if (outcome._tag === "Right" && outcome.right.body._tag === "Right") {
            const bytes = new Uint8Array(outcome.right.body.right)
            expect(bytes).toEqual(garbageBody)
            expect(() => Codec.decode(protocol, bytes)).toThrow()
            expect(outcome.right.status).toBe(201)
            expect(outcome.right.headers["content-type"]).toBe("application/json")
          }
        }
        expect(yield* emulator.messages(app.appId, "garbage-json")).toHaveLength(1)
      }))

    it.effect("contentType: the handler's status and body under text/html", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        yield* withFaults([{ times: 1, action: { type: "contentType" } }])
        const reply = yield* call("POST", messagesPath("html"), { key: keyOf(app, 0), body: [{ name: "n" }] })
        expect(reply.status).toBe(201)
        expect(reply.contentType).toBe("text/html; charset=utf-8")
        expect(decodePublish(JSON.parse(String(reply.body))).channel).toBe("html")
      }))
  })

  describe("matching", () => {
    it.effect("by host (the URL's), method and path pattern; the record shows every request per host", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        yield* withFaults([
          {
            host: "a.test",
            method: "post",
            path: "/channels/:channel/messages",
            action: { type: "status", status: 503 }
          },
          { host: "b.test:8443", path: "/channels/*", action: { type: "status", status: 504 } }
        ])
        const status = (url: string, method: "GET" | "POST") =>
          Effect.map(call(method, url, { key, ...(method === "POST" ? { body: [{}] } : {}) }), (reply) => reply.status)
        expect(yield* status(`https://a.test${messagesPath("a/b")}`, "POST")).toBe(503)
        expect(yield* status(`https://a.test${messagesPath("a/b")}`, "GET")).toBe(200)
        expect(yield* status("https://a.test/time", "GET")).toBe(200)
        expect(yield* status(`https://c.test${messagesPath("a/b")}`, "POST")).toBe(201)
        expect(yield* status(`https://b.test:8443/channels/x/presence/history`, "GET")).toBe(504)
        expect(yield* status(`https://b.test/channels/x/presence/history`, "GET")).toBe(200)
        expect(yield* status(`https://b.test:8443/time`, "GET")).toBe(200)
        const seen = yield* emulator.faults.requests
        expect(seen.map((r) => [r.host, r.port, r.method, r.path, r.fault?.type])).toEqual([
          ["a.test", 443, "POST", "/channels/a%2Fb/messages", "status"],
          ["a.test", 443, "GET", "/channels/a%2Fb/messages", undefined],
          ["a.test", 443, "GET", "/time", undefined],
          ["c.test", 443, "POST", "/channels/a%2Fb/messages", undefined],
          ["b.test", 8443, "GET", "/channels/x/presence/history", "status"],
          ["b.test", 443, "GET", "/channels/x/presence/history", undefined],
          ["b.test", 8443, "GET", "/time", undefined]
        ])
        expect(perHost(seen)).toEqual({ "a.test": 3, "c.test": 1, "b.test": 3 })
        yield* emulator.faults.clear
      }))

    it.effect("probability is drawn from the seed: the same seed fires on the same requests, another seed differently", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const run = (seed: number) =>
          Effect.gen(function*() {
            yield* withFaults([{
              path: "/time",
              probability: 0.3,
              action: [{ type: "status", status: 500 }, { type: "status", status: 503 }]
            }], seed)
            const statuses: Array<number> = []
            for (let i = 0; i < 200; i++) statuses.push((yield* call("GET", "/time")).status)
            return statuses
          })
        const first = yield* run(7)
        expect(yield* run(7)).toEqual(first)
        expect(yield* run(8)).not.toEqual(first)
        const faulted = first.filter((status) => status !== 200)
        expect(faulted.length).toBeGreaterThan(35)
        expect(faulted.length).toBeLessThan(85)
        expect(new Set(faulted)).toEqual(new Set([500, 503]))
        yield* emulator.faults.clear
      }))

    it.effect("control routes are never faulted nor recorded; invalid rules are 400 / 40000", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        yield* withFaults([{ action: { type: "reset" } }])
        const plan = { rules: [{ path: "/time", times: 1, action: { type: "status", status: 500 } }], seed: "s" }
        expect((yield* call("PUT", "/_emulator/faults", { body: plan })).status).toBe(204)
        expect((yield* call("GET", "/time")).status).toBe(500)
        expect((yield* call("GET", "/time")).status).toBe(200)
        const rules = yield* call("GET", "/_emulator/faults")
        expect(rules.body).toEqual({ rules: [{ rule: plan.rules[0], fired: 1 }] })
        const recorded = yield* call("GET", "/_emulator/faults/requests")
        expect(recorded.body).toEqual([
          { host: "rest.ably.io", port: 443, method: "GET", path: "/time", fault: { type: "status", status: 500 } },
          { host: "rest.ably.io", port: 443, method: "GET", path: "/time" }
        ])
        const bad = yield* call("PUT", "/_emulator/faults", {
          body: { rules: [{ action: { type: "status", status: 200 } }] }
        })
        expect([bad.status, decodeError(bad.body).error.code]).toEqual([400, 40001])
        const invalid = yield* Effect.flip(emulator.faults.set([{ probability: 2, action: { type: "reset" } }]))
        expect(invalid.code).toBe(40000)
        expect((yield* call("DELETE", "/_emulator/faults")).status).toBe(204)
        expect((yield* call("DELETE", "/_emulator/faults/requests")).status).toBe(204)
        expect(yield* emulator.faults.requests).toEqual([])
        expect(yield* emulator.faults.rules).toEqual([])
      }))
  })
})

describe("Faults helpers", () => {
  it("compilePath: `:name` is one segment, `*` anything, the rest literal", () => {
    expect(compilePath("/channels/:channel/messages").test("/channels/a%2Fb/messages")).toBe(true)
    expect(compilePath("/channels/:channel/messages").test("/channels/a/b/messages")).toBe(false)
    expect(compilePath("/channels/:channel/messages").test("/channels//messages")).toBe(false)
    expect(compilePath("/channels/*").test("/channels/a/presence/history")).toBe(true)
    expect(compilePath("/time").test("/timex")).toBe(false)
    expect(compilePath("/a.b").test("/aXb")).toBe(false)
  })

  it("seeded: reproducible, in [0, 1), string seeds too", () => {
    const draws = (seed: number | string) => {
      const next = seeded(seed)
      return Array.from({ length: 1000 }, next)
    }
    expect(draws(1)).toEqual(draws(1))
    expect(draws("soak")).toEqual(draws("soak"))
    expect(draws(1)).not.toEqual(draws(2))
    expect(draws(3).every((x) => x >= 0 && x < 1)).toBe(true)
    const mean = draws(4).reduce((a, b) => a + b, 0) / 1000
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05)
  })
})
