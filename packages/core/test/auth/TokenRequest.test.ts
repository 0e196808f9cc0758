import { TokenRequest } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as TestClock from "effect/TestClock"
import { createHmac } from "node:crypto"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

// An independent implementation of the spec's signing (node:crypto, not Web Crypto).
const expectedMac = (request: TokenRequest.TokenRequest, secret: string) =>
  createHmac("sha256", secret)
    .update(
      `${request.keyName}\n${request.ttl ?? ""}\n${request.capability ?? ""}\n${
        request.clientId ?? ""
      }\n${request.timestamp}\n${request.nonce}\n`
    )
    .digest("base64")

const secret = testKey.split(":")[1]!

describe("createTokenRequest (RSA9)", () => {
  it.effect("RSA9 - signs the six fields; ttl and capability only when given", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_700_000_000_000)
      const { rest, seen } = yield* restWith({ key: testKey }, () => json(500, {}))
      const bare = yield* rest.auth.createTokenRequest()
      expect(bare.keyName).toBe("appid.keyid")
      expect(bare.timestamp).toBe(1_700_000_000_000)
      expect(bare.nonce.length).toBeGreaterThanOrEqual(16)
      expect("ttl" in bare).toBe(false)
      expect("capability" in bare).toBe(false)
      expect("clientId" in bare).toBe(false)
      expect(bare.mac).toBe(expectedMac(bare, secret))

      const full = yield* rest.auth.createTokenRequest({
        ttl: 60_000,
        capability: { "b:*": ["subscribe", "publish"], a: ["*"] },
        clientId: "alice"
      })
      expect(full.capability).toBe("{\"a\":[\"*\"],\"b:*\":[\"publish\",\"subscribe\"]}")
      expect(full.ttl).toBe(60_000)
      expect(full.clientId).toBe("alice")
      expect(full.mac).toBe(expectedMac(full, secret))
      expect(full.nonce).not.toBe(bare.nonce)
      expect(yield* Ref.get(seen)).toHaveLength(0)
    }))

  it.effect("RSA7d - the clientId option goes into the TokenRequest", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, clientId: "bob" }, () => json(500, {}))
      const request = yield* rest.auth.createTokenRequest()
      expect(request.clientId).toBe("bob")
      expect(request.mac).toBe(expectedMac(request, secret))
    }))

  it.effect("RSA9d - queryTime signs with server time, asking the server once", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_000_000)
      const { rest, seen } = yield* restWith({ key: testKey, queryTime: true }, () => json(200, [1_000_000 + 300_000]))
      const first = yield* rest.auth.createTokenRequest()
      expect(first.timestamp).toBe(1_300_000)
      yield* TestClock.adjust(10_000)
      const second = yield* rest.auth.createTokenRequest()
      expect(second.timestamp).toBe(1_310_000)
      const requests = yield* Ref.get(seen)
      expect(requests.map((r) => r.url.pathname)).toEqual(["/time"])
      expect(requests[0]!.headers["authorization"]).toBeUndefined()
    }))

  it.effect("without a key it fails with 40101; a bad capability with 40000", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ token: "t" }, () => json(500, {}))
      expect((yield* Effect.flip(rest.auth.createTokenRequest())).code).toBe(40101)
      const keyed = yield* restWith({ key: testKey }, () => json(500, {}))
      expect((yield* Effect.flip(keyed.rest.auth.createTokenRequest({ capability: "{not json" }))).code).toBe(40000)
    }))

  it.effect("RSA8 - requestToken with a key posts the signed request without credentials", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        () =>
          json(200, {
            token: "issued-token",
            keyName: "appid.keyid",
            issued: 1,
            expires: 3_600_001,
            capability: "{\"*\":[\"*\"]}"
          })
      )
      const details = yield* rest.auth.requestToken({ ttl: 1000 })
      expect(details.expires).toBe(3_600_001)
      expect(String(details.token)).not.toContain("issued-token")
      const [request] = yield* Ref.get(seen)
      expect(request!.method).toBe("POST")
      expect(request!.url.pathname).toBe("/keys/appid.keyid/requestToken")
      expect(request!.headers["authorization"]).toBeUndefined()
      const body = JSON.parse(new TextDecoder().decode(request!.body)) as TokenRequest.TokenRequest
      expect(body.ttl).toBe(1000)
      expect(body.mac).toBe(expectedMac(body, secret))
      // requestToken does not change the client's auth (RSA4d1).
      expect(yield* rest.auth.method).toBe("basic")
    }))
})
