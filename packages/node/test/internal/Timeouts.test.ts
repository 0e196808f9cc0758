/**
 * Connect and request timeouts of the undici engine, and deadlines, against real loopback
 * sockets. A connect timeout is made deterministic with a TCP server that accepts every
 * connection and never writes: a TLS client's handshake never completes, so no request ever
 * goes on the socket (what `httpOpenTimeout` bounds). A plain HTTP server that reads the
 * request and never answers is the request timeout. Both servers see when the client closes
 * the socket, which is how the tests prove an abort reaches the wire.
 */
import { Deadline, Rest } from "@effect-ably/core"
import { NodeRest } from "@effect-ably/node"
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import { createServer as createHttpServer } from "node:http"
import { type AddressInfo, createServer, type Server, type Socket } from "node:net"

interface Held {
  readonly port: number
  /** Connections the client closed. */
  readonly closed: () => number
  /** Connections opened. */
  readonly opened: () => number
}

const hold = (server: Server) =>
  Effect.acquireRelease(
    Effect.async<Held & { readonly sockets: Set<Socket> }>((resume) => {
      let closed = 0
      let opened = 0
      const sockets = new Set<Socket>()
      server.on("connection", (socket: Socket) => {
        opened += 1
        sockets.add(socket)
        socket.on("close", () => {
          closed += 1
          sockets.delete(socket)
        })
        socket.on("error", () => undefined)
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          port: (server.address() as AddressInfo).port,
          closed: () => closed,
          opened: () => opened,
          sockets
        })))
    }),
    (held) =>
      Effect.sync(() => {
        for (const socket of held.sockets) socket.destroy()
        server.close()
      })
  )

// Accepts TCP, never answers a byte: a TLS handshake (or anything) never gets anywhere. It
// reads (and drops) what comes, or it would not see the client's end of the stream.
const silentTcp = hold(createServer((socket) => socket.resume()))
// Reads HTTP requests, never answers them.
const silentHttp = hold(createHttpServer(() => undefined))

const execute = (request: Partial<Rest.HttpEngineRequest> & { readonly url: string }) =>
  Effect.flatMap(
    Rest.HttpEngine,
    (engine) =>
      engine.execute({ method: "GET", headers: {}, body: undefined, timeout: 5_000, maxBytes: 1_000, ...request })
  ).pipe(Effect.provide(NodeRest.EngineLive))

const until = (check: () => boolean) =>
  Effect.gen(function*() {
    for (let i = 0; i < 200 && !check(); i++) yield* Effect.sleep("10 millis")
    return check()
  })

const key = "app.key:secret"

