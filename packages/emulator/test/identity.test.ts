import { Rest } from "@effect-ably/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it, layer } from "@effect/vitest"
import * as Ably from "ably"
import * as Effect from "effect/Effect"
import * as Encoding from "effect/Encoding"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { EmulatorAddress, layerServer } from "../src/server.js"
import { call, createTestApp, decodeError, keyOf, messagesPath } from "./support.js"

const restWith = (options: Parameters<typeof Rest.layer>[0]) => Effect.provide(Rest.Rest, Rest.layer(options))
const clientIdHeader = (clientId: string) => ({ "x-ably-clientid": Encoding.encodeBase64(clientId) })

layer(emulatorLayer)("RSA7e2 - X-Ably-ClientId under Basic auth", (it) => {
  it.effect("our SDK with { key, clientId }: messages carry the clientId; another clientId is 40012 and nothing is stored", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      const app = yield* createTestApp
      const rest = yield* restWith({ key: keyOf(app, 0), clientId: "alice ☃" })
      const channel = rest.channel("identity")
      yield* channel.publish("plain", "hi")
      yield* channel.publish({ name: "own", data: "x", clientId: "alice ☃" })
      const refused = yield* Effect.flip(channel.publish({ name: "foreign", data: "x", clientId: "mallory" }))
      expect([refused.code, refused.statusCode]).toEqual([40012, 400])
      const stored = yield* emulator.messages(app.appId, "identity")
      expect(stored.map((m) => [m.name, m.clientId])).toEqual([["plain", "alice ☃"], ["own", "alice ☃"]])
    }))

  it.effect("one foreign message refuses the whole publish; without the header a key publishes any clientId", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      const app = yield* createTestApp
      const key = keyOf(app, 0)
      const mixed = yield* call("POST", messagesPath("mixed"), {
        key,
        headers: clientIdHeader("bob"),
        body: [{ name: "a" }, { name: "b", clientId: "carol" }]
      })
      expect(mixed.status).toBe(400)
      expect(decodeError(mixed.body).error.code).toBe(40012)
      expect(yield* emulator.messages(app.appId, "mixed")).toEqual([])
      const anonymous = yield* call("POST", messagesPath("mixed"), {
        key,
        body: [{ name: "a" }, { name: "b", clientId: "carol" }]
      })
      expect(anonymous.status).toBe(201)
      expect((yield* emulator.messages(app.appId, "mixed")).map((m) => m.clientId)).toEqual([undefined, "carol"])
    }))

  it.effect("batch publish applies the same identity to every channel", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      const app = yield* createTestApp
      const key = keyOf(app, 0)
      const ok = yield* call("POST", "/messages", {
        key,
        headers: { ...clientIdHeader("bob"), "x-ably-version": "6" },
        body: { channels: ["b1", "b2"], messages: [{ name: "n" }] }
      })
      expect(ok.status).toBe(201)
      for (const channel of ["b1", "b2"]) {
        expect((yield* emulator.messages(app.appId, channel)).map((m) => m.clientId)).toEqual(["bob"])
      }
      const foreign = yield* call("POST", "/messages", {
        key,
        headers: clientIdHeader("bob"),
        body: { channels: ["b3"], messages: [{ name: "n", clientId: "eve" }] }
      })
      expect(decodeError(foreign.body).error.code).toBe(40012)
      expect(yield* emulator.messages(app.appId, "b3")).toEqual([])
    }))

  it.effect("a header that is not base64, empty or '*' is 400 / 40012", () =>
    Effect.gen(function*() {
      const app = yield* createTestApp
      for (const value of ["%%%", Encoding.encodeBase64(""), Encoding.encodeBase64("*")]) {
        const reply = yield* call("POST", messagesPath("bad-header"), {
          key: keyOf(app, 0),
          headers: { "x-ably-clientid": value },
          body: [{}]
        })
        expect([reply.status, decodeError(reply.body).error.code]).toEqual([400, 40012])
      }
    }))

  it.effect("under token auth the header is ignored: the token's identity rules", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      const app = yield* createTestApp
      const details = yield* emulator.requestToken(app.appId, app.keys[0]!.keyName, { clientId: "tok" })
      const reply = yield* call("POST", messagesPath("tokens"), {
        headers: { authorization: `Bearer ${details.token}`, ...clientIdHeader("someone-else") },
        body: [{ name: "n" }]
      })
      expect(reply.status).toBe(201)
      expect((yield* emulator.messages(app.appId, "tokens")).map((m) => m.clientId)).toEqual(["tok"])
    }))
})

const ErrorInfo = Schema.Struct({ code: Schema.Number, statusCode: Schema.Number })

describe("RSA7e2 - ably-js 2.28 with a clientId over Basic auth", () => {
  for (const useBinaryProtocol of [false, true]) {
    it.live(`stamps and refuses like Ably (useBinaryProtocol: ${useBinaryProtocol})`, () =>
      Effect.gen(function*() {
        const { host, port } = yield* EmulatorAddress
        const emulator = yield* Emulator
        const app = yield* emulator.createApp()
        const rest = new Ably.Rest({
          key: keyOf(app, 0),
          clientId: "ably-js-client",
          restHost: host,
          port,
          tls: false,
          useBinaryProtocol,
          logLevel: 0
        })
        const channel = rest.channels.get("ably-js identity")
        yield* Effect.promise(() => channel.publish("mine", "data"))
        const error = yield* Effect.flip(
          Effect.tryPromise(() => channel.publish({ name: "theirs", data: "x", clientId: "other" }))
        )
        expect(Schema.decodeUnknownSync(ErrorInfo)(error.error)).toEqual({ code: 40012, statusCode: 400 })
        const stored = yield* emulator.messages(app.appId, "ably-js identity")
        expect(stored.map((m) => [m.name, m.clientId])).toEqual([["mine", "ably-js-client"]])
        const history = yield* Effect.promise(() => channel.history())
        expect(history.items.map((m) => m.clientId)).toEqual(["ably-js-client"])
      }).pipe(Effect.provide(Layer.merge(layerServer({ port: 0 }), FetchHttpClient.layer))))
  }
})
