/**
 * Token auth end to end: our SDK against the emulator (in memory, and over loopback for the
 * clock-skew case), with real TokenRequest MACs, token expiry, renewal, capabilities, JWTs and
 * revocation.
 */
import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as EmulatorServer from "@effect-ably/emulator/server"
import { NodeRest } from "@effect-ably/node"
import { describe, expect, it, layer } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import { emulatedRest } from "./emulated.js"

describe("token auth against the emulator", () => {
  it.effect("RSA8 - our signed TokenRequests are accepted and the token works", () =>
    Effect.gen(function*() {
      const { app, emulator } = yield* emulatedRest()
      const rest = yield* Effect.provide(
        Rest.Rest,
        Rest.layer({ key: app.keys[0]!.keyStr, useTokenAuth: true, clientId: "alice" })
      )
      yield* rest.channel("tokens").publish("n", "via token")
      expect(yield* rest.auth.method).toBe("token")
      expect(Option.getOrThrow(yield* rest.auth.tokenDetails).clientId).toBe("alice")
      const stored = yield* emulator.messages(app.appId, "tokens")
      expect(stored.map((m) => m.clientId)).toEqual(["alice"])
      expect(yield* emulator.tokenRequestsServed(app.appId)).toBe(1)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("a server issues TokenRequests that a keyless client exchanges via authCallback", () =>
    Effect.gen(function*() {
      const { app, rest: server } = yield* emulatedRest()
      const callbacks = yield* Ref.make(0)
      const browser = yield* Effect.provide(
        Rest.Rest,
        Rest.layer({
          authCallback: (params) =>
            Effect.zipRight(
              Ref.update(callbacks, (n) => n + 1),
              server.auth.createTokenRequest({ ...params, clientId: "browser-1", ttl: 60_000 })
            )
        })
      )
      yield* browser.channel("from-browser").publish("hello", { x: 1 })
      const read = yield* server.channel("from-browser").historyPage()
      expect(read.items[0]).toMatchObject({ name: "hello", data: { x: 1 }, clientId: "browser-1" })
      // RSA4b: after expiry the server answers 40142; the client renews once and goes on.
      yield* TestClock.adjust(61_000)
      yield* browser.channel("from-browser").publish("again", "after expiry")
      expect(yield* Ref.get(callbacks)).toBe(2)
      expect(yield* Effect.map(server.channel("from-browser").historyPage(), (page) => page.items.length)).toBe(2)
      expect(app.keys).toHaveLength(6)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("single flight against the emulator: 25 concurrent publishes, one token request", () =>
    Effect.gen(function*() {
      const { app, emulator } = yield* emulatedRest()
      const rest = yield* Effect.provide(Rest.Rest, Rest.layer({ key: app.keys[0]!.keyStr, useTokenAuth: true }))
      yield* Effect.all(Array.from({ length: 25 }, (_, i) => rest.channel("burst").publish(`m${i}`, i.toString())), {
        concurrency: "unbounded"
      })
      expect(yield* emulator.tokenRequestsServed(app.appId)).toBe(1)
      expect(yield* Effect.map(emulator.messages(app.appId, "burst"), (m) => m.length)).toBe(25)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSA6 - a token restricted to one channel is refused elsewhere with 40160", () =>
    Effect.gen(function*() {
      const { app } = yield* emulatedRest()
      const rest = yield* Effect.provide(
        Rest.Rest,
        Rest.layer({
          key: app.keys[0]!.keyStr,
          useTokenAuth: true,
          defaultTokenParams: { capability: { "allowed": ["publish"] } }
        })
      )
      yield* rest.channel("allowed").publish("n", "d")
      const error = yield* Effect.flip(rest.channel("forbidden").publish("n", "d"))
      expect(error).toMatchObject({ code: 40160, statusCode: 401 })
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("JWTs from an authCallback authenticate, and an expired JWT is renewed", () =>
    Effect.gen(function*() {
      const { app } = yield* emulatedRest()
      const key = app.keys[0]!
      const issued = yield* Ref.make(0)
      const rest = yield* Effect.provide(
        Rest.Rest,
        Rest.layer({
          authCallback: () =>
            Effect.gen(function*() {
              yield* Ref.update(issued, (n) => n + 1)
              const now = yield* TestClock.currentTimeMillis
              return yield* Emulator.Jwt.sign({
                keyName: key.keyName,
                keySecret: key.keySecret,
                issued: now,
                expires: now + 30_000,
                clientId: "jwt-user"
              })
            })
        })
      )
      yield* rest.channel("jwt").publish("n", "d")
      expect(yield* rest.auth.clientId).toEqual(Option.none())
      yield* TestClock.adjust(31_000)
      yield* rest.channel("jwt").publish("n", "d")
      // The JWT's exp was read, so the renewal happened before sending, not after a 40142.
      expect(yield* Ref.get(issued)).toBe(2)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSA17 - revoked tokens fail with 40141; a renewable client gets a new token", () =>
    Effect.gen(function*() {
      const { app, rest: admin } = yield* emulatedRest({}, 4)
      const user = yield* Effect.provide(
        Rest.Rest,
        Rest.layer({ key: app.keys[4]!.keyStr, useTokenAuth: true, clientId: "revokee" })
      )
      yield* user.channel("r").publish("n", "before")
      yield* TestClock.adjust(1_000)
      const result = yield* admin.auth.revokeTokens([{ type: "clientId", value: "revokee" }])
      expect(result).toMatchObject({ successCount: 1, failureCount: 0 })
      yield* TestClock.adjust(1_000)
      yield* user.channel("r").publish("n", "after") // 40141, renewed once, retried
      const tokens = yield* Effect.flatMap(Emulator.Emulator, (emulator) => emulator.tokenRequestsServed(app.appId))
      expect(tokens).toBe(2)
      // A client holding only that token string cannot renew: 40171, with the server's 40141 as cause.
      const stuck = yield* Effect.provide(
        Rest.Rest,
        Rest.layer({ token: Option.getOrThrow(yield* user.auth.tokenDetails).token })
      )
      yield* TestClock.adjust(1_000)
      yield* admin.auth.revokeTokens([{ type: "clientId", value: "revokee" }])
      yield* TestClock.adjust(1_000)
      const error = yield* Effect.flip(stuck.channel("r").publish("n", "d"))
      expect(error.code).toBe(40171)
      expect(error.cause).toMatchObject({ code: 40141 })
    }).pipe(Effect.provide(Emulator.layer)))
})

// A live clock running `behind` ms late.
const lateClock = (behind: number): Clock.Clock => {
  const live = Clock.make()
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => live.unsafeCurrentTimeMillis() - behind,
    currentTimeMillis: Effect.sync(() => live.unsafeCurrentTimeMillis() - behind),
    unsafeCurrentTimeNanos: () => live.unsafeCurrentTimeNanos() - BigInt(behind) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => live.unsafeCurrentTimeNanos() - BigInt(behind) * 1_000_000n),
    sleep: (duration) => live.sleep(duration)
  }
}

// The loopback server runs on the live clock while the client's clock is 10 minutes late, far
// outside the ±2 minute window: queryTime must absorb the skew (RSA9d).
layer(EmulatorServer.layerServer({ port: 0 }), { excludeTestServices: true })("clock skew", (it) => {
  it.scoped("RSA9d - without queryTime the server refuses the timestamp (40104); with it, it accepts", () =>
    Effect.gen(function*() {
      const { host, port } = yield* EmulatorServer.EmulatorAddress
      const app = yield* Effect.flatMap(Emulator.Emulator, (emulator) => emulator.createApp())
      const client = (queryTime: boolean) =>
        Effect.map(
          Layer.build(
            NodeRest.layer({
              key: app.keys[0]!.keyStr,
              endpoint: host,
              port,
              tls: false,
              useTokenAuth: true,
              queryTime
            })
          ),
          (context) => Context.get(context, Rest.Rest)
        )
      const skewed = yield* client(false)
      expect((yield* Effect.flip(skewed.channel("skew").publish("n", "d"))).code).toBe(40104)
      const corrected = yield* client(true)
      yield* corrected.channel("skew").publish("n", "d")
      expect(yield* corrected.auth.method).toBe("token")
    }).pipe(Effect.withClock(lateClock(10 * 60_000))))
})
