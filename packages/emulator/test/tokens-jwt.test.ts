import { Rest } from "@effect-ably/core"
import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import { Emulator, Jwt, layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, decodeMessages, keyOf, messagesPath } from "./support.js"
import { base64Text, expectError, fetchToken, makeJwt, splitKey } from "./tokensSupport.js"

const now = 1_700_000_000_000
const seconds = now / 1000

const historyWith = (authorization: string, channel: string) =>
  call("GET", messagesPath(channel), { headers: { authorization } })
const publishWith = (authorization: string, channel: string) =>
  call("POST", messagesPath(channel), { headers: { authorization }, body: [{ name: "n", data: "d" }] })

layer(emulatorLayer)("JWTs as Ably reads them", (it) => {
  describe("a JWT embedding an Ably token (x-ably-token)", () => {
    it.effect("stands for that token: its capability, clientId and expiry (header or claim, any alg)", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const details = yield* fetchToken(keyOf(app, 0), {
          capability: "{\"embedded\":[\"publish\",\"history\"]}",
          clientId: "inner",
          ttl: 600_000
        })
        // The customer's own JWT, signed with a secret the emulator does not know.
        const inHeader = yield* makeJwt("customer secret", {
          typ: "JWT",
          alg: "HS256",
          "x-ably-token": details.token
        }, { exp: seconds + 300 })
        const inClaims = yield* makeJwt("other secret", { typ: "JWT", alg: "HS512" }, {
          "x-ably-token": details.token,
          iat: seconds
        })
        for (const jwt of [inHeader, inClaims]) {
          expect((yield* publishWith(`Bearer ${jwt}`, "embedded")).status).toBe(201)
          expect((yield* historyWith(`Bearer ${base64Text(jwt)}`, "embedded")).status).toBe(200)
          expectError(yield* publishWith(`Bearer ${jwt}`, "elsewhere"), 401, 40160)
        }
        const stored = decodeMessages((yield* historyWith(`Bearer ${inHeader}`, "embedded")).body)
        expect(stored.map((message) => message.clientId)).toEqual(["inner", "inner"])
        // The token's expiry rules, not the JWT's.
        yield* TestClock.adjust(600_000)
        expectError(yield* historyWith(`Bearer ${inClaims}`, "embedded"), 401, 40142)
      }))

    it.effect("an unknown embedded token is 401 / 40143; a JWT outliving its token is 401 / 40144", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const app = yield* createTestApp
        const unknown = yield* makeJwt("s", { alg: "HS256" }, {
          "x-ably-token": `${app.appId}.nope`,
          exp: seconds + 60
        })
        expectError(yield* historyWith(`Bearer ${unknown}`, "x"), 401, 40143)
        const details = yield* fetchToken(keyOf(app, 0), { ttl: 60_000 })
        const outliving = yield* makeJwt("s", { alg: "HS256", "x-ably-token": details.token }, { exp: seconds + 3600 })
        expectError(yield* historyWith(`Bearer ${outliving}`, "x"), 401, 40144)
      }))
  })

  describe("RSA4b - a JWT signed with an unknown key", () => {
    it.effect("our SDK's authCallback returning it fails once with the typed 404 / 40400, no renewal loop", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now)
        const emulator = yield* Emulator
        const app = yield* createTestApp
        const { keySecret } = splitKey(keyOf(app, 0))
        const calls = yield* Ref.make(0)
        const rest = yield* Effect.provide(
          Rest.Rest,
          Rest.layer({
            authCallback: () =>
              Effect.zipRight(
                Ref.update(calls, (n) => n + 1),
                Jwt.sign({
                  keyName: `${app.appId}.unknownkey`,
                  keySecret,
                  issued: now,
                  expires: now + 3_600_000
                })
              )
          })
        )
        const error = yield* Effect.flip(rest.channel("jwt-unknown").publish("n", "d"))
        expect([error._tag, error.code, error.statusCode]).toEqual(["AblyError", 40400, 404])
        expect(yield* Ref.get(calls)).toBe(1)
        expect(yield* emulator.messages(app.appId, "jwt-unknown")).toEqual([])
      }))
  })
})
