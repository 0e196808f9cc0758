import { Codec, Utf8 } from "@effect-ably/core/wire"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { request as httpRequest } from "node:http"
import { garbageBody } from "../src/faults/Inject.js"
import { Emulator, type FaultRule } from "../src/index.js"
import { EmulatorAddress, layerServer } from "../src/server.js"
import { basic, call, createTestApp, decodeError, keyOf, messagesPath } from "./support.js"

interface RawOutcome {
  readonly status?: number
  readonly headers?: Readonly<Record<string, string | Array<string> | undefined>>
  readonly body: Uint8Array
  readonly error?: string
}

// A publish over node:http, keeping whatever arrived before the connection ended.
const rawPublish = (url: string, key: string, channel: string) =>
  Effect.async<RawOutcome>((resume) => {
    const chunks: Array<Uint8Array> = []
    const done = (outcome: Omit<RawOutcome, "body">) =>
      resume(Effect.succeed({ ...outcome, body: new Uint8Array(Buffer.concat(chunks)) }))
    const body = Either.getOrThrow(Codec.encode("json", [{ name: "n", data: "some data to make the answer longer" }]))
    const req = httpRequest(`${url}${messagesPath(channel)}`, {
      method: "POST",
      headers: {
        authorization: basic(key),
        "content-type": "application/json",
        "content-length": body.length,
        connection: "close"
      }
    })
    req.on("response", (res) => {
      res.on("data", (chunk: Buffer) => chunks.push(chunk))
      res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers }))
      res.on("error", (error) => done({ status: res.statusCode ?? 0, headers: res.headers, error: error.message }))
      res.on("aborted", () => done({ status: res.statusCode ?? 0, headers: res.headers, error: "aborted" }))
    })
    req.on("error", (error) => done({ error: error.message }))
    req.end(body)
  })

const withFaults = (rules: ReadonlyArray<FaultRule.FaultRule>) =>
  Effect.flatMap(Emulator, (emulator) => Effect.zipRight(emulator.faults.clearRequests, emulator.faults.set(rules)))

const hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]

