/**
 * The spans of public operations. Under a tracer that records them (OpenTelemetry through
 * `@effect/opentelemetry`, Effect's DevTools, a test's tracer) each operation is
 * `Effect.withSpan`, nested under the caller's span. Under Effect's built-in tracer, which
 * records nowhere, no span is made: there it would cost about a fifth of a publish's CPU for
 * nothing anyone can read (the one trace left is the `at RestChannel.publish` line that
 * `Cause.pretty` adds below a failure's stack).
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import type * as Tracer from "effect/Tracer"

let builtIn: Tracer.Tracer | undefined

// The tracer of Effect's default runtime, read on first use (nothing runs at import).
const builtInTracer = (): Tracer.Tracer => (builtIn ??= Effect.runSync(Effect.tracer))

/**
 * `Effect.withSpan(name, options)` (stack traces never captured) when the running tracer is
 * not Effect's built-in one; `self` unchanged otherwise.
 *
 * @since 0.1.0
 * @category tracing
 * @example
 * import * as Span from "./Span.js"
 * import { Effect } from "effect"
 * const traced = Effect.succeed(1).pipe(Span.withSpan("Rest.time", { attributes: { "ably.channel": "c" } }))
 */
export const withSpan = (name: string, options?: Tracer.SpanOptions) => {
  const spanOptions = (): Tracer.SpanOptions => options ?? {}
  return <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    suspendWithSpan(name, spanOptions, () => self)
}

/**
 * Whether the running tracer records spans (it is not Effect's built-in one): for code that
 * already holds its fiber and would otherwise pay a `tracerWith` step to find out.
 *
 * @since 0.1.0
 * @category tracing
 * @example
 * import * as Span from "./Span.js"
 * import { Effect } from "effect"
 * const recording = Effect.withFiberRuntime((fiber) => Effect.succeed(Span.isRecording(fiber.currentTracer)))
 */
export const isRecording = (tracer: Tracer.Tracer): boolean => tracer !== builtInTracer()

/**
 * `Effect.withSpan(name, options())` around the Effect that `make` builds when it is run: one step
 * finds the tracer and runs `make`, in place of an `Effect.suspend` and a `tracerWith`. The
 * options are built only when a span is made (stack traces never captured).
 *
 * @since 0.1.0
 * @category tracing
 * @example
 * import * as Span from "./Span.js"
 * import { Effect } from "effect"
 * const traced = Span.suspendWithSpan("Rest.time", () => ({ attributes: { "ably.channel": "c" } }), () => Effect.succeed(1))
 */
