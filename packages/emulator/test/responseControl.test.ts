import { describe, expect, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { flatten, pickFields, select } from "../src/http/ResponseControl.js"
import { layer as emulatorLayer } from "../src/index.js"
import { call, createTestApp, keyOf, messagesPath } from "./support.js"

// The examples of Ably's REST API documentation (response content control).
const stats = [{ channels: { peak: 2, min: 1, mean: 3, opened: 2 }, intervalId: "2015-11-20:15", unit: "hour" }]

describe("response reshaping", () => {
  it("fields, flatten and select on the documented examples", () => {
    expect(pickFields(stats, ["channels.peak", "intervalId"])).toEqual([{
      channels: { peak: 2 },
      intervalId: "2015-11-20:15"
    }])
    expect(flatten(pickFields(stats, ["channels.peak", "intervalId"]))).toEqual({
      "0.channels.peak": 2,
      "0.intervalId": "2015-11-20:15"
    })
    expect(select(stats, "*.channels.*")).toEqual({
      "0.channels.peak": 2,
      "0.channels.min": 1,
      "0.channels.mean": 3,
      "0.channels.opened": 2
    })
    expect(select(stats, "*.channels")).toEqual({ "0.channels": stats[0]!.channels })
    expect(pickFields({ a: 1 }, ["missing"])).toEqual({})
  })
})

layer(emulatorLayer)("response control over HTTP", (it) => {
  it.effect("envelope=json wraps status, body and links in a 200; errors too", () =>
    Effect.gen(function*() {
      const app = yield* createTestApp
      const key = keyOf(app, 0)
      yield* call("POST", messagesPath("env"), { key, body: [{ name: "a" }, { name: "b" }] })
      const page = yield* call("GET", `${messagesPath("env")}?limit=1&envelope=json`, { key })
      expect(page.status).toBe(200)
      expect(page.headers["link"]).toBeUndefined()
      expect(page.body).toMatchObject({
        statusCode: 200,
        response: [{ name: "b" }],
        rel: {
          first: expect.stringMatching(/^\.\/messages\?/),
          current: expect.any(String),
          next: expect.stringMatching(/cursor=/)
        }
      })
      const missing = yield* call("GET", "/nowhere?envelope=json", { key })
      expect([missing.status, missing.body]).toMatchObject([200, {
        statusCode: 404,
        response: { error: { code: 40400 } }
      }])
    }))

  it.effect("fields, flatten and select apply to successful answers in either protocol", () =>
    Effect.gen(function*() {
      const app = yield* createTestApp
      const key = keyOf(app, 0)
      yield* call("POST", messagesPath("shape"), { key, body: [{ name: "a", extras: { headers: { k: "v" } } }] })
      const fields = yield* call("GET", `${messagesPath("shape")}?fields=name,extras.headers.k`, {
        key,
        protocol: "msgpack"
      })
      expect(fields.body).toEqual([{ name: "a", extras: { headers: { k: "v" } } }])
      const flat = yield* call("GET", `${messagesPath("shape")}?fields=name&flatten=true`, { key })
      expect(flat.body).toEqual({ "0.name": "a" })
      const selected = yield* call("GET", `${messagesPath("shape")}?select=*.extras.*`, { key })
      expect(selected.body).toEqual({ "0.extras.headers": { k: "v" } })
      const error = yield* call("GET", `${messagesPath(":bad")}?fields=name`, { key })
      expect(error.body).toMatchObject({ error: { code: 40010 } })
    }))
})