layer(Layer.merge(layerServer({ port: 0, hosts }), FetchHttpClient.layer), { excludeTestServices: true })(
  "fault injection on loopback",
  (it) => {
    it.effect("several addresses on one port share one state; every address is exposed", () =>
      Effect.gen(function*() {
        const address = yield* EmulatorAddress
        expect(address.addresses.map((a) => a.host)).toEqual(hosts)
        expect(new Set(address.addresses.map((a) => a.port)).size).toBe(1)
        expect(address.url).toBe(`http://127.0.0.1:${address.port}`)
        const emulator = yield* Emulator
        const app = yield* createTestApp
        yield* emulator.faults.clearRequests
        for (const { url } of address.addresses) {
          expect(
            (yield* call("POST", `${url}${messagesPath("shared")}`, { key: keyOf(app, 0), body: [{ name: url }] }))
              .status
          ).toBe(201)
        }
        expect((yield* emulator.messages(app.appId, "shared")).map((m) => m.name)).toEqual(
          address.addresses.map((a) => a.url)
        )
        expect((yield* emulator.faults.requests).map((r) => [r.host, r.port])).toEqual(
          hosts.map((host) => [host, address.port])
        )
      }))

    it.effect("status and Server: CloudFront on one host only (by the connection's address)", () =>
      Effect.gen(function*() {
        const { addresses } = yield* EmulatorAddress
        const app = yield* createTestApp
        yield* withFaults([{ host: "127.0.0.2", action: { type: "status", status: 504, server: "CloudFront" } }])
        const faulted = yield* call("GET", `${addresses[1]!.url}/channels/x`, { key: keyOf(app, 0) })
        expect([faulted.status, faulted.headers["server"], faulted.headers["x-ably-errorcode"]]).toEqual([
          504,
          "CloudFront",
          "50400"
        ])
        expect(decodeError(faulted.body).error.code).toBe(50400)
        expect((yield* call("GET", `${addresses[0]!.url}/channels/x`, { key: keyOf(app, 0) })).status).toBe(200)
        expect((yield* call("GET", `${addresses[2]!.url}/channels/x`, { key: keyOf(app, 0) })).status).toBe(200)
      }))

    it.effect("delay in real time", () =>
      Effect.gen(function*() {
        const { url } = yield* EmulatorAddress
        yield* withFaults([{ path: "/time", times: 1, action: { type: "delay", ms: 300 } }])
        const start = Date.now()
        expect((yield* call("GET", `${url}/time`)).status).toBe(200)
        expect(Date.now() - start).toBeGreaterThanOrEqual(290)
        const again = Date.now()
        yield* call("GET", `${url}/time`)
        expect(Date.now() - again).toBeLessThan(250)
      }))

    it.effect("reset before: the socket is destroyed with no answer and nothing stored; after: stored, no answer", () =>
      Effect.gen(function*() {
        const { url } = yield* EmulatorAddress
        const emulator = yield* Emulator
        const app = yield* createTestApp
        for (const stage of ["before", "after"] as const) {
          yield* withFaults([{ times: 1, action: { type: "reset", stage } }])
          const outcome = yield* rawPublish(url, keyOf(app, 0), `reset-${stage}`)
          expect(outcome.status).toBeUndefined()
          expect(outcome.error).toMatch(/socket hang up|ECONNRESET/)
          expect(yield* emulator.messages(app.appId, `reset-${stage}`)).toHaveLength(stage === "before" ? 0 : 1)
          // Through fetch too: a RequestError with reason Transport.
          yield* withFaults([{ times: 1, action: { type: "reset", stage } }])
          const viaFetch = yield* Effect.flip(
            call("POST", `${url}${messagesPath(`fetch-${stage}`)}`, { key: keyOf(app, 0), body: [{}] })
          )
          expect(viaFetch._tag === "RequestError" && viaFetch.reason).toBe("Transport")
        }
        // The server still answers afterwards.
        expect((yield* call("GET", `${url}/time`)).status).toBe(200)
      }))

    it.effect("truncate: status, headers and the first bytes arrive, then the connection drops; stored", () =>
      Effect.gen(function*() {
        const { url } = yield* EmulatorAddress
        const emulator = yield* Emulator
        const app = yield* createTestApp
        yield* withFaults([{ times: 1, action: { type: "truncate", bytes: 7 } }])
        const outcome = yield* rawPublish(url, keyOf(app, 0), "cut")
        expect(outcome.status).toBe(201)
        expect(Number(outcome.headers?.["content-length"])).toBeGreaterThan(7)
        expect(outcome.body.length).toBe(7)
        expect(outcome.error).toBeDefined()
        expect(yield* emulator.messages(app.appId, "cut")).toHaveLength(1)
        yield* withFaults([{ times: 1, action: { type: "truncate" } }])
        const viaFetch = yield* Effect.flip(
          call("POST", `${url}${messagesPath("cut")}`, { key: keyOf(app, 0), body: [{}] })
        )
        expect(viaFetch._tag).toBe("ResponseError")
        expect(yield* emulator.messages(app.appId, "cut")).toHaveLength(2)
      }))

    it.effect("garbage and wrong Content-Type over the socket", () =>
      Effect.gen(function*() {
        const { url } = yield* EmulatorAddress
        const app = yield* createTestApp
        yield* withFaults([{ times: 1, action: { type: "garbage" } }])
        const garbage = yield* rawPublish(url, keyOf(app, 0), "g")
        expect([garbage.status, garbage.headers?.["content-type"], garbage.error]).toEqual([
          201,
          "application/json",
          undefined
        ])
        expect(garbage.body).toEqual(garbageBody)
        yield* withFaults([{ times: 1, action: { type: "contentType", contentType: "text/plain" } }])
        const plain = yield* rawPublish(url, keyOf(app, 0), "g")
        expect([plain.status, plain.headers?.["content-type"]]).toEqual([201, "text/plain"])
        expect(JSON.parse(Utf8.decode(plain.body))).toMatchObject({ channel: "g" })
      }))

    it.effect("rules set over HTTP apply to the loopback server", () =>
      Effect.gen(function*() {
        const { addresses } = yield* EmulatorAddress
        const put = yield* call("PUT", `${addresses[2]!.url}/_emulator/faults`, {
          body: { rules: [{ host: "127.0.0.3", path: "/time", action: { type: "status", status: 500 } }] }
        })
        expect(put.status).toBe(204)
        expect((yield* call("GET", `${addresses[2]!.url}/time`)).status).toBe(500)
        expect((yield* call("GET", `${addresses[0]!.url}/time`)).status).toBe(200)
        expect((yield* call("DELETE", `${addresses[2]!.url}/_emulator/faults`)).status).toBe(204)
        expect((yield* call("GET", `${addresses[2]!.url}/time`)).status).toBe(200)
      }))
  }
)

describe("layerServer options", () => {
  layer(layerServer({ host: "127.0.0.1" }), { excludeTestServices: true })("the single-host options", (it) => {
    it.effect("still work: one address", () =>
      Effect.map(EmulatorAddress, (address) => {
        expect(address.addresses).toEqual([{ host: "127.0.0.1", port: address.port, url: address.url }])
      }))
  })
})
