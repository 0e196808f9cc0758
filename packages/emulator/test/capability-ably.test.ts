import { describe, expect, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Capability, layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, decodeAppInfo, keyOf } from "./support.js"
import { expectError, fetchToken, requestTokenPath, signedTokenRequest, splitKey } from "./tokensSupport.js"

// Capabilities Ably refuses when a token is requested, each with 400 / 40000.
const refused: ReadonlyArray<readonly [why: string, capability: string]> = [
  ["an unknown operation", "{\"news\":[\"publish_\"]}"],
  ["an unknown operation next to a known one", "{\"news\":[\"subscribe\",\"Publish\"]}"],
  ["'*' combined with another operation", "{\"news\":[\"*\",\"publish\"]}"],
  ["an empty operation list", "{\"news\":[]}"],
  ["an empty list next to a valid resource", "{\"a\":[\"publish\"],\"b\":[]}"],
  ["malformed JSON", "{\"news\":[\"publish\""],
  ["a JSON array", "[\"publish\"]"],
  ["a JSON string", "\"publish\""],
  ["JSON null", "null"],
  ["operations that are not a list", "{\"news\":\"publish\"}"]
]

describe("Capability.validate (spec notes §4.8)", () => {
  it("knows exactly Ably's operations, sorted", () => {
    expect(Capability.knownOperations).toEqual([...Capability.knownOperations].sort())
    expect(Capability.knownOperations).toHaveLength(17)
    for (const operation of ["publish", "push-admin", "message-update-own", "annotation-subscribe", "object-publish"]) {
      expect(Capability.isKnownOperation(operation)).toBe(true)
    }
    expect(Capability.isKnownOperation("*")).toBe(false)
    expect(Capability.isKnownOperation("publish_")).toBe(false)
  })

  it("accepts every known operation and a lone '*'", () => {
    const all = { "*": [...Capability.knownOperations], "x": ["*"], "[*]*": ["*", "*"] }
    expect(Either.isRight(Capability.validate(all))).toBe(true)
  })

  for (const [why, capability] of refused) {
    it(`refuses ${why} with 400 / 40000`, () => {
      const result = Capability.parseEither(capability)
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) expect([result.left.statusCode, result.left.code]).toEqual([400, 40000])
    })
  }
})

layer(emulatorLayer)("requestToken and POST /apps capabilities, as Ably answers them", (it) => {
  it.effect("RSA8 - requestToken refuses the capabilities Ably refuses with 400 / 40000 (signed and unsigned)", () =>
    Effect.gen(function*() {
      const app = yield* createTestApp
      const key = keyOf(app, 0)
      for (const [why, capability] of refused) {
        const body = yield* signedTokenRequest(key, { capability })
        const reply = yield* call("POST", requestTokenPath(body.keyName), { body })
        expect(reply.status, why).toBe(400)
        expectError(reply, 400, 40000)
        const unsigned = yield* call("POST", requestTokenPath(splitKey(key).keyName), { key, body: { capability } })
        expectError(unsigned, 400, 40000)
      }
      // A valid capability the key does not grant is still 401 / 40160, not 400.
      const body = yield* signedTokenRequest(keyOf(app, 3), { capability: "{\"*\":[\"publish\"]}" })
      expectError(yield* call("POST", requestTokenPath(body.keyName), { body }), 401, 40160)
    }))

  it.effect("RSA6 - the token's capability is canonical: resources sorted, operations sorted, repeats removed", () =>
    Effect.gen(function*() {
      const app = yield* createTestApp
      const details = yield* fetchToken(keyOf(app, 0), {
        capability:
          "{ \"zeta\": [\"subscribe\", \"publish\", \"subscribe\"], \"alpha:*\": [\"history\", \"presence\"] }"
      })
      expect(details.capability).toBe("{\"alpha:*\":[\"history\",\"presence\"],\"zeta\":[\"publish\",\"subscribe\"]}")
    }))

  it.effect("POST /apps echoes each key's capability in canonical form, not in request order", () =>
    Effect.gen(function*() {
      const reply = yield* call("POST", "/apps", {
        body: {
          keys: [
            { capability: "{ \"b\": [\"subscribe\", \"publish\", \"publish\"], \"a\": [\"presence\", \"history\"] }" },
            {}
          ]
        }
      })
      expect(reply.status).toBe(201)
      const info = decodeAppInfo(reply.body)
      expect(info.keys.map((key) => key.capability)).toEqual([
        "{\"a\":[\"history\",\"presence\"],\"b\":[\"publish\",\"subscribe\"]}",
        "{\"*\":[\"*\"]}"
      ])
      // The default test app's key 1 was written unsorted in the fixture.
      const testApp = yield* createTestApp
      expect(testApp.keys[1]?.capability).toBe(
        "{\"canpublish:*\":[\"publish\"],\"canpublish:andpresence\":[\"presence\",\"publish\"]," +
          "\"cansubscribe:*\":[\"subscribe\"],\"pushenabled:*\":[\"publish\",\"push-subscribe\",\"subscribe\"]," +
          "\"pushenabled:admin:*\":[\"publish\",\"push-admin\",\"subscribe\"]}"
      )
    }))

  it.effect("POST /apps refuses a key capability Ably would refuse (400 / 40000)", () =>
    Effect.gen(function*() {
      const reply = yield* call("POST", "/apps", { body: { keys: [{ capability: "{\"x\":[\"publish_\"]}" }] } })
      expectError(reply, 400, 40000)
    }))
})
