import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Emulator } from "../src/index.js"
import { EmulatorAddress, layerServer } from "../src/server.js"
import {
  call,
  decodeAppInfo,
  decodeError,
  decodeMessages,
  decodePublish,
  keyOf,
  linkTarget,
  messagesPath
} from "./support.js"

const loopback = Layer.merge(layerServer({ port: 0 }), FetchHttpClient.layer)

describe("loopback server", () => {
  it.live("serves the emulator over real HTTP on an ephemeral 127.0.0.1 port", () =>
    Effect.gen(function*() {
      const { host, port, url } = yield* EmulatorAddress
      expect(host).toBe("127.0.0.1")
      expect(port).toBeGreaterThan(0)
      expect(url).toBe(`http://127.0.0.1:${port}`)

      const before = Date.now()
      const time = yield* call("GET", `${url}/time`)
      expect(time.status).toBe(200)
      expect(time.contentType).toBe("application/json")
      const [serverTime] = Schema.decodeUnknownSync(Schema.Tuple(Schema.Number))(time.body)
      expect(serverTime).toBeGreaterThanOrEqual(before)
      expect(serverTime).toBeLessThanOrEqual(Date.now())

      const created = yield* call("POST", `${url}/apps`, { body: { keys: [{}] } })
      expect(created.status).toBe(201)
      const app = decodeAppInfo(created.body)
      const key = keyOf(app, 0)

      const channel = "loop/back"
      const published = yield* call("POST", `${url}${messagesPath(channel)}`, {
        key,
        protocol: "msgpack",
        body: [1, 2, 3].map((n) => ({ name: `n${n}`, data: new Uint8Array([n]) }))
      })
      expect(published.status).toBe(201)
      expect(decodePublish(published.body).channel).toBe(channel)
      const emulator = yield* Emulator
      expect(yield* emulator.messages(app.appId, channel)).toHaveLength(3)

      const first = yield* call("GET", `${url}${messagesPath(channel)}?limit=2`, { key, protocol: "msgpack" })
      expect(first.contentType).toBe("application/x-msgpack")
      expect(first.headers["access-control-allow-origin"]).toBe("*")
      expect(decodeMessages(first.body).map((m) => [m.name, m.data])).toEqual([
        ["n3", new Uint8Array([3])],
        ["n2", new Uint8Array([2])]
      ])
      const next = linkTarget(first.headers["link"], "next")
      expect(next).toMatch(/^\.\/messages\?/)
      const second = yield* call("GET", new URL(next!, first.url).toString(), { key })
      expect(decodeMessages(second.body).map((m) => [m.name, m.data, m.encoding])).toEqual([["n1", "AQ==", "base64"]])

      const denied = yield* call("GET", `${url}/nope`)
      expect(denied.status).toBe(404)
      expect(denied.contentType).toBe("application/json")
      expect(denied.headers["x-ably-errorcode"]).toBe("40400")
      expect(decodeError(denied.body).error.code).toBe(40400)

      const preflight = yield* call("OPTIONS", `${url}${messagesPath(channel)}`, { accept: false })
      expect(preflight.status).toBe(204)
      expect(preflight.headers["access-control-allow-methods"]).toContain("GET")
    }).pipe(Effect.provide(loopback)))
})
