/**
 * Push admin over raw HTTP (RSH1): the admin route that shows recorded publishes, Link
 * paging of the push lists with filters kept, msgpack, and Ably's 400 / 40000 validation.
 */
import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { layer as emulatorLayer } from "../src/index.js"
import * as PushState from "../src/state/Push.js"
import { call, createTestApp, decodeError, keyOf, linkTarget } from "./support.js"

const device = (id: string, clientId: string) => ({
  id,
  clientId,
  platform: "browser",
  formFactor: "desktop",
  push: { recipient: { transportType: "web", targetUrl: "https://push.example/x", encryptionKey: { p256dh: "k" } } }
})

layer(emulatorLayer)("push admin over HTTP", (it) => {
  describe("GET /_emulator/push/published", () => {
    it.effect("answers the accepted publishes of the key's app, oldest first, in JSON and msgpack", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const key = keyOf(app, 0)
        const other = keyOf(yield* createTestApp, 0)
        const first = yield* call("POST", "/push/publish", {
          key,
          body: { recipient: { deviceId: "d1" }, data: { a: "1" } }
        })
        expect(first.status).toBe(204)
        yield* call("POST", "/push/publish", {
          key,
          protocol: "msgpack",
          body: { recipient: { clientId: "c" }, notification: { title: "t" } }
        })
        const refused = yield* call("POST", "/push/publish", { key, body: { recipient: {}, data: { a: "1" } } })
        expect([refused.status, decodeError(refused.body).error.code]).toEqual([400, 40000])
        const nonString = yield* call("POST", "/push/publish", {
          key,
          body: { recipient: { clientId: "c" }, data: { a: 1 } }
        })
        expect([nonString.status, decodeError(nonString.body).error.code]).toEqual([400, 40000])
        for (const protocol of ["json", "msgpack"] as const) {
          const read = yield* call("GET", "/_emulator/push/published", { key, protocol })
          expect(read.status).toBe(200)
          const entries = read.body as ReadonlyArray<{ recipient: unknown; payload: unknown; timestamp: unknown }>
          expect(entries.map(({ payload, recipient }) => ({ payload, recipient }))).toEqual([
            { recipient: { deviceId: "d1" }, payload: { data: { a: "1" } } },
            { recipient: { clientId: "c" }, payload: { notification: { title: "t" } } }
          ])
          expect(typeof entries[0]!.timestamp).toBe("number")
        }
        // Another app's key sees its own (none).
        expect((yield* call("GET", "/_emulator/push/published", { key: other })).body).toEqual([])
        // Without credentials: 401.
        expect((yield* call("GET", "/_emulator/push/published")).status).toBe(401)
      }))

    it("keeps at most maxPublished entries", () => {
      let app = { push: undefined } as unknown as Parameters<typeof PushState.recordPublish>[0]
      for (let i = 0; i < PushState.maxPublished + 5; i++) {
        app = PushState.recordPublish(app, {
          recipient: { clientId: "c" },
          payload: { data: { i: String(i) } },
          timestamp: i
        })
      }
      const published = PushState.stateOf(app).published
      expect(published).toHaveLength(PushState.maxPublished)
      expect(published[0]!.timestamp).toBe(5)
    })
  })

  describe("lists", () => {
    it.effect("GET /push/deviceRegistrations pages with Link headers that keep the filters", () =>
      Effect.gen(function*() {
        const key = keyOf(yield* createTestApp, 0)
        for (let i = 0; i < 3; i++) {
          const put = yield* call("PUT", `/push/deviceRegistrations/web-${i}`, { key, body: device(`web-${i}`, "w") })
          expect(put.status).toBe(200)
        }
        yield* call("PUT", "/push/deviceRegistrations/x", { key, body: device("x", "other") })
        const first = yield* call("GET", "/push/deviceRegistrations?clientId=w&limit=2", { key })
        expect((first.body as ReadonlyArray<{ id: string }>).map((d) => d.id)).toEqual(["web-0", "web-1"])
        const next = linkTarget(first.headers["link"], "next")!
        expect(next).toContain("clientId=w")
        const second = yield* call("GET", new URL(next, first.url).toString(), { key })
        expect((second.body as ReadonlyArray<{ id: string }>).map((d) => d.id)).toEqual(["web-2"])
        expect(linkTarget(second.headers["link"], "next")).toBeUndefined()
        const tooMany = yield* call("GET", "/push/deviceRegistrations?limit=1001", { key })
        expect([tooMany.status, decodeError(tooMany.body).error.code]).toEqual([400, 40003])
      }))

    it.effect("unknown device: 404 / 40400; a device without its transport's address: 400 / 40000", () =>
      Effect.gen(function*() {
        const key = keyOf(yield* createTestApp, 0)
        const missing = yield* call("GET", "/push/deviceRegistrations/nope", { key })
        expect([missing.status, decodeError(missing.body).error.code]).toEqual([404, 40400])
        const bad = device("b", "c")
        const noKey = yield* call("PUT", "/push/deviceRegistrations/b", {
          key,
          body: { ...bad, push: { recipient: { transportType: "web", targetUrl: "https://x" } } }
        })
        expect([noKey.status, decodeError(noKey.body).error.code]).toEqual([400, 40000])
        const noPlatform = yield* call("PUT", "/push/deviceRegistrations/b", { key, body: { ...bad, platform: "" } })
        expect(decodeError(noPlatform.body).error.message).toContain("platform")
        const noFilter = yield* call("DELETE", "/push/channelSubscriptions", { key })
        expect([noFilter.status, decodeError(noFilter.body).error.code]).toEqual([400, 40000])
      }))
  })
})
