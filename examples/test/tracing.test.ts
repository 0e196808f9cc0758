/**
 * The tracing example (issue #14): the span tree of a publish that fell back to a second host,
 * with no secret in any span; and no propagation header reaches Ably under a recording tracer,
 * through the Node engine or through a platform `HttpClient`.
 */
import { Rest } from "@effect-ably/core"
import { NodeRest } from "@effect-ably/node"
import * as NodeSdk from "@effect/opentelemetry/NodeSdk"
import { describe, expect, it } from "@effect/vitest"
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import { fallbackHost, primaryHost, run, tree } from "../tracing.js"

describe("examples/tracing.ts", () => {
  it.effect("RSC15, RSC7c: app span → publish span → one client span per attempt, primary 503 then fallback 201", () =>
    Effect.gen(function*() {
      const { spans } = yield* run
      const lines = tree(spans).filter((line) => !line.trimStart().startsWith("Emulator."))
      const requestId = /ably\.request_id=([\w-]+)\)$/.exec(lines[2] ?? "")?.[1]
      expect(requestId).toMatch(/^[\w-]{8,}$/)
      expect(lines).toEqual([
        "app.greet",
        "  RestChannel.publish (ably.channel=greetings, ably.message.count=1)",
        `    Ably.http (http.request.method=POST, server.address=${primaryHost}, ably.attempt=1, http.response.status_code=503, ably.error.code=50300, ably.request_id=${requestId})`,
        `    Ably.http (http.request.method=POST, server.address=${fallbackHost}, ably.attempt=2, http.response.status_code=201, ably.request_id=${requestId})`
      ])
      const attempts = spans.filter((span) => span.name === "Ably.http")
      expect(attempts.map((span) => span.kind)).toEqual([2, 2]) // SpanKind.CLIENT
    }))

  it.effect("no span name, attribute, event or status holds the key's secret or an Authorization value", () =>
    Effect.gen(function*() {
      const { keys, spans } = yield* run
      const rendered = JSON.stringify(spans.map((span) => ({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
        status: span.status,
        links: span.links
      })))
      expect(keys.length).toBeGreaterThan(0)
      for (const key of keys) {
        expect(rendered).not.toContain(key.keySecret)
        expect(rendered).not.toContain(Buffer.from(key.keyStr).toString("base64"))
      }
      expect(rendered).not.toMatch(/Basic |Bearer /)
    }))

  const recordingServer = Effect.acquireRelease(
    Effect.async<{ port: number; headers: Array<IncomingHttpHeaders>; close: () => void }>((resume) => {
      const headers: Array<IncomingHttpHeaders> = []
      const server = createServer((request, response) => {
        headers.push(request.headers)
        request.resume().on("end", () => {
          response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ serials: ["s1"] }))
        })
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          port: (server.address() as AddressInfo).port,
          headers,
          close: () => server.close()
        })))
    }),
    (server) => Effect.sync(server.close)
  )

  const tracer = () => {
    const exporter = new InMemorySpanExporter()
    const layer = NodeSdk.layer(() => ({
      resource: { serviceName: "propagation-test" },
      spanProcessor: new SimpleSpanProcessor(exporter)
    }))
    return { exporter, layer }
  }

  const options = (port: number) => ({
    key: "app.key:a-secret",
    endpoint: "127.0.0.1",
    port,
    tls: false,
    fallbackHosts: [],
    useBinaryProtocol: false
  })

  for (
    const [name, client] of [
      ["NodeRest.layer (the undici engine)", (port: number) => NodeRest.layer(options(port))],
      [
        "Rest.layer over NodeRest.HttpClientLive (a platform HttpClient)",
        (port: number) => Rest.layer(options(port)).pipe(Layer.provide(NodeRest.HttpClientLive))
      ]
    ] as const
  ) {
    it.scoped(`no traceparent, tracestate or b3 header is sent to Ably under a recording tracer: ${name}`, () =>
      Effect.gen(function*() {
        const server = yield* recordingServer
        const { exporter, layer } = tracer()
        const spanCount = yield* Effect.flatMap(Rest.Rest, (rest) => rest.channels.get("c").publish("n", "d")).pipe(
          Effect.withSpan("app.publish"),
          Effect.provide(client(server.port)),
          Effect.zipRight(Effect.sync(() => exporter.getFinishedSpans().length)),
          Effect.provide(layer)
        )
        expect(spanCount).toBeGreaterThanOrEqual(3) // app.publish, RestChannel.publish, Ably.http
        expect(server.headers).toHaveLength(1)
        const sent = Object.keys(server.headers[0]!)
        expect(sent).toContain("authorization")
        for (const header of ["traceparent", "tracestate", "b3", "x-b3-traceid"]) expect(sent).not.toContain(header)
      }))
  }
})
