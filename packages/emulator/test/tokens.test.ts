import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { basic, call, createTestApp, keyOf } from "./support.js"
import {
  decodeTokenDetails,
  expectError,
  fetchToken,
  requestTokenPath,
  signedTokenRequest,
  splitKey
} from "./tokensSupport.js"

const now = 1_700_000_000_000
const hour = 3_600_000

layer(emulatorLayer)("POST /keys/:keyName/requestToken", (it) => {
  describe("RSA8 - signed TokenRequests", () => {
    it.effect("RSA9 - a correctly signed request gets TokenDetails (JSON and msgpack)", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const body = yield* signedTokenRequest(key)
        const reply = yield* call("POST", requestTokenPath(body.keyName), { body })
        expect(reply.status).toBe(200)
        expect(reply.contentType).toBe("application/json")
        const details = decodeTokenDetails(reply.body)
        expect(details).toEqual({
          token: details.token,
          keyName: splitKey(key).keyName,
          issued: now,
          expires: now + hour,
          capability: "{\"*\":[\"*\"]}"
        })
        // Opaque and unguessable: well over 16 random bytes, never mistaken for a JWT.
        expect(details.token.length).toBeGreaterThanOrEqual(22)
        expect(details.token.split(".").length).toBeLessThan(3)

        const overMsgpack = yield* call("POST", requestTokenPath(body.keyName), {
          protocol: "msgpack",
          body: yield* signedTokenRequest(key, { clientId: "packed" })
        })
        expect(overMsgpack.status).toBe(200)
        expect(overMsgpack.contentType).toBe("application/x-msgpack")
        expect(decodeTokenDetails(overMsgpack.body)).toMatchObject({ clientId: "packed", issued: now })
        expect(overMsgpack.body).not.toHaveProperty("token", details.token)

        const emulator = yield* Emulator
        expect(yield* emulator.tokenRequestsServed(app.appId)).toBe(2)
        expect((yield* emulator.tokens(app.appId)).map((token) => token.clientId)).toEqual([undefined, "packed"])
      }))

    it.effect("a wrong mac is 401 / 40101; the mac covers every signed field", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const body = yield* signedTokenRequest(key, { ttl: 60_000 })
        const path = requestTokenPath(body.keyName)
        expectError(yield* call("POST", path, { body: { ...body, ttl: 120_000 } }), 401, 40101)
        expectError(yield* call("POST", path, { body: { ...body, clientId: "someone" } }), 401, 40101)
        expectError(yield* call("POST", path, { body: { ...body, mac: "not base64!" } }), 401, 40101)
        const wrongSecret = yield* signedTokenRequest(`${splitKey(key).keyName}:not-the-secret`)
        expectError(yield* call("POST", path, { body: wrongSecret }), 401, 40101)
        expect(yield* Effect.flatMap(Emulator, (emulator) => emulator.tokenRequestsServed(app.appId))).toBe(0)
      }))

    it.effect("RSA9c - a replayed nonce is 401 / 40105; a fresh nonce is fine", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const body = yield* signedTokenRequest(key, { nonce: "1234567890123456" })
        const path = requestTokenPath(body.keyName)
        expect((yield* call("POST", path, { body })).status).toBe(200)
        expectError(yield* call("POST", path, { body }), 401, 40105)
        yield* TestClock.adjust("1 second")
        const again = yield* signedTokenRequest(key, { nonce: "1234567890123456" })
        expectError(yield* call("POST", path, { body: again }), 401, 40105)
        // Nonces are per key: the same nonce is fresh for another key.
        const otherKey = yield* signedTokenRequest(keyOf(app, 1), { nonce: "1234567890123456" })
        expect((yield* call("POST", requestTokenPath(otherKey.keyName), { body: otherKey })).status).toBe(200)
      }))

    it.effect("RSA9d - a timestamp more than 2 minutes from the server's clock is 401 / 40104", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const path = requestTokenPath(splitKey(key).keyName)
        const stale = yield* signedTokenRequest(key, { timestamp: now - 121_000 })
        expectError(yield* call("POST", path, { body: stale }), 401, 40104)
        const ahead = yield* signedTokenRequest(key, { timestamp: now + 121_000 })
        expectError(yield* call("POST", path, { body: ahead }), 401, 40104)
        const late = yield* signedTokenRequest(key, { timestamp: now - 119_000 })
        expect((yield* call("POST", path, { body: late })).status).toBe(200)
        // A request signed now is stale once the server's clock moves on.
        const signed = yield* signedTokenRequest(key)
        yield* TestClock.adjust("3 minutes")
        expectError(yield* call("POST", path, { body: signed }), 401, 40104)
      }))

    it.effect("body keyName must match the path (400 / 40000); unknown key 401 / 40101, unknown app 404 / 40400", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const body = yield* signedTokenRequest(keyOf(app, 0))
        expectError(yield* call("POST", requestTokenPath(splitKey(keyOf(app, 1)).keyName), { body }), 400, 40000)
        const unknownKey = yield* signedTokenRequest(`${app.appId}.nokey:secret`)
        expectError(yield* call("POST", requestTokenPath(unknownKey.keyName), { body: unknownKey }), 401, 40101)
        const unknownApp = yield* signedTokenRequest("noapp.nokey:secret")
        expectError(yield* call("POST", requestTokenPath(unknownApp.keyName), { body: unknownApp }), 404, 40400)
        expectError(
          yield* call("POST", requestTokenPath(body.keyName), { body: { ...body, ttl: "60000" } }),
          400,
          40001
        )
      }))
  })

  describe("RSA5 / RSA6 - ttl and capability", () => {
    it.effect("ttl defaults to 1 hour, may be 24 hours, must be positive and at most 24 hours (400 / 40003)", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        expect((yield* fetchToken(key, { ttl: 5_000 })).expires).toBe(now + 5_000)
        expect((yield* fetchToken(key, { ttl: 24 * hour })).expires).toBe(now + 24 * hour)
        // Ably refuses a longer ttl rather than capping it.
        for (const ttl of [0, -1, 24 * hour + 1, 48 * hour]) {
          const body = yield* signedTokenRequest(key, { ttl })
          expectError(yield* call("POST", requestTokenPath(body.keyName), { body }), 400, 40003)
        }
      }))

    it.effect("the token's capability is the requested one intersected with the key's, in canonical form", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const full = keyOf(app, 0)
        const key1 = keyOf(app, 1)
        expect(
          (yield* fetchToken(full, { capability: "{\"b\":[\"subscribe\",\"publish\"],\"a\":[\"history\"]}" }))
            .capability
        ).toBe(
          "{\"a\":[\"history\"],\"b\":[\"publish\",\"subscribe\"]}"
        )
        // No capability requested: the key's own.
        expect(JSON.parse((yield* fetchToken(key1)).capability)).toEqual({
          "canpublish:*": ["publish"],
          "canpublish:andpresence": ["presence", "publish"],
          "cansubscribe:*": ["subscribe"],
          "pushenabled:*": ["publish", "push-subscribe", "subscribe"],
          "pushenabled:admin:*": ["publish", "push-admin", "subscribe"]
        })
        expect((yield* fetchToken(key1, { capability: "{\"*\":[\"publish\",\"subscribe\"]}" })).capability).toBe(
          "{\"canpublish:*\":[\"publish\"],\"canpublish:andpresence\":[\"publish\"],\"cansubscribe:*\":[\"subscribe\"]," +
            "\"pushenabled:*\":[\"publish\",\"subscribe\"],\"pushenabled:admin:*\":[\"publish\",\"subscribe\"]}"
        )
        expect((yield* fetchToken(key1, { capability: "{\"cansubscribe:news\":[\"*\"]}" })).capability).toBe(
          "{\"cansubscribe:news\":[\"subscribe\"]}"
        )
      }))

    it.effect("a capability the key does not grant at all is 401 / 40160; invalid JSON 400 / 40000", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        for (
          const [index, capability] of [
            [1, "{\"other\":[\"publish\"]}"],
            [1, "{\"cansubscribe:*\":[\"publish\"]}"],
            [3, "{\"*\":[\"publish\"]}"]
          ] as const
        ) {
          const body = yield* signedTokenRequest(keyOf(app, index), { capability })
          expectError(yield* call("POST", requestTokenPath(body.keyName), { body }), 401, 40160)
        }
        const body = yield* signedTokenRequest(keyOf(app, 0), { capability: "{not json" })
        expectError(yield* call("POST", requestTokenPath(body.keyName), { body }), 400, 40000)
      }))

    it.effect("clientId is kept as requested, '*' included; an empty clientId is 400 / 40012", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        expect((yield* fetchToken(key, { clientId: "alice" })).clientId).toBe("alice")
        expect((yield* fetchToken(key, { clientId: "*" })).clientId).toBe("*")
        const body = yield* signedTokenRequest(key, { clientId: "" })
        expectError(yield* call("POST", requestTokenPath(body.keyName), { body }), 400, 40012)
      }))
  })

  describe("unsigned requests (TokenParams with Basic auth)", () => {
    it.effect("need Basic auth with the same key", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const path = requestTokenPath(splitKey(key).keyName)
        const reply = yield* call("POST", path, {
          key,
          body: { clientId: "bob", ttl: 10_000, capability: "{\"x\":[\"publish\"]}" }
        })
        expect(reply.status).toBe(200)
        expect(decodeTokenDetails(reply.body)).toMatchObject({
          clientId: "bob",
          issued: now,
          expires: now + 10_000,
          capability: "{\"x\":[\"publish\"]}"
        })
        expectError(yield* call("POST", path, { body: { clientId: "bob" } }), 401, 40101)
        expectError(yield* call("POST", path, { key: keyOf(app, 1), body: {} }), 401, 40102)
        expectError(
          yield* call("POST", path, { headers: { authorization: basic(`${splitKey(key).keyName}:wrong`) }, body: {} }),
          401,
          40101
        )
        const token = decodeTokenDetails(reply.body).token
        expectError(yield* call("POST", path, { headers: { authorization: `Bearer ${token}` }, body: {} }), 401, 40162)
        expect(yield* Effect.flatMap(Emulator, (emulator) => emulator.tokenRequestsServed(app.appId))).toBe(1)
      }))
  })
})
