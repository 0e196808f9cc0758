import { describe, expect, it } from "@effect/vitest"
import * as AttemptError from "../../src/internal/http/AttemptError.js"
import * as Engine from "../../src/internal/http/Engine.js"
import * as FallbackLoop from "../../src/internal/http/FallbackLoop.js"

const deadline = { at: 5_000, millis: 5_000 }

describe("FallbackLoop.bounds: which limit sets an attempt's timeout", () => {
  it("httpRequestTimeout when nothing is shorter, the retry budget when it is, the deadline when it is shortest", () => {
    expect(FallbackLoop.bounds(10_000, undefined, 0, Infinity)).toEqual({ timeout: 10_000, kind: "request" })
    expect(FallbackLoop.bounds(10_000, undefined, 0, 3_000)).toEqual({ timeout: 3_000, kind: "budget" })
    expect(FallbackLoop.bounds(10_000, deadline, 1_000, 3_000)).toEqual({ timeout: 3_000, kind: "budget" })
    expect(FallbackLoop.bounds(10_000, deadline, 1_000, Infinity)).toEqual({
      timeout: 4_000,
      kind: "deadline",
      deadline
    })
    expect(FallbackLoop.bounds(10_000, deadline, 3_000, 3_000)).toEqual({ timeout: 2_000, kind: "deadline", deadline })
    // A spent budget still gives the attempt a millisecond (the loop stops before that).
    expect(FallbackLoop.bounds(10_000, undefined, 0, -5)).toEqual({ timeout: 1, kind: "budget" })
  })

  it("a deadline bound names its deadline in the error; a connect timeout within it too", () => {
    const toError = AttemptError.make({ openTimeout: 4_000, maxRetryDuration: 15_000, maxBytes: 1_024 })
    const bound = FallbackLoop.bounds(10_000, deadline, 2_000, Infinity)
    const timeout = toError(Engine.failure("Timeout"), "main.realtime.ably.net", undefined, bound)
    expect(timeout).toMatchObject({ code: 50003, detail: { timeout: "deadline" } })
    expect(timeout.message).toMatch(
      /deadline of 5000ms was reached \(no response from main\.realtime\.ably\.net in the 3000ms left\)/
    )
    const connect = toError(Engine.failure("Timeout", "connect"), "main.realtime.ably.net", undefined, bound)
    expect(connect).toMatchObject({ detail: { timeout: "deadline" } })
    expect(connect.message).toMatch(/could not connect to main\.realtime\.ably\.net in the 3000ms left/)
  })
})