export const suspendWithSpan = <A, E, R>(
  name: string,
  options: () => Tracer.SpanOptions,
  make: () => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  Effect.withFiberRuntime<A, E, R>((fiber) =>
    fiber.currentTracer === builtInTracer()
      ? make()
      : Effect.withSpan(make(), name, { ...options(), captureStackTrace: false })
  )

/** What an attempt answers: its status and, for an Ably error answer, the code in its headers or body. */
interface AttemptAnswer {
  readonly status: number
  readonly headers?: Readonly<Record<string, string | undefined>>
  readonly body?: unknown
}

const errorCodeOf = (answer: AttemptAnswer): number | undefined => {
  const header = Number(answer.headers?.["x-ably-errorcode"])
  if (Number.isInteger(header) && header > 0) return header
  const { body } = answer
  return Predicate.hasProperty(body, "error") && Predicate.hasProperty(body.error, "code") &&
      typeof body.error.code === "number" && Number.isInteger(body.error.code)
    ? body.error.code
    : undefined
}

// The attempt's span as `Effect.makeSpan` makes it (the current span as parent, the fiber's span
// annotations and links, its timing setting), without the steps around it.
const makeAttemptSpan = (
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  attributes: Readonly<Record<string, unknown>>
): Tracer.Span => {
  const parent = fiber.currentSpan
  const links = Chunk.toReadonlyArray(fiber.getFiberRef(FiberRef.currentTracerSpanLinks))
  const span = fiber.currentTracer.span(
    "Ably.http",
    parent === undefined ? Option.none() : Option.some(parent),
    Context.empty(),
    links,
    nowNanos(fiber),
    "client",
    { attributes, kind: "client", captureStackTrace: false }
  )
  HashMap.forEach(fiber.getFiberRef(FiberRef.currentTracerSpanAnnotations), (value, key) => span.attribute(key, value))
  for (const key in attributes) span.attribute(key, attributes[key])
  return span
}

const nowNanos = (fiber: Fiber.RuntimeFiber<unknown, unknown>): bigint =>
  fiber.getFiberRef(FiberRef.currentTracerTimingEnabled)
    ? Context.get(fiber.currentDefaultServices, Clock.Clock).unsafeCurrentTimeNanos()
    : BigInt(0)

// What an ended attempt tells its span: the answer's status (and Ably code on an error answer),
// or the failure's code, status and which limit a timeout hit.
const recordOutcome = <E>(span: Tracer.Span, exit: Exit.Exit<AttemptAnswer, E>): void => {
  if (Exit.isSuccess(exit)) {
    const response = exit.value
    span.attribute("http.response.status_code", response.status)
    if (response.status >= 400) {
      const code = errorCodeOf(response)
      if (code !== undefined) span.attribute("ably.error.code", code)
    }
    return
  }
  const failure = Cause.failureOption(exit.cause)
  if (Option.isNone(failure)) return
  const error = failure.value
  // An `AblyError`'s code and HTTP status (the answer's, or the SDK's for no answer).
  if (Predicate.hasProperty(error, "code") && typeof error.code === "number") {
    span.attribute("ably.error.code", error.code)
  }
  if (Predicate.hasProperty(error, "statusCode") && typeof error.statusCode === "number") {
    span.attribute("http.response.status_code", error.statusCode)
  }
  // Which limit a timeout hit: "connect", "request", "deadline" or "retryDuration".
  if (
    Predicate.hasProperty(error, "detail") && Predicate.hasProperty(error.detail, "timeout") &&
    typeof error.detail.timeout === "string"
  ) span.attribute("ably.timeout", error.detail.timeout)
}

/**
 * The span of one HTTP attempt (kind `client`), a child of the current span (the operation's),
 * with the answer's status as `http.response.status_code` when one came back (on a failed
 * attempt the error's status, and its Ably code as `ably.error.code`); `attributes` are computed
 * only when a span is made. The span ends with `void` rather than the answer: a response body
 * (whatever a server echoed) is never handed to an exporter. It is not made the current span of
 * the attempt: nothing inside one makes spans (the engines make none; the platform `HttpClient`
 * adapter runs with its tracing off), and providing a span to a fiber costs more than making it.
 *
 * @since 0.1.0
 * @category tracing
 * @example
 * import * as Span from "./Span.js"
 * import { Effect } from "effect"
 * const attempt = Effect.succeed({ status: 200 }).pipe(
 *   Span.withAttemptSpan(() => ({ "http.request.method": "GET", "server.address": "main.realtime.ably.net" }))
 * )
 */
export const withAttemptSpan =
  (attributes: () => Readonly<Record<string, unknown>>) =>
  <A extends AttemptAnswer, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.withFiberRuntime<A, E, R>((fiber) => {
      if (fiber.currentTracer === builtInTracer() || !fiber.getFiberRef(FiberRef.currentTracerEnabled)) return self
      const span = makeAttemptSpan(fiber, attributes())
      return Effect.onExit(self, (exit) =>
        Effect.sync(() => {
          recordOutcome(span, exit)
          span.end(nowNanos(fiber), Exit.isSuccess(exit) ? Exit.void : exit)
        }))
    })

/**
 * An `ably.attempt` event on the caller's span (the operation's, e.g. `RestChannel.publish`)
 * for one attempt of a request with fallback hosts: `server.address`, `ably.attempt` and
 * `ably.outcome` (`success`, `fallback`: the next host is tried, `failed`: the last attempt
 * failed). Nothing under Effect's built-in tracer.
 *
 * @since 0.1.0
 * @category tracing
 * @example
 * import * as Span from "./Span.js"
 * const event = Span.attemptEvent("main.realtime.ably.net", 1, "fallback")
 */
export const attemptEvent = (host: string, attempt: number, outcome: "success" | "fallback" | "failed") =>
  Effect.withFiberRuntime<void>((fiber) => {
    const span = fiber.currentSpan
    if (span === undefined || span._tag !== "Span" || fiber.currentTracer === builtInTracer()) return Effect.void
    return Effect.map(
      Clock.currentTimeNanos,
      (now) =>
        span.event("ably.attempt", now, { "server.address": host, "ably.attempt": attempt, "ably.outcome": outcome })
    )
  })
