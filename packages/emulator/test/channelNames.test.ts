import { Rest } from "@effect-ably/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it, layer } from "@effect/vitest"
import * as Ably from "ably"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Emulator, layer as emulatorLayer } from "../src/index.js"
import { EmulatorAddress, layerServer } from "../src/server.js"
import { call, createTestApp, decodeError, decodePublish, keyOf, messagesPath } from "./support.js"

const long = (length: number) => Array.from({ length }, (_, i) => "abcdefghij"[i % 10]).join("")

layer(emulatorLayer)("channel names reach their own channel (in process)", (it) => {
  it.effect("names of 101, 1000 and 10,000 characters, percent-encoded unicode and '%2F' are one channel each", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      const app = yield* createTestApp
      const key = keyOf(app, 0)
      // ("." and ".." are left out: URL parsers resolve them, even as %2E, before any server sees them.)
      const names = [
        long(100),
        long(101),
        long(1000),
        long(10_000),
        "a/b",
        "日本語 ☃ 🎉",
        "%",
        "%2F",
        "?x#y",
        "semi;colon",
        "a+b c"
      ]
      for (const name of names) {
        const published = yield* call("POST", messagesPath(name), {
          key,
          body: [{ name: "n", data: name.slice(0, 20) }]
        })
        expect(published.status, `publish to a ${name.length}-character name`).toBe(201)
        expect(decodePublish(published.body).channel).toBe(name)
        const history = yield* call("GET", messagesPath(name), { key })
        expect(history.status).toBe(200)
        expect(yield* emulator.messages(app.appId, name)).toHaveLength(1)
      }
      expect(yield* emulator.messages(app.appId, "a")).toHaveLength(0)
    }))

  it.effect("our SDK stores a 10,000-character and a unicode name under exactly that name", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      const app = yield* createTestApp
      const rest = yield* Effect.provide(Rest.Rest, Rest.layer({ key: keyOf(app, 0) }))
      for (const name of [long(10_000), "ü/ñ ☃"]) {
        yield* rest.channel(name).publish("n", "x")
        expect((yield* emulator.messages(app.appId, name)).map((m) => m.name)).toEqual(["n"])
      }
    }))

  it.effect("unknown qualifiers are 400 / 40010; [meta], [?params] and [filter=…] keep working", () =>
    Effect.gen(function*() {
      const app = yield* createTestApp
      const key = keyOf(app, 5) // [*]* → *: may use qualified channels
      for (const name of ["[foo]name", "[metas]name", "[]name", "[meta]", "[?rewind=1"]) {
        const reply = yield* call("POST", messagesPath(name), { key, body: [{ name: "n" }] })
        expect([name, reply.status, decodeError(reply.body).error.code]).toEqual([name, 400, 40010])
      }
      for (
        const name of [
          "[meta]log",
          "[?rewind=1]name",
          "[filter=bmFtZSA9PSBgImEiYA==]room",
          "[filter=eA==?rewind=1]room"
        ]
      ) {
        const reply = yield* call("GET", messagesPath(name), { key })
        expect([name, reply.status]).toEqual([name, 200])
      }
      const batch = yield* call("POST", "/messages", {
        key,
        headers: { "x-ably-version": "6" },
        body: { channels: ["[foo]x", "fine"], messages: [{ name: "n" }] }
      })
      expect(batch.body).toMatchObject({
        successCount: 1,
        failureCount: 1,
        results: [{ channel: "[foo]x", error: { code: 40010 } }, { channel: "fine" }]
      })
    }))
})

describe("channel names on loopback", () => {
  it.live("a 10,000-character name through ably-js and raw HTTP; past Node's request-line limit is 431, not 404", () =>
    Effect.gen(function*() {
      const { host, port, url } = yield* EmulatorAddress
      const emulator = yield* Emulator
      const app = yield* emulator.createApp()
      const key = keyOf(app, 0)
      const rest = new Ably.Rest({ key, restHost: host, port, tls: false, useBinaryProtocol: false, logLevel: 0 })
      for (const name of [long(101), long(1000), long(10_000), "a/b", "ü ☃"]) {
        yield* Effect.promise(() => rest.channels.get(name).publish("n", "x"))
        expect(yield* emulator.messages(app.appId, name)).toHaveLength(1)
      }
      // Node's default limit on the request line plus headers is 16 KiB.
      const near = yield* call("POST", `${url}${messagesPath(long(15_000))}`, { key, body: [{ name: "n" }] })
      expect(near.status).toBe(201)
      const past = yield* call("POST", `${url}${messagesPath(long(17_000))}`, { key, body: [{ name: "n" }] })
      expect(past.status).toBe(431)
    }).pipe(Effect.provide(Layer.merge(layerServer({ port: 0 }), FetchHttpClient.layer))))
})
