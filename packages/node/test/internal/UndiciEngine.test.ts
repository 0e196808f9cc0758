import { Rest } from "@effect-ably/core"
import { NodeRest } from "@effect-ably/node"
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly body: Buffer
}

// A loopback server; `answer` runs once the request body is read. `closed` counts requests
// whose socket closed before an answer was written.
const listen = (answer: (request: IncomingMessage, response: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{ port: number; seen: Array<Seen>; closed: () => number; close: () => void }>((resume) => {
      const seen: Array<Seen> = []
      let closed = 0
      const server = createServer((request, response) => {
        const parts: Array<Buffer> = []
        response.on("close", () => {
          if (!response.writableFinished) closed += 1
        })
        request.on("data", (part: Buffer) => parts.push(part))
        request.on("end", () => {
          seen.push({
            method: request.method ?? "",
            url: request.url ?? "",
            headers: request.headers,
            body: Buffer.concat(parts)
          })
          answer(request, response)
        })
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          port: (server.address() as AddressInfo).port,
          seen,
          closed: () => closed,
          close: () => {
            server.closeAllConnections()
            server.close()
          }
        })))
    }),
    (held) => Effect.sync(held.close)
  )

const execute = (request: Partial<Rest.HttpEngineRequest> & { readonly url: string }) =>
  Effect.flatMap(
    Rest.HttpEngine,
    (engine) =>
      engine.execute({ method: "GET", headers: {}, body: undefined, timeout: 5_000, maxBytes: 1_000, ...request })
  ).pipe(Effect.provide(NodeRest.EngineLive))

describe("NodeRest.EngineLive (undici dispatch)", () => {
  it.scoped("sends method, path, query, headers and bytes; answers status, lower-case flat headers and bytes", () =>
    Effect.gen(function*() {
      const server = yield* listen((_request, response) => {
        response.writeHead(201, { "Content-Type": "application/json", "X-Multi": ["x", "y"] })
        response.end("[1]")
      })
      const response = yield* execute({
        method: "POST",
        url: `http://127.0.0.1:${server.port}/channels/c/messages?a=1&b=two`,
        headers: { "content-type": "application/x-msgpack", "x-ably-version": "6" },
        body: new Uint8Array([1, 2, 255])
      })
      expect(response.status).toBe(201)
      expect(response.headers["content-type"]).toBe("application/json")
      expect(response.headers["x-multi"]).toBe("x, y")
      expect(new TextDecoder().decode(response.body)).toBe("[1]")
      // A plain Uint8Array: decoded binary data are views of it, and must equal Uint8Arrays.
      expect(Buffer.isBuffer(response.body)).toBe(false)
      expect(server.seen).toMatchObject([{ method: "POST", url: "/channels/c/messages?a=1&b=two" }])
      expect(server.seen[0]!.headers["x-ably-version"]).toBe("6")
      expect(server.seen[0]!.headers["content-length"]).toBe("3")
      expect(server.seen[0]!.body).toEqual(Buffer.from([1, 2, 255]))
    }))

  it.scoped("a redirect is an answer, never followed", () =>
    Effect.gen(function*() {
      const server = yield* listen((_request, response) => {
        response.writeHead(302, { location: "/elsewhere" })
        response.end()
      })
      const response = yield* execute({ url: `http://127.0.0.1:${server.port}/time` })
      expect(response.status).toBe(302)
      expect(server.seen.map((seen) => seen.url)).toEqual(["/time"])
    }))

  it.scoped("a refused connection is a Transport failure", () =>
    Effect.gen(function*() {
      const server = yield* listen(() => {})
      const port = server.port
      server.close()
      const failure = yield* Effect.flip(execute({ url: `http://127.0.0.1:${port}/time` }))
      expect(failure).toMatchObject({ _tag: "EngineFailure", reason: "Transport" })
    }))

  it.scoped("RSC13 - no answer within the timeout is a Timeout failure, and the request is aborted", () =>
    Effect.gen(function*() {
      const server = yield* listen(() => {})
      const failure = yield* Effect.flip(execute({ url: `http://127.0.0.1:${server.port}/time`, timeout: 100 }))
      expect(failure).toMatchObject({ _tag: "EngineFailure", reason: "Timeout" })
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
      expect(server.closed()).toBe(1)
    }))

  it.scoped("interruption aborts the request: the server sees its socket close while the pool lives on", () =>
    Effect.gen(function*() {
      const server = yield* listen(() => {})
      // The engine outlives the interrupted request: closing its pool would close the socket too.
      const engine = Context.get(yield* Layer.build(NodeRest.EngineLive), Rest.HttpEngine)
      const fiber = yield* Effect.fork(
        engine.execute({
          method: "GET",
          url: `http://127.0.0.1:${server.port}/time`,
          headers: {},
          body: undefined,
          timeout: 5_000,
          maxBytes: 1_000
        })
      )
      while (server.seen.length === 0) yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 10)))
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 100)))
      expect(server.closed()).toBe(1)
    }))

  it.scoped("a declared Content-Length over maxBytes fails TooLarge before the body is read", () =>
    Effect.gen(function*() {
      const server = yield* listen((_request, response) => {
        response.writeHead(200, { "content-type": "application/json", "content-length": "5000" })
        response.write("[")
      })
      const failure = yield* Effect.flip(execute({ url: `http://127.0.0.1:${server.port}/time` }))
      expect(failure).toMatchObject({ reason: "TooLarge" })
      expect(failure.detail).toContain("Content-Length 5000")
    }))

  it.scoped("a chunked body stops being read as soon as it passes maxBytes", () =>
    Effect.gen(function*() {
      const server = yield* listen((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        const timer = setInterval(() => response.write("x".repeat(400)), 5)
        response.on("close", () => clearInterval(timer))
      })
      const failure = yield* Effect.flip(execute({ url: `http://127.0.0.1:${server.port}/time` }))
      expect(failure).toMatchObject({ reason: "TooLarge" })
      expect(failure.detail).toContain("more than 1000 bytes sent")
    }))

  it.scoped("a body that breaks off after the headers is a Read failure", () =>
    Effect.gen(function*() {
      const server = yield* listen((_request, response) => {
        response.writeHead(200, { "content-type": "application/json", "content-length": "100" })
        response.write("[1,", () => response.destroy())
      })
      const failure = yield* Effect.flip(execute({ url: `http://127.0.0.1:${server.port}/time` }))
      expect(failure).toMatchObject({ reason: "Read" })
    }))

  it.scoped("through NodeRest.layer: a publish goes out once, with Ably's headers and no tracing headers", () =>
    Effect.gen(function*() {
      const server = yield* listen((_request, response) => {
        response.writeHead(201, { "content-type": "application/json" })
        response.end("{}")
      })
      yield* Effect.flatMap(Rest.Rest, (rest) => rest.channels.get("c").publish("greeting", "hi")).pipe(
        Effect.provide(NodeRest.layer({ key: "app.key:secret", endpoint: "127.0.0.1", port: server.port, tls: false }))
      )
      expect(server.seen).toHaveLength(1)
      const headers = server.seen[0]!.headers
      expect(headers["content-type"]).toBe("application/x-msgpack")
      expect(headers["accept"]).toBe("application/x-msgpack")
      expect(headers["authorization"]).toMatch(/^Basic /)
      expect(headers["b3"]).toBeUndefined()
      expect(headers["traceparent"]).toBeUndefined()
    }))
})
