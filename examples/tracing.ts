/**
 * Tracing: the span tree of a publish that fell back to a second host, through OpenTelemetry
 * (`@effect/opentelemetry`'s NodeSdk). The embedded emulator answers 503 on the primary host, so
 * the client retries on a fallback host; every public operation is a span, and every HTTP
 * attempt a client span under it with its host, attempt number, status, Ably error code and
 * request id (`addRequestIds`: one id per request, the same on every attempt). Spans are made only
 * under a recording tracer such as this one, and no propagation header (`traceparent`, `b3`) is
 * sent to Ably.
 *
 *   npx tsx examples/tracing.ts
 */
import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as NodeSdk from "@effect/opentelemetry/NodeSdk"
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { fileURLToPath } from "node:url"

/** The host the client uses first, and the one fallback it is given. */
export const primaryHost = "main.realtime.ably.net"
export const fallbackHost = "main.a.fallback.ably-realtime.com"

// What the app does: one publish inside a span of its own.
const publishGreeting = Effect.gen(function*() {
  const emulator = yield* Emulator.Emulator
  yield* emulator.faults.set([{ host: primaryHost, action: { type: "status", status: 503 } }])
  const rest = yield* Rest.Rest
  yield* rest.channels.get("greetings").publish("hello", "from a traced app").pipe(Effect.withSpan("app.greet"))
  return (yield* Emulator.EmulatorApp).keys
})

/**
 * Runs the publish with an OpenTelemetry tracer exporting to memory; answers the finished spans
 * (read before the layer closes: shutting the SDK down empties an in-memory exporter) and the
 * emulator app's keys (so a test can look for their secrets in the spans).
 */
export const run = Effect.gen(function*() {
  const exporter = new InMemorySpanExporter()
  return yield* publishGreeting.pipe(
    Effect.provide(Emulator.layerRest({ fallbackHosts: [fallbackHost], addRequestIds: true })),
    Effect.map((keys) => ({ spans: exporter.getFinishedSpans(), keys })),
    Effect.provide(
      NodeSdk.layer(() => ({
        resource: { serviceName: "effect-ably-tracing-example" },
        spanProcessor: new SimpleSpanProcessor(exporter)
      }))
    )
  )
})

/** One line per span, children indented under their parent, with the attributes that tell the story. */
export const tree = (spans: ReadonlyArray<ReadableSpan>): Array<string> => {
  const ids = new Set(spans.map((span) => span.spanContext().spanId))
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId
  const lines: Array<string> = []
  const show = (span: ReadableSpan, depth: number) => {
    const attributes = [
      "ably.channel",
      "ably.message.count",
      "http.request.method",
      "server.address",
      "ably.attempt",
      "http.response.status_code",
      "ably.error.code",
      "ably.request_id"
    ]
      .filter((key) => span.attributes[key] !== undefined)
      .map((key) => `${key}=${String(span.attributes[key])}`)
    lines.push(`${"  ".repeat(depth)}${span.name}${attributes.length > 0 ? ` (${attributes.join(", ")})` : ""}`)
    spans
      .filter((child) => parentOf(child) === span.spanContext().spanId)
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])
      .forEach((child) => show(child, depth + 1))
  }
  spans.filter((span) => {
    const parent = parentOf(span)
    return parent === undefined || !ids.has(parent)
  }).forEach((root) => show(root, 0))
  return lines
}

const main = Effect.gen(function*() {
  const { spans } = yield* run
  for (const line of tree(spans)) yield* Console.log(line)
})

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  Effect.runPromise(main).catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
