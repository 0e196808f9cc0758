/**
 * Credentials at hand (Basic, a given token without expiry) are read when a request runs,
 * with no step of their own (issue #11), never when its Effect is built: `authorize` between
 * the two changes what is sent.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type { Seen } from "../utils/FakeHttp.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

const schemeOf = (seen: Seen) => (seen.headers["authorization"] ?? "").split(" ")[0]
const toChannels = (seen: ReadonlyArray<Seen>) => seen.filter((r) => r.url.pathname.startsWith("/channels/"))

describe("credentials read when the request runs (RSA10, RSC1)", () => {
  it.effect("RSA10 - one publish Effect, run before and after authorize: Basic, then the new token", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        (request) =>
          request.url.pathname.endsWith("/requestToken")
            ? json(200, { token: "tok-1", expires: 60_000 })
            : json(201, { serials: ["s1"] })
      )
      const publish = rest.channel("c").publish("n", "d")
      yield* publish
      yield* rest.auth.authorize()
      yield* publish
      const sent = toChannels(yield* Ref.get(seen))
      expect(sent.map(schemeOf)).toEqual(["Basic", "Bearer"])
      expect(atob((sent[1]!.headers["authorization"] ?? "").replace(/^Bearer /, ""))).toBe("tok-1")
    }))

  it.effect("RSA4 - a given token without expiry goes out as Bearer on every request, none fetched", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ token: "given-token" }, () => json(201, { serials: ["s1"] }))
      yield* rest.channel("c").publish("n", "d")
      yield* rest.channel("c").publish("n", "e")
      const sent = yield* Ref.get(seen)
      expect(sent.map((r) => r.headers["authorization"])).toEqual([
        `Bearer ${btoa("given-token")}`,
        `Bearer ${btoa("given-token")}`
      ])
    }))
})