describe("undici engine timeouts (RSC13, TO3l3)", () => {
  it.live("TO3l3 - no connection within openTimeout: Timeout with detail 'connect'", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* silentTcp
      const started = Date.now()
      const failure = yield* Effect.flip(
        execute({ url: `https://127.0.0.1:${server.port}/time`, timeout: 5_000, openTimeout: 200 })
      )
      const took = Date.now() - started
      expect(failure).toMatchObject({ reason: "Timeout", detail: "connect" })
      expect(took).toBeGreaterThanOrEqual(190)
      expect(took).toBeLessThan(2_000)
      expect(server.opened()).toBe(1)
    })))

  // undici gives no handle on a connection before a request goes on it: the Agent's own connect
  // timeout is the request's, so undici destroys the socket when the engine gives up (its
  // default would keep it 10 s). undici's connect timer ticks every ~0.5 s, at least ~1 s.
  it.live("TO3l3 - after a connect timeout the half-open socket is closed at once, not 10 s later", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* silentTcp
      const failure = yield* Effect.flip(
        execute({ url: `https://127.0.0.1:${server.port}/time`, timeout: 5_000, openTimeout: 200 })
      )
      expect(failure).toMatchObject({ reason: "Timeout", detail: "connect" })
      const failedAt = Date.now()
      expect(yield* until(() => server.closed() === 1)).toBe(true)
      expect(Date.now() - failedAt).toBeLessThan(2_000)
      expect(server.sockets.size).toBe(0)
    })))

  it.live("TO3l3 - a client that stays up closes each timed-out connection, and its next request connects anew", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* silentTcp
      // The client's Agent lives on: the sockets are closed by the connect timeout, not by its release.
      const rest = Context.get(
        yield* Layer.build(
          NodeRest.layer({ key, endpoint: "127.0.0.1", tlsPort: server.port, httpOpenTimeout: 300 })
        ),
        Rest.Rest
      )
      for (let round = 1; round <= 2; round++) {
        const error = yield* Effect.flip(rest.time)
        expect(error).toMatchObject({ code: 50003, detail: { timeout: "connect" } })
        const failedAt = Date.now()
        expect(yield* until(() => server.closed() === round)).toBe(true)
        expect(Date.now() - failedAt).toBeLessThan(2_000)
        expect(server.opened()).toBe(round)
        expect(server.sockets.size).toBe(0)
      }
    })))

  it.live("RSC13 - connected but no answer: a request timeout after the whole timeout, not a connect timeout", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* silentHttp
      const started = Date.now()
      const failure = yield* Effect.flip(
        execute({ url: `http://127.0.0.1:${server.port}/time`, timeout: 600, openTimeout: 200 })
      )
      const took = Date.now() - started
      expect(failure.reason).toBe("Timeout")
      expect(failure.detail).toBeUndefined()
      // The connect timer fired at 200 ms and gave the connected request the other 400 ms.
      expect(took).toBeGreaterThanOrEqual(590)
      expect(yield* until(() => server.closed() >= 1)).toBe(true)
    })))

  it.live("the client tells them apart: messages, detail.timeout, code 50003 and reason Timeout", () =>
    Effect.scoped(Effect.gen(function*() {
      const tcp = yield* silentTcp
      const connect = yield* Effect.flip(
        Effect.flatMap(Rest.Rest, (rest) => rest.time).pipe(
          Effect.provide(NodeRest.layer({ key, endpoint: "127.0.0.1", tlsPort: tcp.port, httpOpenTimeout: 200 }))
        )
      )
      expect(connect).toMatchObject({ code: 50003, statusCode: 500, reason: "Timeout", detail: { timeout: "connect" } })
      expect(connect.message).toBe("Timeout: could not connect to 127.0.0.1 within 200ms")
      const http = yield* silentHttp
      const request = yield* Effect.flip(
        Effect.flatMap(Rest.Rest, (rest) => rest.time).pipe(
          Effect.provide(
            NodeRest.layer({ key, endpoint: "127.0.0.1", port: http.port, tls: false, httpRequestTimeout: 300 })
          )
        )
      )
      expect(request).toMatchObject({ code: 50003, reason: "Timeout", detail: { timeout: "request" } })
      expect(request.message).toBe("Timeout: no response from 127.0.0.1 within 300ms")
    })))

  it.live("a deadline shorter than httpRequestTimeout ends the call with a deadline error and closes the socket", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* silentHttp
      // The client stays up until the end: the socket is closed by the abort, not by its release.
      const rest = Context.get(
        yield* Layer.build(NodeRest.layer({ key, endpoint: "127.0.0.1", port: server.port, tls: false })),
        Rest.Rest
      )
      const started = Date.now()
      const error = yield* Effect.flip(rest.time.pipe(Deadline.withDeadline("300 millis")))
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(error).toMatchObject({ code: 50003, reason: "Timeout", detail: { timeout: "deadline" } })
      expect(error.message).toMatch(/^Timeout: the call's deadline of 300ms was reached/)
      expect(yield* until(() => server.closed() >= 1)).toBe(true)
    })))

  it.live("interrupting a call aborts its request on the socket", () =>
    Effect.scoped(Effect.gen(function*() {
      const server = yield* silentHttp
      const rest = Context.get(
        yield* Layer.build(NodeRest.layer({ key, endpoint: "127.0.0.1", port: server.port, tls: false })),
        Rest.Rest
      )
      const fiber = yield* Effect.fork(rest.time)
      expect(yield* until(() => server.opened() === 1)).toBe(true)
      yield* Effect.sleep("50 millis")
      expect(server.closed()).toBe(0)
      yield* Fiber.interrupt(fiber)
      expect(yield* until(() => server.closed() >= 1)).toBe(true)
    })))
})
