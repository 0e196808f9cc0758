import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, keyOf, messagesPath } from "./support.js"
import { ablyJwt, bearer, expectError, fetchToken, revokeTokensPath, splitKey } from "./tokensSupport.js"

const now = 1_700_000_000_000
const revocable = 4

const useToken = (token: string) => call("GET", messagesPath("x"), { headers: bearer(token) })

const revoke = (keyStr: string, body: unknown) =>
  call("POST", revokeTokensPath(splitKey(keyStr).keyName), { key: keyStr, body })

layer(emulatorLayer)("POST /keys/:keyName/revokeTokens", (it) => {
  describe("RSA17 - revocation", () => {
    it.effect("revoking a clientId makes its earlier tokens fail with 401 / 40141", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, revocable)
        const alice = (yield* fetchToken(key, { clientId: "alice" })).token
        const bob = (yield* fetchToken(key, { clientId: "bob" })).token
        yield* TestClock.adjust("1 second")
        const reply = yield* revoke(key, { targets: ["clientId:alice"] })
        expect(reply.status).toBe(201)
        expect(reply.body).toEqual({
          successCount: 1,
          failureCount: 0,
          results: [{ target: "clientId:alice", issuedBefore: now + 1000, appliesAt: now + 1000 }]
        })
        expectError(yield* useToken(alice), 401, 40141)
        expect((yield* useToken(bob)).status).toBe(200)
        // A token issued after the revocation is not affected.
        yield* TestClock.adjust("1 millis")
        const fresh = (yield* fetchToken(key, { clientId: "alice" })).token
        expect((yield* useToken(fresh)).status).toBe(200)
      }))

    it.effect("RSA17f - allowReauthMargin delays enforcement by 30 seconds; issuedBefore bounds what is revoked", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, revocable)
        const early = (yield* fetchToken(key, { clientId: "c" })).token
        yield* TestClock.adjust("10 seconds")
        const late = (yield* fetchToken(key, { clientId: "c" })).token
        yield* TestClock.adjust("10 seconds")
        const reply = yield* revoke(key, {
          targets: ["clientId:c"],
          issuedBefore: now + 5_000,
          allowReauthMargin: true
        })
        expect(reply.status).toBe(201)
        expect(reply.body).toMatchObject({ results: [{ issuedBefore: now + 5_000, appliesAt: now + 50_000 }] })
        yield* TestClock.adjust("29999 millis")
        expect((yield* useToken(early)).status).toBe(200)
        yield* TestClock.adjust("1 millis")
        expectError(yield* useToken(early), 401, 40141)
        expect((yield* useToken(late)).status).toBe(200)
      }))

    it.effect("revocationKey targets JWTs carrying x-ably-revocation-key; channel targets tokens reaching the channel", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, revocable)
        const marked = yield* ablyJwt(key, { "x-ably-revocation-key": "group-1" })
        const unmarked = yield* ablyJwt(key, { "x-ably-capability": "{\"sport\":[\"history\"]}" })
        const onNews = (yield* fetchToken(key, { capability: "{\"news\":[\"history\"]}" })).token
        const elsewhere = (yield* fetchToken(key, { capability: "{\"sport\":[\"history\"]}" })).token
        yield* TestClock.adjust("2 seconds")
        const reply = yield* revoke(key, { targets: ["revocationKey:group-1", "channel:news"] })
        expect(reply.body).toMatchObject({ successCount: 2, failureCount: 0 })
        expectError(yield* useToken(marked), 401, 40141)
        expect((yield* call("GET", messagesPath("sport"), { headers: bearer(unmarked) })).status).toBe(200)
        expectError(yield* call("GET", messagesPath("news"), { headers: bearer(onNews) }), 401, 40141)
        expect((yield* call("GET", messagesPath("sport"), { headers: bearer(elsewhere) })).status).toBe(200)
      }))

    it.effect("unknown target types and empty values are per-target failures", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const reply = yield* revoke(keyOf(app, revocable), {
          targets: ["clientId:ok", "device:x", "clientId:", "nocolon"]
        })
        expect(reply.status).toBe(201)
        expect(reply.body).toMatchObject({
          successCount: 1,
          failureCount: 3,
          results: [
            { target: "clientId:ok" },
            { target: "device:x", error: { code: 40000, statusCode: 400 } },
            { target: "clientId:", error: { code: 40000, statusCode: 400 } },
            { target: "nocolon", error: { code: 40000, statusCode: 400 } }
          ]
        })
      }))

    it.effect("the emulator handle revokes too, with the same answer", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, revocable)
        const emulator = yield* Emulator
        const token = (yield* fetchToken(key, { clientId: "h" })).token
        yield* TestClock.adjust("1 second")
        const batch = yield* emulator.revokeTokens(app.appId, splitKey(key).keyName, { targets: ["clientId:h"] })
        expect(batch).toEqual({
          successCount: 1,
          failureCount: 0,
          results: [{ target: "clientId:h", issuedBefore: now + 1000, appliesAt: now + 1000 }]
        })
        expectError(yield* useToken(token), 401, 40141)
      }))
  })

  describe("refusals", () => {
    it.effect("a key without revocable tokens is 400 / 40121", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        expectError(yield* revoke(keyOf(app, 0), { targets: ["clientId:x"] }), 400, 40121)
      }))

    it.effect("a Bearer principal is 401 / 40162; another key's credentials 401 / 40102; none 401 / 40101", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, revocable)
        const path = revokeTokensPath(splitKey(key).keyName)
        const { token } = yield* fetchToken(key)
        const body = { targets: ["clientId:x"] }
        expectError(yield* call("POST", path, { headers: bearer(token), body }), 401, 40162)
        expectError(yield* call("POST", path, { key: keyOf(app, 0), body }), 401, 40102)
        expectError(yield* call("POST", path, { body }), 401, 40101)
      }))

    it.effect("issuedBefore in the future or over an hour ago, or no targets, is 400 / 40003; a bad body 400 / 40001", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, revocable)
        const targets = ["clientId:x"]
        expectError(yield* revoke(key, { targets, issuedBefore: now + 1 }), 400, 40003)
        expectError(yield* revoke(key, { targets, issuedBefore: now - 3_600_001 }), 400, 40003)
        expect((yield* revoke(key, { targets, issuedBefore: now - 3_600_000 })).status).toBe(201)
        expectError(yield* revoke(key, { targets: [] }), 400, 40003)
        expectError(yield* revoke(key, { targets: "clientId:x" }), 400, 40001)
      }))
  })
})
