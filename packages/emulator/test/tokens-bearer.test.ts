import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, decodeMessages, keyOf, messagesPath } from "./support.js"
import { ablyJwt, base64Text, expectError, fetchToken, makeJwt, splitKey } from "./tokensSupport.js"

const now = 1_700_000_000_000

const publishWith = (authorization: string, channel: string, data = "x") =>
  call("POST", messagesPath(channel), { headers: { authorization }, body: [{ name: "n", data }] })

const historyWith = (authorization: string, channel: string) =>
  call("GET", messagesPath(channel), { headers: { authorization } })

layer(emulatorLayer)("Bearer auth", (it) => {
  describe("RSA3 - Ably tokens", () => {
    it.effect("RSA3b - a token works raw and base64-encoded, to publish and read history", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const { token } = yield* fetchToken(keyOf(app, 0))
        expect((yield* publishWith(`Bearer ${token}`, "tok", "raw")).status).toBe(201)
        expect((yield* publishWith(`Bearer ${base64Text(token)}`, "tok", "base64")).status).toBe(201)
        const raw = yield* historyWith(`Bearer ${token}`, "tok")
        expect(raw.status).toBe(200)
        expect(decodeMessages(raw.body).map((m) => m.data)).toEqual(["base64", "raw"])
        const encoded = yield* historyWith(`Bearer ${base64Text(token)}`, "tok")
        expect(decodeMessages(encoded.body)).toHaveLength(2)
      }))

    it.effect("RSA4b - an expired token is 401 / 40142 (TestClock drives expiry)", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const { token } = yield* fetchToken(keyOf(app, 0), { ttl: 10_000 })
        yield* TestClock.adjust("9999 millis")
        expect((yield* historyWith(`Bearer ${token}`, "x")).status).toBe(200)
        yield* TestClock.adjust("1 millis")
        expectError(yield* historyWith(`Bearer ${token}`, "x"), 401, 40142)
        expectError(yield* historyWith(`Bearer ${base64Text(token)}`, "x"), 401, 40142)
      }))

    it.effect("an unknown token is 401 / 40143, raw or base64; a token of a deleted app too", () =>
      Effect.gen(function*() {
        expectError(yield* historyWith("Bearer abc", "x"), 401, 40143)
        expectError(yield* historyWith(`Bearer ${base64Text("app.unknownToken")}`, "x"), 401, 40143)
        const app = yield* createTestApp
        const { token } = yield* fetchToken(keyOf(app, 0))
        yield* Effect.flatMap(Emulator, (emulator) => emulator.deleteApp(app.appId))
        expectError(yield* historyWith(`Bearer ${token}`, "x"), 401, 40143)
      }))

    it.effect("capabilities are enforced per operation and channel, wildcards included", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const auth = (token: string) => `Bearer ${token}`
        const narrow =
          (yield* fetchToken(keyOf(app, 0), { capability: "{\"news\":[\"publish\"],\"ns:*\":[\"history\"]}" })).token
        expect((yield* publishWith(auth(narrow), "news")).status).toBe(201)
        expectError(yield* historyWith(auth(narrow), "news"), 401, 40160)
        expectError(yield* publishWith(auth(narrow), "other"), 401, 40160)
        expect((yield* historyWith(auth(narrow), "ns:a:b")).status).toBe(200)
        expectError(yield* publishWith(auth(narrow), "ns:a"), 401, 40160)

        // '*' covers unqualified channels only; '[*]*' (key 5) covers qualified ones too.
        const star = (yield* fetchToken(keyOf(app, 0), { capability: "{\"[*]*\":[\"*\"]}" })).token
        expect((yield* publishWith(auth(star), "plain")).status).toBe(201)
        expectError(yield* publishWith(auth(star), "[meta]log"), 401, 40160)
        const qualified = (yield* fetchToken(keyOf(app, 5))).token
        expect((yield* publishWith(auth(qualified), "[meta]log")).status).toBe(201)

        // A token of key 1 never exceeds the key: canpublish:* may publish, not subscribe-only channels.
        const key1 = (yield* fetchToken(keyOf(app, 1))).token
        expect((yield* publishWith(auth(key1), "canpublish:x")).status).toBe(201)
        expectError(yield* publishWith(auth(key1), "cansubscribe:x"), 401, 40160)
      }))

    it.effect("RSA7 / RSL1m - a token's clientId is stamped on its messages; another clientId is 400 / 40012", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const alice = `Bearer ${(yield* fetchToken(key, { clientId: "alice" })).token}`
        const wildcard = `Bearer ${(yield* fetchToken(key, { clientId: "*" })).token}`
        const send = (authorization: string, body: unknown) =>
          call("POST", messagesPath("who"), { headers: { authorization }, body })
        expect((yield* send(alice, [{ name: "implicit" }, { name: "explicit", clientId: "alice" }])).status).toBe(201)
        expectError(yield* send(alice, [{ name: "forged", clientId: "mallory" }]), 400, 40012)
        expect((yield* send(wildcard, [{ name: "any", clientId: "bob" }, { name: "anonymous" }])).status).toBe(201)
        const history = decodeMessages((yield* call("GET", `${messagesPath("who")}?direction=forwards`, { key })).body)
        expect(history.map((m) => [m.name, m.clientId])).toEqual([
          ["implicit", "alice"],
          ["explicit", "alice"],
          ["any", "bob"],
          ["anonymous", undefined]
        ])
      }))

    it.effect("issueToken (in process) gives a working token that is not counted as a request", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const emulator = yield* Emulator
        const { keyName } = splitKey(keyOf(app, 0))
        const details = yield* emulator.issueToken(app.appId, keyName, {
          clientId: "direct",
          capability: "{\"d\":[\"publish\"]}"
        })
        expect(details).toMatchObject({ keyName, clientId: "direct", issued: now, expires: now + 3_600_000 })
        expect((yield* publishWith(`Bearer ${details.token}`, "d")).status).toBe(201)
        expect(yield* emulator.tokenRequestsServed(app.appId)).toBe(0)
        expect((yield* emulator.tokens(app.appId)).map((token) => [token.token, token.via])).toEqual([[
          details.token,
          "handle"
        ]])
        const subscribeOnly = splitKey(keyOf(app, 3)).keyName
        const failure = yield* Effect.flip(
          emulator.issueToken(app.appId, subscribeOnly, { capability: "{\"*\":[\"publish\"]}" })
        )
        expect(failure.code).toBe(40160)
        expect((yield* Effect.flip(emulator.issueToken(app.appId, "nope.nope"))).code).toBe(40400)
      }))
  })

  describe("JWTs", () => {
    it.effect("an Ably JWT signed with the key authenticates, raw or base64; its capability is limited by the key", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const jwt = yield* ablyJwt(keyOf(app, 0), {
          "x-ably-capability": "{\"jwt\":[\"publish\",\"history\"]}",
          "x-ably-clientId": "j"
        })
        expect((yield* publishWith(`Bearer ${jwt}`, "jwt")).status).toBe(201)
        expect((yield* historyWith(`Bearer ${base64Text(jwt)}`, "jwt")).status).toBe(200)
        expectError(yield* publishWith(`Bearer ${jwt}`, "other"), 401, 40160)
        const limited = yield* ablyJwt(keyOf(app, 3), { "x-ably-capability": "{\"*\":[\"publish\",\"subscribe\"]}" })
        expectError(yield* publishWith(`Bearer ${limited}`, "any"), 401, 40160)
        const keysOwn = yield* ablyJwt(keyOf(app, 1))
        expect((yield* publishWith(`Bearer ${keysOwn}`, "canpublish:x")).status).toBe(201)
      }))

    it.effect("an expired JWT is 401 / 40142", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const jwt = yield* ablyJwt(keyOf(app, 0), {}, 60)
        expect((yield* historyWith(`Bearer ${jwt}`, "x")).status).toBe(200)
        yield* TestClock.adjust("61 seconds")
        expectError(yield* historyWith(`Bearer ${jwt}`, "x"), 401, 40142)
      }))

    it.effect("a bad signature, no kid, other alg or malformed claims is 401 / 40144", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const { keyName, keySecret } = splitKey(keyOf(app, 0))
        const seconds = now / 1000
        const claims = { iat: seconds, exp: seconds + 3600 }
        const header = { typ: "JWT", alg: "HS256", kid: keyName }
        const cases = [
          yield* makeJwt("wrong secret", header, claims),
          yield* makeJwt(keySecret, { ...header, alg: "HS384" }, claims),
          yield* makeJwt(keySecret, { typ: "JWT", alg: "HS256" }, claims),
          yield* makeJwt(keySecret, header, { iat: seconds }),
          yield* makeJwt(keySecret, header, { ...claims, "x-ably-capability": "{not json" }),
          `${(yield* makeJwt(keySecret, header, claims)).split(".").slice(0, 2).join(".")}.`
        ]
        for (const jwt of cases) expectError(yield* historyWith(`Bearer ${jwt}`, "x"), 401, 40144)
      }))

    it.effect("a JWT whose kid names no known app or key is 404 / 40400, as Ably answers (not a token error)", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const { keySecret } = splitKey(keyOf(app, 0))
        const seconds = now / 1000
        const claims = { iat: seconds, exp: seconds + 3600 }
        for (const kid of [`${app.appId}.nokey`, "noapp.nokey"]) {
          const jwt = yield* makeJwt(keySecret, { typ: "JWT", alg: "HS256", kid }, claims)
          expectError(yield* historyWith(`Bearer ${jwt}`, "x"), 404, 40400)
        }
      }))
  })
})
