import { Errors } from "@effect-ably/core"
import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Encoding from "effect/Encoding"
import * as Schema from "effect/Schema"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, decodeError, keyOf, messagesPath, type Reply } from "./support.js"

const expectAblyError = (reply: Reply, statusCode: number, code: number) => {
  expect(reply.status).toBe(statusCode)
  const { error } = decodeError(reply.body)
  expect(error).toMatchObject({ code, statusCode, href: Errors.helpUrl(code) })
  expect(error.message.length).toBeGreaterThan(0)
  expect(reply.headers["x-ably-errorcode"]).toBe(String(code))
  expect(reply.headers["x-ably-errormessage"]).toBeTruthy()
  expect(reply.headers["access-control-allow-origin"]).toBe("*")
  // The SDK's own schema reads the body.
  expect(Schema.decodeUnknownSync(Errors.ErrorBody)(reply.body).error.code).toBe(code)
}

layer(emulatorLayer)("errors, auth and capabilities", (it) => {
  describe("authentication (Basic)", () => {
    it.effect("a wrong secret is 401 / 40101", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const [keyName] = keyOf(app, 0).split(":")
        const reply = yield* call("GET", messagesPath("x"), { key: `${keyName}:wrong` })
        expectAblyError(reply, 401, 40101)
      }))

    it.effect("missing credentials are 401 / 40101, malformed ones 401 / 40005", () =>
      Effect.gen(function*() {
        expectAblyError(yield* call("POST", messagesPath("x"), { body: [{}] }), 401, 40101)
        for (const authorization of ["Digest abc", "Basic !!!", `Basic ${Encoding.encodeBase64("no-colon")}`]) {
          const reply = yield* call("GET", messagesPath("x"), { headers: { authorization } })
          expectAblyError(reply, 401, 40005)
        }
      }))

    it.effect("an unknown key of a known app is 401 / 40101; an unknown app 404 / 40400", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        expectAblyError(yield* call("GET", messagesPath("x"), { key: `${app.appId}.nokey:secret` }), 401, 40101)
        expectAblyError(yield* call("GET", messagesPath("x"), { key: "noapp.nokey:secret" }), 404, 40400)
      }))

    it.effect("Bearer tokens are not recognised yet (401 / 40143)", () =>
      Effect.gen(function*() {
        const reply = yield* call("GET", messagesPath("x"), { headers: { authorization: "Bearer abc" } })
        expectAblyError(reply, 401, 40143)
      }))
  })

  describe("capabilities", () => {
    it.effect("key [3] ('*' subscribe only) cannot publish or read history: 401 / 40160", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const reply = yield* call("POST", messagesPath("news"), { key: keyOf(app, 3), body: [{ data: "x" }] })
        expectAblyError(reply, 401, 40160)
        expectAblyError(yield* call("GET", messagesPath("news"), { key: keyOf(app, 3) }), 401, 40160)
        const emulator = yield* Emulator
        expect(yield* emulator.messages(app.appId, "news")).toEqual([])
      }))

    it.effect("namespace wildcards, exact names and qualified channels", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const status = (index: number, channel: string) =>
          Effect.map(call("POST", messagesPath(channel), { key: keyOf(app, index), body: [{ data: "x" }] }), (r) =>
            r.status)
        expect(yield* status(1, "canpublish:foo")).toBe(201)
        expect(yield* status(1, "cansubscribe:foo")).toBe(401)
        expect(yield* status(1, "canpublish:andpresence")).toBe(201)
        expect(yield* status(1, "other")).toBe(401)
        expect(yield* status(2, "channel0")).toBe(201)
        expect(yield* status(2, "channel3")).toBe(401)
        expect(yield* status(2, "channel6")).toBe(201)
        expect(yield* status(0, "[meta]log")).toBe(401)
        expect(yield* status(5, "[meta]log")).toBe(201)
        expect(yield* status(5, "plain")).toBe(201)
      }))
  })

  describe("routing", () => {
    it.effect("an unknown route is 404 / 40400", () =>
      Effect.gen(function*() {
        expectAblyError(yield* call("GET", "/nope"), 404, 40400)
        expectAblyError(yield* call("GET", "/channels/x/unknown"), 404, 40400)
      }))

    it.effect("a known path with a method it does not accept is 404 / 40400, as Ably answers (not 405)", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const keyName = app.keys[0]!.keyName
        expectAblyError(yield* call("GET", `/keys/${keyName}/requestToken`), 404, 40400)
        expectAblyError(yield* call("GET", `/keys/${keyName}/revokeTokens`), 404, 40400)
        expectAblyError(yield* call("PUT", messagesPath("x")), 404, 40400)
        expectAblyError(yield* call("DELETE", "/time"), 404, 40400)
        expectAblyError(yield* call("GET", "/apps"), 404, 40400)
        expectAblyError(yield* call("POST", "/channels"), 404, 40400)
      }))

    it.effect("HEAD is answered by a path's GET route; HEAD on a POST-only path is 404", () =>
      Effect.gen(function*() {
        expect((yield* call("HEAD", "/time")).status).toBe(200)
        expect((yield* call("HEAD", "/apps")).status).toBe(404)
      }))

    it.effect("CORS preflight is answered with 204 and the allowed methods and headers", () =>
      Effect.gen(function*() {
        const reply = yield* call("OPTIONS", messagesPath("x"), {
          headers: {
            origin: "http://localhost:5173",
            "access-control-request-headers": "authorization, x-ably-version"
          }
        })
        expect(reply.status).toBe(204)
        expect(reply.headers["access-control-allow-origin"]).toBe("*")
        expect(reply.headers["access-control-allow-methods"]).toContain("POST")
        expect(reply.headers["access-control-allow-headers"]).toBe("authorization, x-ably-version")
        const time = yield* call("GET", "/time")
        expect(time.headers["access-control-expose-headers"]).toBe("Link, X-Ably-ErrorCode, X-Ably-ErrorMessage")
      }))
  })

  describe("RSC8 error format", () => {
    it.effect("JSON errors: exact application/json content type", () =>
      Effect.gen(function*() {
        const reply = yield* call("GET", "/nope")
        expect(reply.contentType).toBe("application/json")
        expect(reply.body).toEqual({
          error: { code: 40400, statusCode: 404, message: "Not found: GET /nope", href: Errors.helpUrl(40400) }
        })
      }))

    it.effect("msgpack errors: exact application/x-msgpack content type, chosen by Accept or ?format", () =>
      Effect.gen(function*() {
        const byAccept = yield* call("GET", "/nope", { protocol: "msgpack" })
        expect(byAccept.contentType).toBe("application/x-msgpack")
        expectAblyError(byAccept, 404, 40400)
        const byFormat = yield* call("GET", "/nope?format=msgpack", { accept: false })
        expect(byFormat.contentType).toBe("application/x-msgpack")
        expectAblyError(byFormat, 404, 40400)
        const app = yield* createTestApp
        const denied = yield* call("POST", messagesPath("x"), { key: keyOf(app, 3), protocol: "msgpack", body: [{}] })
        expect(denied.contentType).toBe("application/x-msgpack")
        expectAblyError(denied, 401, 40160)
      }))

    it.effect("non-ASCII error messages stay valid header values", () =>
      Effect.gen(function*() {
        const app = yield* createTestApp
        const reply = yield* call("POST", messagesPath(":café"), { key: keyOf(app, 0), body: [{}] })
        expectAblyError(reply, 400, 40010)
        expect(decodeError(reply.body).error.message).toContain(":café")
        expect(reply.headers["x-ably-errormessage"]).toContain(":caf?")
      }))
  })
})
