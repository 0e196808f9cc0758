import { BrowserRest } from "@effect-ably/browser"
import { Rest } from "@effect-ably/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"

const request: Rest.HttpEngineRequest = {
  method: "POST",
  url: "https://main.realtime.ably.net/channels/c/messages?a=1",
  headers: { "content-type": "application/json" },
  body: new TextEncoder().encode("[]"),
  timeout: 50,
  maxBytes: 1_000
}

// Runs the engine over a scripted `fetch`; `signals` holds each request's abort signal.
const over = (fetch: (init: RequestInit) => Promise<Response>, overrides: Partial<Rest.HttpEngineRequest> = {}) => {
  const signals: Array<AbortSignal> = []
  const inits: Array<RequestInit> = []
  const scripted: typeof globalThis.fetch = (_input, init) => {
    inits.push(init ?? {})
    if (init?.signal) signals.push(init.signal)
    return fetch(init ?? {})
  }
  const run = Effect.flatMap(Rest.HttpEngine, (engine) => engine.execute({ ...request, ...overrides })).pipe(
    Effect.provide(BrowserRest.EngineLive),
    Effect.provideService(FetchHttpClient.Fetch, scripted)
  )
  return { run, signals, inits }
}

const never = (init: RequestInit) =>
  new Promise<Response>((_resolve, reject) =>
    init.signal?.addEventListener("abort", () => reject(new Error("aborted")))
  )

describe("BrowserRest.EngineLive (fetch)", () => {
  it.live("sends the method, URL, headers and body with redirect: manual; answers status, headers and bytes", () =>
    Effect.gen(function*() {
      const { inits, run } = over(async () => new Response("[1]", { status: 201, headers: { "X-A": "b" } }))
      const response = yield* run
      expect([response.status, response.headers["x-a"], new TextDecoder().decode(response.body)]).toEqual([
        201,
        "b",
        "[1]"
      ])
      expect(inits[0]).toMatchObject({
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/json" }
      })
    }))

  it.live("RSC13 - no answer within the timeout is a Timeout failure and aborts the fetch", () =>
    Effect.gen(function*() {
      const { run, signals } = over(never)
      expect(yield* Effect.flip(run)).toMatchObject({ _tag: "EngineFailure", reason: "Timeout" })
      expect(signals[0]!.aborted).toBe(true)
    }))

  it.live("interruption aborts the fetch", () =>
    Effect.gen(function*() {
      const { run, signals } = over(never, { timeout: 10_000 })
      const fiber = yield* Effect.fork(run)
      while (signals.length === 0) yield* Effect.sleep(1)
      expect(signals[0]!.aborted).toBe(false)
      expect(Exit.isInterrupted(yield* Fiber.interrupt(fiber))).toBe(true)
      expect(signals[0]!.aborted).toBe(true)
    }))

  it.live("a rejected fetch is a Transport failure", () =>
    Effect.gen(function*() {
      const { run } = over(() => Promise.reject(new TypeError("Failed to fetch")))
      expect(yield* Effect.flip(run)).toMatchObject({ reason: "Transport" })
    }))

  it.live("bodies over maxBytes: a declared length fails at once, a stream as soon as it passes", () =>
    Effect.gen(function*() {
      const declared = over(async () => new Response("x".repeat(10), { headers: { "content-length": "5000" } }))
      const first = yield* Effect.flip(declared.run)
      expect(first).toMatchObject({ reason: "TooLarge" })
      expect(first.detail).toContain("Content-Length 5000")
      let pulled = 0
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1
          controller.enqueue(new Uint8Array(400))
        }
      })
      const streamed = over(async () => new Response(endless, { headers: { "transfer-encoding": "chunked" } }), {
        timeout: 10_000
      })
      const second = yield* Effect.flip(streamed.run)
      expect(second.detail).toContain("more than 1000 bytes sent")
      expect(pulled).toBeLessThan(10)
    }))

  it.live("a FetchHttpClient.RequestInit in context is used under the engine's own fields (the platform's tag, by key)", () =>
    Effect.gen(function*() {
      const { inits, run } = over(async () => new Response("[]", { status: 201 }))
      yield* run.pipe(
        Effect.provideService(FetchHttpClient.RequestInit, { credentials: "include", headers: { "x-app": "1" } })
      )
      expect([inits[0]?.credentials, inits[0]?.redirect, inits[0]?.headers]).toEqual([
        "include",
        "manual",
        { "x-app": "1", "content-type": "application/json" }
      ])
    }))
})
