/**
 * Spans of public operations (issue #11): under a tracer that records, each operation is one
 * span nested under the caller's, with its attributes and its exit; under Effect's built-in
 * tracer (which records nowhere) the SDK makes none, so a callback it runs sees the caller's
 * own span as the current one.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Ref from "effect/Ref"
import { json } from "./utils/FakeHttp.js"
import { restWith, testKey } from "./utils/restWith.js"
import { spanRecorder } from "./utils/SecretScan.js"

const answers = (path: string) =>
  path.endsWith("/messages") ? json(201, { serials: ["s1"] }) : path === "/time" ? json(200, [1]) : json(200, [])

describe("spans of public operations", () => {
  it.effect("under a recording tracer: one span per operation, nested under the caller's, with attributes and exit", () =>
    Effect.gen(function*() {
      const spans = spanRecorder()
      const { rest } = yield* restWith({ key: testKey, fallbackHosts: [] }, (seen) => answers(seen.url.pathname))
      const orders = rest.channel("orders")
      const run = <A, E>(effect: Effect.Effect<A, E>) =>
        effect.pipe(Effect.withSpan("user.operation"), Effect.withTracer(spans.tracer), Effect.exit)
      expect(Exit.isSuccess(yield* run(orders.publish("created", { id: 1 })))).toBe(true)
      expect(Exit.isSuccess(yield* run(rest.time))).toBe(true)
      expect(Exit.isFailure(yield* run(orders.publish(42 as unknown as string)))).toBe(true)
      const names = spans.spans.map((span) => span.name)
      expect(names.filter((name) => name === "RestChannel.publish")).toHaveLength(2)
      expect(names).toContain("Rest.time")
      const publish = spans.spans.find((span) => span.name === "RestChannel.publish")!
      expect(publish.attributes.get("ably.channel")).toBe("orders")
      const failed = spans.spans.filter((span) => span.name === "RestChannel.publish")[1]!
      expect(failed.exit !== undefined && Exit.isFailure(failed.exit)).toBe(true)
    }))

  it.effect("RSC15 - one client span per HTTP attempt, under the operation's: host, attempt number, status", () =>
    Effect.gen(function*() {
      const spans = spanRecorder()
      const fallback = "fallback-a.example.test"
      const { rest } = yield* restWith(
        { key: testKey, fallbackHosts: [fallback] },
        (seen) => seen.url.hostname === fallback ? answers(seen.url.pathname) : json(503, { error: { code: 50300 } })
      )
      yield* rest.channel("orders").publish("created", "x").pipe(Effect.withTracer(spans.tracer))
      const attempts = spans.spans.filter((span) => span.name === "Ably.http")
      expect(
        attempts.map((span) => [span.attributes.get("ably.attempt"), span.attributes.get("http.response.status_code")])
      )
        .toEqual([[1, 503], [2, 201]])
      expect(attempts[1]!.attributes.get("server.address")).toBe(fallback)
      expect(attempts.every((span) => span.kind === "client")).toBe(true)
    }))

  it.effect("RSC15m - without fallback hosts the one attempt has its client span too, with its status", () =>
    Effect.gen(function*() {
      const spans = spanRecorder()
      const { rest } = yield* restWith({ key: testKey, fallbackHosts: [] }, (seen) => answers(seen.url.pathname))
      yield* rest.channel("orders").publish("created", "x").pipe(Effect.withTracer(spans.tracer))
      yield* rest.time.pipe(Effect.withTracer(spans.tracer))
      const attempts = spans.spans.filter((span) => span.name === "Ably.http")
      expect(
        attempts.map((span) => [span.attributes.get("url.path"), span.attributes.get("http.response.status_code")])
      )
        .toEqual([["/channels/orders/messages", 201], ["/time", 200]])
      expect(attempts.every((span) => span.kind === "client" && span.attributes.get("ably.attempt") === 1)).toBe(true)
    }))

  it.effect("an attempt span is the operation's child, with the fiber's span annotations and links; none with tracing off", () =>
    Effect.gen(function*() {
      const spans = spanRecorder()
      const { rest } = yield* restWith({ key: testKey, fallbackHosts: [] }, (seen) => answers(seen.url.pathname))
      const linked = yield* Effect.makeSpan("linked.elsewhere").pipe(Effect.withTracer(spans.tracer))
      yield* rest.channel("orders").publish("created", "x").pipe(
        Effect.annotateSpans("app.tenant", "t1"),
        Effect.linkSpans(linked, { reason: "test" }),
        Effect.withSpan("user.operation"),
        Effect.withTracer(spans.tracer)
      )
      const attempt = spans.spans.find((span) => span.name === "Ably.http")!
      expect(attempt.parent).toBe("RestChannel.publish")
      expect(spans.spans.find((span) => span.name === "RestChannel.publish")!.parent).toBe("user.operation")
      expect(attempt.attributes.get("app.tenant")).toBe("t1")
      expect(attempt.attributes.get("http.response.status_code")).toBe(201)
      expect(attempt.links.map((link) => link.span.spanId)).toEqual([linked.spanId])
      const before = spans.spans.length
      yield* rest.channel("orders").publish("again", "y").pipe(
        Effect.withTracerEnabled(false),
        Effect.withTracer(spans.tracer)
      )
      expect(spans.spans.slice(before).filter((span) => span.name === "Ably.http")).toEqual([])
    }))

  it.effect("under the built-in tracer no SDK span is made: an Effect authCallback sees the caller's span", () =>
    Effect.gen(function*() {
      const seenSpans: Array<string> = []
      const authCallback = () =>
        Effect.map(Effect.currentSpan, (span) => {
          seenSpans.push(span.name)
          return "a-token-string"
        }).pipe(Effect.orElseSucceed(() => "a-token-string"))
      const { rest, seen } = yield* restWith(
        { authCallback, fallbackHosts: [] },
        (request) => answers(request.url.pathname)
      )
      yield* rest.channel("orders").publish("created", "x").pipe(Effect.withSpan("user.operation"))
      expect(seenSpans).toEqual(["user.operation"])
      expect(yield* Ref.get(seen)).toHaveLength(1)
      // With a recording tracer a new client's callback runs inside the SDK's spans.
      const spans = spanRecorder()
      const traced = yield* restWith({ authCallback, fallbackHosts: [] }, (request) => answers(request.url.pathname))
      yield* traced.rest.channel("orders").publish("again", "y").pipe(
        Effect.withSpan("user.operation"),
        Effect.withTracer(spans.tracer)
      )
      expect(seenSpans).toHaveLength(2)
      expect(seenSpans[1]).not.toBe("user.operation")
      expect(spans.spans.map((span) => span.name)).toEqual(
        expect.arrayContaining(["user.operation", "RestChannel.publish"])
      )
    }))
})
