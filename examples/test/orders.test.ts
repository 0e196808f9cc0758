/**
 * docs/testing.md, as tests: the order app of examples/app/orders.ts tested against the
 * in-memory emulator (no sockets), its error handling against injected faults, and token
 * expiry under `TestClock`. The guide's code blocks are excerpts of this file (checked by
 * docs.test.ts).
 */
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { Orders } from "../app/orders.js"

// The app's layer on a Rest client of a fresh in-memory emulator app; the Emulator handle and
// the app (EmulatorApp) stay visible to the test.
const TestOrders = (options?: Emulator.RestOptions) =>
  Orders.Default.pipe(Layer.provideMerge(Emulator.layerRest(options)))

describe("testing an app with the emulator (docs/testing.md)", () => {
  it.effect("the one-liner: the app publishes an order and reads it back", () =>
    Effect.gen(function*() {
      const orders = yield* Orders
      yield* orders.place({ id: 1, item: "tea", quantity: 2 })
      yield* orders.place({ id: 2, item: "cake", quantity: 1 })
      expect(yield* orders.recent(10)).toEqual([
        { id: 2, item: "cake", quantity: 1 },
        { id: 1, item: "tea", quantity: 2 }
      ])
    }).pipe(Effect.provide(TestOrders())))

  it.effect("what the app published, read through the Emulator handle", () =>
    Effect.gen(function*() {
      const orders = yield* Orders
      yield* orders.place({ id: 7, item: "scone", quantity: 3 })
      const emulator = yield* Emulator.Emulator
      const { appId } = yield* Emulator.EmulatorApp
      const stored = yield* emulator.messages(appId, "orders")
      expect(stored.map((message) => message.name)).toEqual(["placed"])
      expect(stored[0]?.data).toBe(JSON.stringify({ id: 7, item: "scone", quantity: 3 }))
      expect(stored[0]?.encoding).toBe("json")
    }).pipe(Effect.provide(TestOrders())))

  it.effect("seeded presence members and stats", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const { appId } = yield* Emulator.EmulatorApp
      yield* emulator.admin.updatePresence(appId, "orders:packers", [
        { action: "enter", clientId: "bob" },
        { action: "enter", clientId: "alice" },
        { action: "enter", clientId: "carol" },
        { action: "leave", clientId: "carol" }
      ])
      yield* emulator.admin.postStats(appId, [
        { intervalId: "2024-05-01:09", unit: "hour", entries: { "messages.all.all.count": 120 } },
        { intervalId: "2024-05-01:10", unit: "hour", entries: { "messages.all.all.count": 80 } }
      ])
      yield* TestClock.setTime(Date.parse("2024-05-01T11:30:00Z")) // "now", for the stats query
      const orders = yield* Orders
      expect(yield* orders.packers).toEqual(["alice", "bob"])
      expect(yield* orders.hourlyMessages(24)).toEqual([
        { hour: "2024-05-01:10", messages: 80 },
        { hour: "2024-05-01:09", messages: 120 }
      ])
    }).pipe(Effect.provide(TestOrders())))

  it.effect("fault: a 503 on the publish route, on every host → OrdersUnavailable", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      yield* emulator.faults.set([
        { method: "POST", path: "/channels/:channel/messages", action: { type: "status", status: 503 } }
      ])
      const orders = yield* Orders
      const error = yield* Effect.flip(orders.place({ id: 1, item: "tea", quantity: 1 }))
      expect(error).toMatchObject({ _tag: "OrdersUnavailable", code: 50300 })
      // The client tried the primary host, then its fallback hosts: each request is on record.
      const hosts = (yield* emulator.faults.requests).map((request) => request.host)
      expect(hosts[0]).toBe("main.realtime.ably.net")
      expect(new Set(hosts).size).toBe(hosts.length) // a different host each time
      expect(hosts.length).toBeGreaterThan(1)
      // Nothing was stored: the fault acted before the request reached the emulator's state.
      const { appId } = yield* Emulator.EmulatorApp
      expect(yield* emulator.messages(appId, "orders")).toHaveLength(0)
    }).pipe(Effect.provide(TestOrders())))

  it.effect("fault: one 503, then the fallback host answers → the order is placed", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      yield* emulator.faults.set([{ method: "POST", times: 1, action: { type: "status", status: 503 } }])
      const orders = yield* Orders
      yield* orders.place({ id: 1, item: "tea", quantity: 1 })
      const [first, second] = yield* emulator.faults.requests
      expect(first?.fault).toEqual({ type: "status", status: 503 })
      expect(second?.fault).toBeUndefined()
      expect(second?.host).not.toBe(first?.host)
    }).pipe(Effect.provide(TestOrders())))

  it.effect("fault: a slow answer beyond httpRequestTimeout → OrdersUnavailable (50003), under TestClock", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      yield* emulator.faults.set([{ path: "/channels/:channel/messages", action: { type: "delay", ms: 30_000 } }])
      const orders = yield* Orders
      const placing = yield* Effect.fork(Effect.flip(orders.place({ id: 1, item: "tea", quantity: 1 })))
      yield* TestClock.adjust("2 seconds") // past the 1 s timeout: no real waiting
      expect(yield* Fiber.join(placing)).toMatchObject({ _tag: "OrdersUnavailable", code: 50003 })
    }).pipe(Effect.provide(TestOrders({ httpRequestTimeout: 1_000, fallbackHosts: [] }))))

  it.effect("fault: 40142 (token expired) once → the client renews its token and the order is placed", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const { appId } = yield* Emulator.EmulatorApp
      yield* emulator.faults.set([
        { method: "POST", times: 1, action: { type: "status", status: 401, code: 40142, message: "Token expired" } }
      ])
      const orders = yield* Orders
      yield* orders.place({ id: 1, item: "tea", quantity: 1 })
      expect(yield* emulator.tokens(appId)).toHaveLength(2) // the first token, and its renewal
      expect(yield* emulator.messages(appId, "orders")).toHaveLength(1)
    }).pipe(Effect.provide(TestOrders({ auth: "token" }))))

  it.effect("fault: 40142 on every try → OrderRejected (401 / 40142): one renewal, no loop", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const { appId } = yield* Emulator.EmulatorApp
      yield* emulator.faults.set([{ method: "POST", action: { type: "status", status: 401, code: 40142 } }])
      const orders = yield* Orders
      const error = yield* Effect.flip(orders.place({ id: 1, item: "tea", quantity: 1 }))
      expect(error).toMatchObject({ _tag: "OrderRejected", code: 40142, statusCode: 401 })
      expect(yield* emulator.tokens(appId)).toHaveLength(2)
    }).pipe(Effect.provide(TestOrders({ auth: "token" }))))

  it.effect("TestClock: a token past its ttl is renewed before the next request", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const { appId } = yield* Emulator.EmulatorApp
      const orders = yield* Orders
      yield* orders.place({ id: 1, item: "tea", quantity: 1 })
      yield* TestClock.adjust("30 minutes")
      yield* orders.place({ id: 2, item: "cake", quantity: 1 }) // same token, still valid
      expect(yield* emulator.tokens(appId)).toHaveLength(1)
      yield* TestClock.adjust("31 minutes") // past the token's 1 hour ttl
      yield* orders.place({ id: 3, item: "scone", quantity: 1 })
      const tokens = yield* emulator.tokens(appId)
      expect(tokens).toHaveLength(2)
      expect(tokens[1]?.issued).toBe(61 * 60_000) // issued at the test's clock time
      expect(yield* emulator.messages(appId, "orders")).toHaveLength(3)
    }).pipe(Effect.provide(TestOrders({ auth: "token", defaultTokenParams: { ttl: 3_600_000 } }))))

  it.effect("a key without publish rights → OrderRejected (401 / 40160)", () =>
    Effect.gen(function*() {
      const orders = yield* Orders
      const error = yield* Effect.flip(orders.place({ id: 1, item: "tea", quantity: 1 }))
      expect(error).toMatchObject({ _tag: "OrderRejected", code: 40160, statusCode: 401 })
    }).pipe(Effect.provide(TestOrders({ capability: { "orders": ["history"] } }))))
})
