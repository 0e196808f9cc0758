/**
 * The `AblyError` of an attempt that got no answer: timeouts say which limit they hit
 * (`detail.timeout`: `"connect"`, `"request"`, `"deadline"`, `"retryDuration"`), transport
 * and read failures are 80000, a body over the size limit 50000.
 *
 * @since 0.1.0
 */
import { type AblyError, ablyError } from "../../Errors.js"
import * as CallDeadline from "./CallDeadline.js"
import type { EngineFailure } from "./Engine.js"
import type * as FallbackLoop from "./FallbackLoop.js"
import { unreadableAnswer } from "./ResponseDecoding.js"

/**
 * The client's limits the messages name.
 *
 * @since 0.1.0
 * @category models
 */
export interface Limits {
  readonly openTimeout: number
  readonly maxRetryDuration: number
  readonly maxBytes: number
}

const timeoutError = (
  limits: Limits,
  reason: EngineFailure,
  host: string,
  requestId: string | undefined,
  bounds: FallbackLoop.Bounds
): AblyError => {
  // A connection not made within `httpOpenTimeout` (or the attempt's shorter timeout).
  if (reason.detail === "connect") {
    const within = Math.min(limits.openTimeout, bounds.timeout)
    if (bounds.kind === "deadline" && bounds.timeout <= limits.openTimeout) {
      return CallDeadline.exceeded(
        bounds.deadline,
        `could not connect to ${host} in the ${within}ms left`,
        requestId
      )
    }
    return ablyError(50003, 500, `Timeout: could not connect to ${host} within ${within}ms`, {
      requestId,
      detail: { timeout: "connect" }
    })
  }
  switch (bounds.kind) {
    case "request":
      return ablyError(50003, 500, `Timeout: no response from ${host} within ${bounds.timeout}ms`, {
        requestId,
        detail: { timeout: "request" }
      })
    case "deadline":
      return CallDeadline.exceeded(
        bounds.deadline,
        `no response from ${host} in the ${bounds.timeout}ms left`,
        requestId
      )
    case "budget":
      return ablyError(
        50003,
        500,
        `Timeout for trying fallback hosts: no response from ${host} within the ${bounds.timeout}ms left of httpMaxRetryDuration (${limits.maxRetryDuration}ms)`,
        { requestId, detail: { timeout: "retryDuration" } }
      )
  }
}

const toError = (
  limits: Limits,
  reason: EngineFailure,
  host: string,
  requestId: string | undefined,
  bounds: FallbackLoop.Bounds
): AblyError => {
  switch (reason.reason) {
    case "Timeout":
      return timeoutError(limits, reason, host, requestId, bounds)
    case "TooLarge":
      return unreadableAnswer(reason.detail ?? `the body is larger than ${limits.maxBytes} bytes`, requestId)
    case "Read":
      return ablyError(80000, 500, "Failed to read the response body", { cause: reason.cause, requestId })
    case "Transport":
      // The cause is reduced to a summary (its name and message), never a request.
      return ablyError(80000, 500, `Request to ${host} failed: ${reason.detail ?? "Transport error"}`, {
        cause: reason.cause,
        requestId
      })
  }
}

/**
 * The error of a failed attempt for a client's limits.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as AttemptError from "./AttemptError.js"
 * import * as Engine from "./Engine.js"
 * const toError = AttemptError.make({ openTimeout: 4000, maxRetryDuration: 15000, maxBytes: 1024 })
 * toError(Engine.failure("Timeout"), "main.realtime.ably.net", undefined, { timeout: 10000, kind: "request" }).detail // { timeout: "request" }
 */
export const make = (limits: Limits) =>
(
  reason: EngineFailure,
  host: string,
  requestId: string | undefined,
  bounds: FallbackLoop.Bounds
): AblyError => toError(limits, reason, host, requestId, bounds)
