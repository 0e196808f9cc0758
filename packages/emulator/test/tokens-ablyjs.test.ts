import { describe, expect, it } from "@effect/vitest"
import * as Ably from "ably"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Emulator, Jwt } from "../src/index.js"
import { EmulatorAddress, layerServer } from "../src/server.js"
import { keyOf } from "./support.js"
import { splitKey } from "./tokensSupport.js"

// ably-js signs TokenRequests and sends tokens as base64 Bearer values: both must work as on Ably.
const ErrorInfo = Schema.Struct({ code: Schema.Number, statusCode: Schema.Number })
const failure = <A>(promise: () => Promise<A>) =>
  Effect.map(Effect.flip(Effect.tryPromise(promise)), (error) => Schema.decodeUnknownSync(ErrorInfo)(error.error))

describe("ably-js token auth against the loopback emulator", () => {
  it.live("createTokenRequest + requestToken, then publish, read and revoke with the token", () =>
    Effect.gen(function*() {
      const { host, port } = yield* EmulatorAddress
      const emulator = yield* Emulator
      const app = yield* emulator.createApp()
      const options = { restHost: host, port, tls: false, logLevel: 0 } as const
      const keyClient = new Ably.Rest({ ...options, key: keyOf(app, 4) })

      const tokenRequest = yield* Effect.promise(() =>
        keyClient.auth.createTokenRequest({ clientId: "js-client", capability: { "js:*": ["publish", "history"] } })
      )
      const tokenDetails = yield* Effect.promise(() => keyClient.auth.requestToken(tokenRequest))
      expect(tokenDetails).toMatchObject({
        keyName: splitKey(keyOf(app, 4)).keyName,
        clientId: "js-client",
        capability: "{\"js:*\":[\"history\",\"publish\"]}"
      })
      expect(tokenDetails.expires - tokenDetails.issued).toBe(3_600_000)

      const tokenClient = new Ably.Rest({ ...options, token: tokenDetails.token })
      const channel = tokenClient.channels.get("js:news")
      yield* Effect.promise(() => channel.publish("greeting", "hello"))
      const page = yield* Effect.promise(() => channel.history())
      expect(page.items.map((message) => [message.name, message.data])).toEqual([["greeting", "hello"]])
      expect(yield* failure(() => tokenClient.channels.get("elsewhere").publish("x", "y"))).toEqual({
        code: 40160,
        statusCode: 401
      })

      // requestToken signs locally too; both exchanges count as token requests.
      const signedByClient = yield* Effect.promise(() => keyClient.auth.requestToken({ ttl: 60_000 }))
      expect(signedByClient.expires - signedByClient.issued).toBe(60_000)
      expect(yield* emulator.tokenRequestsServed(app.appId)).toBe(2)

      // RSA17: revoke with the key; the token then fails with a token error.
      yield* Effect.sleep("5 millis")
      const revocation = yield* Effect.promise(() =>
        keyClient.auth.revokeTokens([{ type: "clientId", value: "js-client" }])
      )
      expect(revocation).toMatchObject({ successCount: 1, failureCount: 0 })
      // The server says 40141; ably-js, holding a bare token it cannot renew, reports 40171 (RSA4a2).
      expect(yield* failure(() => channel.publish("after", "revocation"))).toEqual({ code: 40171, statusCode: 403 })
      const raw = yield* Effect.promise(() =>
        fetch(`http://${host}:${port}/channels/js%3Anews/messages`, {
          headers: { authorization: `Bearer ${btoa(tokenDetails.token)}` }
        })
      )
      expect([raw.status, raw.headers.get("x-ably-errorcode")]).toEqual([401, "40141"])
    }).pipe(Effect.provide(layerServer({ port: 0 }))))

  it.live("a JWT from Jwt.sign works as an ably-js token", () =>
    Effect.gen(function*() {
      const { host, port } = yield* EmulatorAddress
      const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.createApp())
      const { keyName, keySecret } = splitKey(keyOf(app, 0))
      const now = Date.now()
      const jwt = yield* Jwt.sign({
        keyName,
        keySecret,
        issued: now,
        expires: now + 60_000,
        capability: "{\"jwt\":[\"*\"]}"
      })
      const rest = new Ably.Rest({ restHost: host, port, tls: false, logLevel: 0, token: jwt })
      yield* Effect.promise(() => rest.channels.get("jwt").publish("n", "d"))
      const page = yield* Effect.promise(() => rest.channels.get("jwt").history())
      expect(page.items).toHaveLength(1)
    }).pipe(Effect.provide(layerServer({ port: 0 }))))

  it.live("ably-js requestToken: capabilities Ably refuses are 400 / 40000, a ttl over 24 h 400 / 40003", () =>
    Effect.gen(function*() {
      const { host, port } = yield* EmulatorAddress
      const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.createApp())
      const rest = new Ably.Rest({ restHost: host, port, tls: false, logLevel: 0, key: keyOf(app, 0) })
      for (const capability of ["{\"x\":[\"publish_\"]}", "{\"x\":[\"*\",\"publish\"]}", "{\"x\":[]}"]) {
        expect(yield* failure(() => rest.auth.requestToken({ capability }))).toEqual({ code: 40000, statusCode: 400 })
      }
      expect(yield* failure(() => rest.auth.requestToken({ ttl: 86_400_001 }))).toEqual({
        code: 40003,
        statusCode: 400
      })
      // ably-js canonicalises what it signs; the answer is canonical too.
      const details = yield* Effect.promise(() =>
        rest.auth.requestToken({ capability: { b: ["subscribe", "publish"], a: ["history"] } })
      )
      expect(details.capability).toBe("{\"a\":[\"history\"],\"b\":[\"publish\",\"subscribe\"]}")
    }).pipe(Effect.provide(layerServer({ port: 0 }))))

  it.live("ably-js with a GET on a POST-only route gets 404 / 40400 (Rest#request)", () =>
    Effect.gen(function*() {
      const { host, port } = yield* EmulatorAddress
      const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.createApp())
      const rest = new Ably.Rest({ restHost: host, port, tls: false, logLevel: 0, key: keyOf(app, 0) })
      const keyName = splitKey(keyOf(app, 0)).keyName
      const response = yield* Effect.promise(() => rest.request("get", `/keys/${keyName}/requestToken`, 3))
      expect([response.statusCode, response.errorCode]).toEqual([404, 40400])
    }).pipe(Effect.provide(layerServer({ port: 0 }))))
})
