/**
 * The HTTP engine over `fetch`: `redirect: "manual"` (a redirect is an answer, never
 * followed), one `setTimeout` and one `AbortController` per attempt (for the timeout and
 * interruption only), bodies read by the size rules of `ResponseBody.readBody`.
 * `fetch` (browsers, workerd, Deno, Bun) does not tell when the connection is made, so
 * `openTimeout` (`httpOpenTimeout`) is not applied: the whole attempt, connecting included,
 * is bounded by `timeout` (`httpRequestTimeout`, or less within a deadline) alone, and a
 * timeout here is always a request timeout.
 * Internal: `BrowserRest.EngineLive` is the public layer.
 *
 * @since 0.1.0
 * @internal
 */
import * as Rest from "@effect-ably/core/Rest"
import type * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

// `FetchHttpClient.Fetch` and `FetchHttpClient.RequestInit` by their keys (a tag is its key):
// the same services, without loading the platform's fetch client (and its `HttpClient`) into
// every application. The tests provide the platform's tags and check they are used.
const FetchTag = /*#__PURE__*/ Context.GenericTag<FetchHttpClient.Fetch, typeof globalThis.fetch>(
  "@effect/platform/FetchHttpClient/Fetch"
)
const RequestInitTag = /*#__PURE__*/ Context.GenericTag<FetchHttpClient.RequestInit, RequestInit>(
  "@effect/platform/FetchHttpClient/FetchOptions"
)

type Response_ = Rest.HttpEngineResponse
type Failure = Rest.HttpEngineFailure

class Stop {
  constructor(readonly failure: Failure) {}
}

// The body under `limit` bytes: a declared length is checked first and the body read whole;
// a body of unknown length is counted chunk by chunk and dropped as soon as it passes.
const readBody = async (response: Response, headers: Record<string, string>, limit: number): Promise<Uint8Array> => {
  const lengthHeader = headers["content-length"]
  const declared = Rest.engineDeclaredLength(lengthHeader)
  if (declared !== undefined && declared > limit) {
    throw new Stop(Rest.engineTooLarge(limit, `Content-Length ${declared}`))
  }
  if (response.body === null) return new Uint8Array(0)
  if (declared !== undefined || (lengthHeader === undefined && headers["transfer-encoding"] === undefined)) {
    const bytes = new Uint8Array(await response.arrayBuffer())
    if (bytes.length > limit) throw new Stop(Rest.engineTooLarge(limit, `${bytes.length} bytes read`))
    return bytes
  }
  const reader = response.body.getReader()
  const chunks: Array<Uint8Array> = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > limit) {
      void reader.cancel()
      throw new Stop(Rest.engineTooLarge(limit, `more than ${limit} bytes sent`))
    }
    chunks.push(value)
  }
  return Rest.engineConcat(chunks, total)
}

const merged = (base: HeadersInit, headers: Readonly<Record<string, string>>): Record<string, string> => {
  const all: Record<string, string> = {}
  new Headers(base).forEach((value, name) => {
    all[name] = value
  })
  return Object.assign(all, headers)
}

// The bytes as a view `fetch` takes (typed over an `ArrayBuffer`), without a copy when they are one.
const bodyInit = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : bytes.slice()

/**
 * The engine over `fetch`: the `FetchHttpClient.Fetch` in context when there is one, else the global one
 * (looked up on each request), with the context's `FetchHttpClient.RequestInit` under ours.
 *
 * @since 0.1.0
 * @internal
 * @example
 * import * as FetchEngine from "./FetchEngine.js"
 * const engine = FetchEngine.make()
 */
export const make = (): Rest.HttpEngineService => ({
  execute: (request) =>
    Effect.contextWithEffect((context: Context.Context<never>) => {
      // As `FetchHttpClient` does: a `Fetch` or `RequestInit` in context is used.
      const fetch = Option.getOrElse(Context.getOption(context, FetchTag), () => globalThis.fetch)
      const init = Option.getOrUndefined(Context.getOption(context, RequestInitTag))
      return Effect.async<Response_, Failure>((resume) => {
        const controller = new AbortController()
        let done = false
        const finish = (effect: Effect.Effect<Response_, Failure>) => {
          if (done) return
          done = true
          clearTimeout(timer)
          resume(effect)
        }
        const timer = setTimeout(() => {
          finish(Effect.fail(Rest.engineFailure("Timeout")))
          controller.abort()
        }, request.timeout)
        let status = 0
        fetch(request.url, {
          ...init,
          method: request.method,
          headers: init?.headers === undefined ? request.headers : merged(init.headers, request.headers),
          body: request.body === undefined ? undefined : bodyInit(request.body),
          redirect: "manual",
          signal: controller.signal
        }).then((response) => {
          status = response.status
          const headers: Record<string, string> = {}
          response.headers.forEach((value, name) => {
            headers[name] = value
          })
          return readBody(response, headers, request.maxBytes).then((body) =>
            finish(Effect.succeed({ status: response.status, headers, body }))
          )
        }).catch((cause: unknown) => {
          if (cause instanceof Stop) {
            finish(Effect.fail(cause.failure))
            controller.abort()
          } else {
            finish(Effect.fail(Rest.engineFailure(status === 0 ? "Transport" : "Read", undefined, cause)))
          }
        })
        return Effect.sync(() => {
          done = true
          clearTimeout(timer)
          controller.abort()
        })
      })
    })
})

/**
 * The engine as a layer.
 *
 * @since 0.1.0
 * @internal
 * @example
 * import { BrowserRest } from "@effect-ably/browser"
 * // Internal: applications use it as BrowserRest.EngineLive.
 * const EngineLive = BrowserRest.EngineLive
 */
export const layer: Layer.Layer<Rest.HttpEngine> = Layer.sync(Rest.HttpEngine, make)
