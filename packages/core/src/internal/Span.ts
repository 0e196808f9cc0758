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
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
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
  const spanOptions: Tracer.SpanOptions = { ...options, captureStackTrace: false }
  return <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.tracerWith((tracer) => tracer === builtInTracer() ? self : Effect.withSpan(self, name, spanOptions))
}

/**
 * The span of one HTTP attempt (kind `client`), as `withSpan`, with the answer's status as
 * `http.response.status_code` when one came back; `attributes` are computed only when a span is made. The span ends with `void` rather than the
 * answer: a response body (whatever a server echoed) is never handed to an exporter.
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
  <A extends { readonly status: number }, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.tracerWith((tracer) =>
      tracer === builtInTracer() ? self : Effect.flatMap(
        Effect.makeSpan("Ably.http", { attributes: attributes(), kind: "client", captureStackTrace: false }),
        (span) =>
          self.pipe(
            Effect.tap((response) => {
              span.attribute("http.response.status_code", response.status)
            }),
            Effect.withParentSpan(span),
            Effect.onExit((exit) =>
              Effect.map(Clock.currentTimeNanos, (now) => span.end(now, Exit.isSuccess(exit) ? Exit.void : exit))
            )
          )
      )
    )
