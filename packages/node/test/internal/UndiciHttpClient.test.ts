import { Rest } from "@effect-ably/core"
import { NodeRest } from "@effect-ably/node"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

interface Seen {
  readonly method: string
  readonly url: string
  readonly contentType: string | undefined
  readonly body: Buffer
}

// A real loopback server; `answer` writes each response after the request body is read.
const listen = (answer: (request: IncomingMessage, response: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{ readonly port: number; readonly seen: Array<Seen>; readonly close: () => void }>((resume) => {
      const seen: Array<Seen> = []
      const server = createServer((request, response) => {
        const parts: Array<Buffer> = []
        request.on("data", (part: Buffer) => parts.push(part))
        request.on("end", () => {
          seen.push({
            method: request.method ?? "",
            url: request.url ?? "",
            contentType: request.headers["content-type"],
            body: Buffer.concat(parts)
          })
          answer(request, response)
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const address = server.address() as AddressInfo
        resume(Effect.succeed({ port: address.port, seen, close: () => server.closeAllConnections() }))
      })
    }),
    (held) => Effect.sync(held.close)
  )

const viaClient = <A, E>(f: (client: HttpClient.HttpClient) => Effect.Effect<A, E>) =>
  Effect.provide(Effect.flatMap(HttpClient.HttpClient, f), NodeRest.HttpClientLive)

describe("NodeRest.HttpClientLive (undici Agent.request)", () => {
  it.scoped("sends the method, path, query, headers and bytes; reads status, headers, cookies and JSON", () =>
    Effect.gen(function*() {
      const server = yield* listen((_request, response) => {
        response.writeHead(201, {
          "content-type": "application/json",
          "set-cookie": ["a=1", "b=2"],
          "x-multi": ["x", "y"]
        })
        response.end(JSON.stringify({ ok: true }))
      })
      const request = HttpClientRequest.post(`http://127.0.0.1:${server.port}/channels/c/messages?a=1&b=two`).pipe(
        HttpClientRequest.bodyUint8Array(new Uint8Array([1, 2, 255]), "application/x-msgpack")
      )
      const [status, json, multi, cookies] = yield* viaClient((client) =>
        Effect.flatMap(
          client.execute(request),
          (response) =>
            Effect.map(response.json, (json) =>
              [response.status, json, response.headers["x-multi"], Object.keys(response.cookies.cookies)] as const)
        )
      )
      expect(status).toBe(201)
      expect(json).toEqual({ ok: true })
      expect(multi).toBe("x, y")
      expect(cookies).toEqual(["a", "b"])
      expect(server.seen).toEqual([{
        method: "POST",
        url: "/channels/c/messages?a=1&b=two",
        contentType: "application/x-msgpack",
        body: Buffer.from([1, 2, 255])
      }])
    }))

  it.scoped("a response body can be read as a stream of chunks", () =>
    Effect.gen(function*() {
      const server = yield* listen((_request, response) => {
        response.writeHead(200, { "content-type": "text/plain" })
        response.write("hello ")
        setTimeout(() => response.end("world"), 10)
      })
      const text = yield* viaClient((client) =>
        Effect.flatMap(client.get(`http://127.0.0.1:${server.port}/`), (response) =>
          response.stream.pipe(Stream.decodeText(), Stream.mkString))
      )
      expect(text).toBe("hello world")
    }))

  it.scoped("a 302 is returned as it is, not followed: NodeRest fails with a typed error and nothing reaches the target", () =>
    Effect.gen(function*() {
      const elsewhere = yield* listen((_request, response) => response.end("[1]"))
      const ably = yield* listen((_request, response) => {
        response.writeHead(302, { location: `http://127.0.0.1:${elsewhere.port}/steal` })
        response.end()
      })
      const status = yield* viaClient((client) =>
        Effect.map(client.get(`http://127.0.0.1:${ably.port}/time`), (response) => response.status)
      )
      expect(status).toBe(302)
      const error = yield* Effect.flip(
        Effect.flatMap(Rest.Rest, (rest) => rest.time).pipe(
          Effect.provide(NodeRest.layer({ key: "app.key:secret", endpoint: "127.0.0.1", port: ably.port, tls: false }))
        )
      )
      expect(error._tag).toBe("AblyError")
      expect(elsewhere.seen).toEqual([])
    }))

  it.scoped(
    "an endless chunked answer stops just past maxResponseBytes with a 50000 (the server's answer is cut off)",
    () =>
      Effect.gen(function*() {
        let sent = 0
        let closed = false
        const chunk = Buffer.alloc(1024 * 1024, 0x61)
        const server = yield* listen((_request, response) => {
          response.writeHead(200, { "content-type": "application/json" })
          response.on("close", () => {
            closed = true
          })
          const pump = () => {
            while (!response.destroyed && response.write(chunk)) sent += chunk.length
            if (!response.destroyed) response.once("drain", pump)
          }
          pump()
        })
        const error = yield* Effect.flip(
          Effect.flatMap(Rest.Rest, (rest) => rest.time).pipe(
            Effect.provide(
              NodeRest.layer({ key: "app.key:secret", endpoint: "127.0.0.1", port: server.port, tls: false })
            )
          )
        )
        expect(error).toMatchObject({ _tag: "AblyError", code: 50000 })
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 50)))
        expect(closed).toBe(true)
        expect(sent).toBeLessThan(160 * 1024 * 1024)
      }),
    60_000
  )

  it.scopedLive("an interrupted request aborts its connection while the pool stays open", () =>
    Effect.gen(function*() {
      const client = Context.get(yield* Layer.build(NodeRest.HttpClientLive), HttpClient.HttpClient)
      let aborted = false
      const server = yield* listen((request) => {
        request.socket.on("close", () => {
          aborted = true
        })
      })
      const result = yield* client.get(`http://127.0.0.1:${server.port}/slow`).pipe(
        Effect.timeout("100 millis"),
        Effect.either
      )
      expect(result._tag).toBe("Left")
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 50)))
      expect(aborted).toBe(true)
    }))
})
