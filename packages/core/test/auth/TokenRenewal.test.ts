import { AblyOptions, Errors, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Scope from "effect/Scope"
import * as TestClock from "effect/TestClock"
import * as Auth from "../../src/internal/auth/Auth.js"
import * as Transport from "../../src/internal/http/Transport.js"
import { emulatedRest } from "../integration/emulated.js"
import type { Seen } from "../utils/FakeHttp.js"
import { fakeHttp, json } from "../utils/FakeHttp.js"
import { restWith } from "../utils/restWith.js"

const tokenError = () => json(401, { error: { code: 40142, statusCode: 401, message: "Token expired" } })
const bearerOf = (seen: Seen) => atob((seen.headers["authorization"] ?? "").replace(/^Bearer /, ""))
// The server rejects the initial token and accepts any other.
const rejectInitial = (seen: Seen) => bearerOf(seen) === "initial" ? tokenError() : json(200, [])

const waves = 50
const concurrently = <A, E>(effect: Effect.Effect<A, E>, n = waves) =>
  Effect.all(Array.from({ length: n }, () => effect), { concurrency: "unbounded" })

// Lets every forked fiber run until it waits on something (a Deferred, a sleep).
const settle = Effect.repeatN(Effect.yieldNow(), 50)

// A callback that counts its calls and answers with `answer(n)` for the n-th call.
const counted = (answer: (n: number) => Effect.Effect<unknown, unknown>) =>
  Effect.map(Ref.make(0), (calls) => ({
    calls,
    authCallback: () => Effect.flatMap(Ref.updateAndGet(calls, (c) => c + 1), answer)
  }))

describe("single-flight renewal (RSA4b, RSC10)", () => {
  it.effect("RSA4b - 50 concurrent 40142 with a throwing authCallback: 1 call, 50 × 40170; the next wave calls it once more", () =>
    Effect.gen(function*() {
      let calls = 0
      const authCallback = () => {
        calls++
        throw new Error("auth server down")
      }
      const { rest, seen } = yield* restWith({ token: "initial", authCallback }, rejectInitial)
      const first = yield* concurrently(Effect.flip(rest.channel("c").historyPage()))
      expect(calls).toBe(1)
      expect(first.map((error) => error.code)).toEqual(Array(waves).fill(40170))
      expect(first.every((error) => String(error.cause).includes("auth server down"))).toBe(true)
      expect(yield* Ref.get(seen)).toHaveLength(waves) // each sent once, none retried

      // The failure is not cached: the next wave tries once more, and shares that attempt too.
      const second = yield* concurrently(Effect.flip(rest.channel("c").historyPage()))
      expect(calls).toBe(2)
      expect(second.map((error) => error.code)).toEqual(Array(waves).fill(40170))
      expect(yield* Ref.get(seen)).toHaveLength(waves) // no token, so nothing sent
    }))

  it.effect("RSA4e - 50 concurrent 40142 with a hanging authCallback: 1 call, 50 × 40170 after ONE timeout", () =>
    Effect.gen(function*() {
      const { authCallback, calls } = yield* counted(() => Effect.never)
      const { rest } = yield* restWith({ token: "initial", authCallback, httpRequestTimeout: 5_000 }, rejectInitial)
      const fiber = yield* Effect.fork(concurrently(Effect.flip(rest.channel("c").historyPage())))
      yield* settle
      yield* TestClock.adjust(5_000) // one timeout, for the whole wave
      const errors = yield* Fiber.join(fiber)
      expect(yield* Ref.get(calls)).toBe(1)
      expect(errors.map((error) => error.code)).toEqual(Array(waves).fill(40170))
      expect(errors[0]!.message).toContain("no token within 5000ms")
    }))

  it.effect("RSA4e - an authCallback that cannot be interrupted still costs one timeout, for the whole wave", () =>
    Effect.gen(function*() {
      const { authCallback, calls } = yield* counted(() => Effect.uninterruptible(Effect.never))
      const { rest } = yield* restWith({ token: "initial", authCallback, httpRequestTimeout: 5_000 }, rejectInitial)
      const fiber = yield* Effect.fork(concurrently(Effect.flip(rest.channel("c").historyPage()), 10))
      yield* settle
      yield* TestClock.adjust(5_000)
      const errors = yield* Fiber.join(fiber)
      expect(yield* Ref.get(calls)).toBe(1)
      expect(errors.map((error) => error.code)).toEqual(Array(10).fill(40170))
    }))

  it.live("RSA4e - measured: a hanging authCallback costs the 50 requests one timeout in total (< 2 × timeout)", () =>
    Effect.gen(function*() {
      // Long enough that a loaded machine's scheduling delay (measured up to ~650 ms on CI) stays
      // far below one more timeout, while 50 timeouts one after another would take 100 s.
      const timeout = 2_000
      const { authCallback, calls } = yield* counted(() => Effect.never)
      const { rest } = yield* restWith({ token: "initial", authCallback, httpRequestTimeout: timeout }, rejectInitial)
      const started = Date.now()
      const errors = yield* concurrently(Effect.flip(rest.channel("c").historyPage()))
      const elapsed = Date.now() - started
      expect(yield* Ref.get(calls)).toBe(1)
      expect(errors.every((error) => error.code === 40170)).toBe(true)
      expect(elapsed).toBeGreaterThanOrEqual(timeout - 5)
      expect(elapsed).toBeLessThan(2 * timeout)
    }))

  it.effect("RSA4b - 50 concurrent 40142 with a succeeding authCallback: 1 call, 50 successes, each retried with the new token", () =>
    Effect.gen(function*() {
      const { authCallback, calls } = yield* counted((n) => Effect.as(Effect.sleep(100), `renewed-${n}`))
      const { rest, seen } = yield* restWith({ token: "initial", authCallback }, rejectInitial)
      const fiber = yield* Effect.fork(concurrently(rest.channel("c").historyPage()))
      yield* settle
      yield* TestClock.adjust(100)
      expect(yield* Fiber.join(fiber)).toHaveLength(waves)
      expect(yield* Ref.get(calls)).toBe(1)
      const sent = (yield* Ref.get(seen)).map(bearerOf)
      expect(sent.filter((token) => token === "initial")).toHaveLength(waves)
      expect(sent.filter((token) => token === "renewed-1")).toHaveLength(waves)
      expect(sent).toHaveLength(2 * waves)
      expect(Option.map(yield* rest.auth.tokenDetails, (details) => Redacted.value(details.token))).toEqual(
        Option.some("renewed-1")
      )
    }))

  it.effect("RSA4b - a synchronous success is shared too: 1 call for 50 rejections", () =>
    Effect.gen(function*() {
      const { authCallback, calls } = yield* counted((n) => Effect.succeed(`renewed-${n}`))
      const { rest, seen } = yield* restWith({ token: "initial", authCallback }, rejectInitial)
      yield* concurrently(rest.channel("c").historyPage())
      expect(yield* Ref.get(calls)).toBe(1)
      expect((yield* Ref.get(seen)).filter((s) => bearerOf(s) === "renewed-1")).toHaveLength(waves)
    }))

  it.effect("single flight - interrupting 1 of 10 waiters (the one that started the fetch) leaves the fetch running for the other 9", () =>
    Effect.gen(function*() {
      const { authCallback, calls } = yield* counted((n) => Effect.as(Effect.sleep(100), `token-${n}`))
      const { rest, seen } = yield* restWith({ authCallback }, () => json(200, []))
      const starter = yield* Effect.fork(rest.channel("c").historyPage())
      yield* settle
      expect(yield* Ref.get(calls)).toBe(1) // the fetch is running, started by `starter`
      const others = yield* Effect.forEach(
        Array.from({ length: 9 }),
        () => Effect.fork(rest.channel("c").historyPage())
      )
      yield* settle
      expect(Exit.isInterrupted(yield* Fiber.interrupt(starter))).toBe(true)
      yield* TestClock.adjust(100)
      const pages = yield* Fiber.join(Fiber.all(others))
      expect(pages).toHaveLength(9)
      expect(yield* Ref.get(calls)).toBe(1)
      expect((yield* Ref.get(seen)).map(bearerOf)).toEqual(Array(9).fill("token-1"))
    }))

  it.effect("single flight - closing the Auth layer's scope interrupts the fetch in flight; its waiters get 40170", () =>
    Effect.gen(function*() {
      const interrupted = yield* Ref.make(false)
      const authCallback = () => Effect.onInterrupt(Effect.never, () => Ref.set(interrupted, true))
      const fake = yield* fakeHttp(() => json(200, []))
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(
        Rest.layer({ authCallback, httpRequestTimeout: 60_000 }).pipe(Layer.provide(fake.layer)),
        scope
      )
      const rest = Context.get(context, Rest.Rest)
      const waiters = yield* Effect.fork(concurrently(Effect.flip(rest.channel("c").historyPage()), 3))
      yield* settle
      yield* Scope.close(scope, Exit.void)
      const errors = yield* Fiber.join(waiters)
      expect(yield* Ref.get(interrupted)).toBe(true)
      expect(errors.map((error) => error.code)).toEqual([40170, 40170, 40170])
      expect(errors[0]!.message).toContain("client was closed")
      expect(yield* Ref.get(fake.seen)).toHaveLength(0)
    }))
})

// The Auth service on its own, to drive `renew` with chosen credentials.
const authWith = (options: Parameters<typeof AblyOptions.layer>[0]) =>
  Effect.gen(function*() {
    const fake = yield* fakeHttp(() => json(200, []))
    const layer = Auth.layer.pipe(
      Layer.provide(Transport.layer),
      Layer.provide(AblyOptions.layer(options)),
      Layer.provide(fake.layer)
    )
    return yield* Effect.provide(Auth.Auth, layer)
  })
const rejected = Errors.ablyError(40142, 401, "Token expired")
const tokenOf = (credentials: Auth.Credentials) =>
  atob(Redacted.value(credentials.authorization).replace(/^Bearer /, ""))

describe("renew(used, rejected)", () => {
  it.effect("RSA4b - a request rejected with an older token than the current one gets the current one, with no fetch", () =>
    Effect.gen(function*() {
      const { authCallback, calls } = yield* counted((n) => Effect.succeed(`token-${n}`))
      const auth = yield* authWith({ authCallback })
      const first = yield* auth.credentials
      const second = yield* auth.renew(first, rejected)
      expect([tokenOf(first), tokenOf(second)]).toEqual(["token-1", "token-2"])
      // A late rejection of token-1 (sent before the renewal) uses token-2.
      expect(tokenOf(yield* auth.renew(first, rejected))).toBe("token-2")
      expect(yield* Ref.get(calls)).toBe(2)
      // token-2 rejected in turn: a new renewal.
      expect(tokenOf(yield* auth.renew(second, rejected))).toBe("token-3")
      expect(yield* Ref.get(calls)).toBe(3)
    }))

  it.effect("RSA4b - a late rejection of the same token shares the failed renewal; the next request tries again", () =>
    Effect.gen(function*() {
      const { authCallback, calls } = yield* counted((n) =>
        n === 1 ? Effect.succeed("token-1") : Effect.fail(new Error(`down ${n}`))
      )
      const auth = yield* authWith({ authCallback })
      const used = yield* auth.credentials
      const failure = yield* Effect.flip(auth.renew(used, rejected))
      expect(failure.code).toBe(40170)
      expect(String(failure.cause)).toContain("down 2")
      const late = yield* Effect.flip(auth.renew(used, rejected))
      expect(late).toBe(failure) // the very same error, no new call
      expect(yield* Ref.get(calls)).toBe(2)
      expect(yield* auth.tokenDetails).toEqual(Option.none()) // the rejected token is not sent again
      const next = yield* Effect.flip(auth.credentials)
      expect(String(next.cause)).toContain("down 3")
      expect(yield* Ref.get(calls)).toBe(3)
    }))

  it.effect("RSA4a2 - a rejected token with no means of renewal gives 40171 with the rejection as cause", () =>
    Effect.gen(function*() {
      const auth = yield* authWith({ token: "only" })
      const error = yield* Effect.flip(auth.renew(yield* auth.credentials, rejected))
      expect(error.code).toBe(40171)
      expect(error.cause).toBe(rejected)
    }))

  it.effect("Basic auth: a token error is returned as is", () =>
    Effect.gen(function*() {
      const auth = yield* authWith({ key: "app.key:secret" })
      expect(yield* Effect.flip(auth.renew(yield* auth.credentials, rejected))).toBe(rejected)
    }))
})

describe("authorize during a renewal (RSA10)", () => {
  it.effect("RSA10 - a renewal that settles after authorize does not overwrite the authorized token", () =>
    Effect.gen(function*() {
      const { authCallback, calls } = yield* counted((n) => Effect.as(Effect.sleep(100), `renewed-${n}`))
      const auth = yield* authWith({ token: "initial", authCallback })
      const used = yield* auth.credentials
      const renewal = yield* Effect.fork(auth.renew(used, rejected))
      yield* settle
      const authorized = yield* Effect.fork(auth.authorize(undefined, {
        authCallback: () => Effect.as(Effect.sleep(10), "authorized")
      }))
      yield* settle
      // A caller that needs a token while authorize runs gets the authorized one.
      const waiting = yield* Effect.fork(auth.credentials)
      yield* settle
      yield* TestClock.adjust(10)
      expect(Redacted.value((yield* Fiber.join(authorized)).token)).toBe("authorized")
      expect(tokenOf(yield* Fiber.join(waiting))).toBe("authorized")
      yield* TestClock.adjust(90)
      expect(tokenOf(yield* Fiber.join(renewal))).toBe("renewed-1") // its waiters still get a token
      expect(tokenOf(yield* auth.credentials)).toBe("authorized")
      expect(Option.map(yield* auth.tokenDetails, (details) => Redacted.value(details.token))).toEqual(
        Option.some("authorized")
      )
      expect(yield* Ref.get(calls)).toBe(1)
    }))

  it.effect("RSA10 - a failed authorize keeps the current token", () =>
    Effect.gen(function*() {
      const auth = yield* authWith({ token: "initial", authCallback: () => "renewed" })
      const error = yield* Effect.flip(auth.authorize(undefined, { authCallback: () => Effect.fail("no") }))
      expect(error.code).toBe(40170)
      expect(tokenOf(yield* auth.credentials)).toBe("initial")
    }))
})

describe("single-flight renewal against the emulator", () => {
  // The callback hands out bare token strings, so the client cannot see the expiry: the
  // emulator's 401/40142 is what triggers the renewal.
  it.effect("RSA4b - 50 concurrent publishes with an expired token: one renewal, 50 stored; a failing renewal: one call, 50 × 40170", () =>
    Effect.gen(function*() {
      const { app, emulator, rest: server } = yield* emulatedRest()
      const calls = yield* Ref.make(0)
      const failing = yield* Ref.make(false)
      const client = yield* Effect.provide(
        Rest.Rest,
        Rest.layer({
          authCallback: () =>
            Effect.gen(function*() {
              yield* Ref.update(calls, (n) => n + 1)
              if (yield* Ref.get(failing)) return yield* Effect.fail(new Error("auth server down"))
              return Redacted.value((yield* server.auth.requestToken({ ttl: 60_000 })).token)
            })
        })
      )
      yield* client.channel("renewal").publish("first", "1")
      expect(yield* Ref.get(calls)).toBe(1)

      yield* TestClock.adjust(61_000)
      // 50 separate publishes (one Effect value re-run would resend the same idempotent ids).
      yield* concurrently(Effect.suspend(() => client.channel("renewal").publish("again", "x")))
      expect(yield* Ref.get(calls)).toBe(2)
      expect(yield* Effect.map(emulator.messages(app.appId, "renewal"), (messages) => messages.length)).toBe(1 + waves)

      yield* TestClock.adjust(61_000)
      yield* Ref.set(failing, true)
      const errors = yield* concurrently(
        Effect.flip(Effect.suspend(() => client.channel("renewal").publish("lost", "x")))
      )
      expect(yield* Ref.get(calls)).toBe(3)
      expect(errors.map((error) => error.code)).toEqual(Array(waves).fill(40170))
      expect(yield* Effect.map(emulator.messages(app.appId, "renewal"), (messages) => messages.length)).toBe(1 + waves)
    }).pipe(Effect.provide(Emulator.layer)))
})
