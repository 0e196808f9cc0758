/**
 * Fault rules as data: which requests a rule matches (host, method, path pattern), how often
 * it fires (`times`, `probability` from a seeded generator) and what it does. The same
 * Schemas type the in-process `emulator.faults.set` and the `PUT /_emulator/faults` body, so
 * tools outside the process can build rules from JSON.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * When an action happens: `before` the request reaches the emulator's state (nothing is
 * stored), or `after` the handler ran (a publish is stored, its answer is what fails).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(FaultRule.Stage)("after")
 */
export const Stage = Schema.Literal("before", "after")

const Millis = Schema.Int.pipe(Schema.between(0, 3_600_000))

/**
 * Answer an HTTP error status with an Ably error body (in the negotiated protocol) and
 * `X-Ably-ErrorCode` / `X-Ably-ErrorMessage`. `code` defaults to `status × 100` (50300 for
 * 503); `server: "CloudFront"` adds that `Server` header (RSC15l4). Default stage `before`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * const unavailable: FaultRule.StatusFault = { type: "status", status: 503 }
 */
export const StatusFault = Schema.Struct({
  type: Schema.Literal("status"),
  status: Schema.Int.pipe(Schema.between(400, 599)),
  code: Schema.optional(Schema.Int.pipe(Schema.between(10000, 99999))),
  message: Schema.optional(Schema.String),
  server: Schema.optional(Schema.String),
  stage: Schema.optional(Stage)
})

/**
 * @since 0.1.0
 * @category models
 */
export type StatusFault = typeof StatusFault.Type

/**
 * Wait `ms` milliseconds (with `Clock`, so `TestClock` drives it in process), then answer
 * normally: `before` delays the handler, `after` delays the answer of a handler that already
 * ran. Default stage `before`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * const slow: FaultRule.DelayFault = { type: "delay", ms: 15_000, stage: "after" }
 */
export const DelayFault = Schema.Struct({ type: Schema.Literal("delay"), ms: Millis, stage: Schema.optional(Stage) })

/**
 * @since 0.1.0
 * @category models
 */
export type DelayFault = typeof DelayFault.Type

/**
 * Drop the connection with no answer: on loopback the socket is destroyed; in process the
 * `HttpClient` call fails with a `RequestError` of reason `"Transport"`. Default stage
 * `before` (nothing stored); `after` stores and loses the answer.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * const lost: FaultRule.ResetFault = { type: "reset", stage: "after" }
 */
export const ResetFault = Schema.Struct({ type: Schema.Literal("reset"), stage: Schema.optional(Stage) })

/**
 * @since 0.1.0
 * @category models
 */
export type ResetFault = typeof ResetFault.Type

/**
 * After the handler ran: send its status and headers (with the full `Content-Length`) and
 * only the first `bytes` of its body (default: half), then drop the connection (loopback) or
 * fail the body stream (in process).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * const cut: FaultRule.TruncateFault = { type: "truncate", bytes: 3 }
 */
export const TruncateFault = Schema.Struct({
  type: Schema.Literal("truncate"),
  bytes: Schema.optional(Schema.Int.pipe(Schema.nonNegative()))
})

/**
 * @since 0.1.0
 * @category models
 */
export type TruncateFault = typeof TruncateFault.Type

/**
 * After the handler ran: keep its status and Content-Type, replace the body with bytes that
 * are neither JSON nor msgpack (`garbageBody`).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * const garbage: FaultRule.GarbageFault = { type: "garbage" }
 */
export const GarbageFault = Schema.Struct({ type: Schema.Literal("garbage") })

/**
 * @since 0.1.0
 * @category models
 */
export type GarbageFault = typeof GarbageFault.Type

/**
 * After the handler ran: keep status and body, answer another Content-Type (default
 * `text/html; charset=utf-8`, as a proxy's error page would).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * const html: FaultRule.ContentTypeFault = { type: "contentType", contentType: "text/plain" }
 */
export const ContentTypeFault = Schema.Struct({
  type: Schema.Literal("contentType"),
  contentType: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ContentTypeFault = typeof ContentTypeFault.Type

/**
 * One fault action, told apart by `type`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(FaultRule.FaultAction)({ type: "status", status: 500 })
 */
export const FaultAction = Schema.Union(
  StatusFault,
  DelayFault,
  ResetFault,
  TruncateFault,
  GarbageFault,
  ContentTypeFault
)

/**
 * @since 0.1.0
 * @category models
 */
export type FaultAction = typeof FaultAction.Type

/**
 * A rule. It matches a request when every matcher given matches:
 * - `host`: the host the request came to: in process the URL's host name; on loopback the
 *   address the connection came in on, or the `Host` header; `"name:port"` also matches;
 * - `method`: `GET`, `POST`… (any case);
 * - `path`: a pattern over the raw (still percent-encoded) path, query left out: `:name`
 *   matches one segment, `*` anything (slashes included), the rest literally, e.g.
 *   `/channels/:channel/messages` or `/channels/*`.
 *
 * A matching rule fires at most `times` times (unlimited if absent), each time with
 * `probability` (1 if absent) drawn from the seeded generator. Rules are tried in order; the
 * first that fires decides. `action` may be a list: one is drawn uniformly each time.
 * Control routes (`/_emulator/…`) are never faulted.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * const primaryDown: FaultRule.FaultRule = { host: "a.test", action: { type: "status", status: 503 } }
 * const flaky: FaultRule.FaultRule = {
 *   method: "POST",
 *   path: "/channels/:channel/messages",
 *   probability: 0.2,
 *   action: [{ type: "reset" }, { type: "reset", stage: "after" }, { type: "status", status: 500 }]
 * }
 */
export const FaultRule = Schema.Struct({
  host: Schema.optional(Schema.String),
  method: Schema.optional(Schema.String),
  path: Schema.optional(Schema.String),
  times: Schema.optional(Schema.Int.pipe(Schema.positive())),
  probability: Schema.optional(Schema.Number.pipe(Schema.between(0, 1))),
  action: Schema.Union(FaultAction, Schema.NonEmptyArray(FaultAction))
})

/**
 * @since 0.1.0
 * @category models
 */
export type FaultRule = typeof FaultRule.Type

/**
 * The body of `PUT /_emulator/faults`: the rules (replacing any earlier ones) and the seed of
 * the generator behind `probability` and action lists (default 0), so a run can be replayed.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(FaultRule.FaultPlan)({ seed: 42, rules: [{ probability: 0.2, action: { type: "reset" } }] })
 */
export const FaultPlan = Schema.Struct({
  rules: Schema.Array(FaultRule),
  seed: Schema.optional(Schema.Union(Schema.Number, Schema.String))
})

/**
 * @since 0.1.0
 * @category models
 */
export type FaultPlan = typeof FaultPlan.Type

/**
 * One request the emulator saw (control routes excepted): where it came, what it asked,
 * and the fault it got (when one was injected). `GET /_emulator/faults/requests` answers a list of these.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { FaultRule } from "@effect-ably/emulator"
 * const seen: FaultRule.RequestRecord = { host: "127.0.0.2", port: 8080, method: "POST", path: "/channels/a/messages" }
 */
export const RequestRecord = Schema.Struct({
  host: Schema.String,
  port: Schema.Number,
  method: Schema.String,
  path: Schema.String,
  fault: Schema.optional(FaultAction.pipe(Schema.typeSchema))
})

/**
 * @since 0.1.0
 * @category models
 */
export type RequestRecord = typeof RequestRecord.Type
