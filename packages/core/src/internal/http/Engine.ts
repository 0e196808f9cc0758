/**
 * The HTTP engine: the one function core sends requests with, from (method, URL, headers, body
 * bytes, timeout) to (status, lower-case headers, body bytes). It is the hot path, so it is a
 * small service of ours: `@effect-ably/node` implements it over undici, `@effect-ably/browser`
 * over `fetch`, and `fromHttpClient` over any `@effect/platform` `HttpClient` (users'
 * middleware, the emulator's in-memory layer, scripted fakes in tests).
 *
 * An engine never follows redirects, reads at most `maxBytes` of a body, answers any HTTP
 * status as a value and fails only with an `EngineFailure`.
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { constTrue } from "effect/Function"
import * as Layer from "effect/Layer"
import type { AblyError } from "../../Errors.js"
import type { HttpMethod } from "./AblyRequest.js"
import * as Redirects from "./Redirects.js"
import { readBody } from "./ResponseDecoding.js"

/**
 * One attempt on one URL.
 *
 * @since 0.1.0
 * @category models
 */
export interface EngineRequest {
  readonly method: HttpMethod
  /** The absolute URL, query included. */
  readonly url: string
  /** Header names in lower case; `content-type` is set when there is a body. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array | undefined
  /** Milliseconds from the start of the attempt to the end of the body. */
  readonly timeout: number
  /** The most body bytes to read: past it the attempt fails with `TooLarge`. */
  readonly maxBytes: number
}

/**
 * An HTTP answer, whatever its status.
 *
 * @since 0.1.0
 * @category models
 */
export interface EngineResponse {
  readonly status: number
  /** Lower-case names; repeated headers joined with `", "`. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
}

/**
 * Why an attempt got no answer: `Transport` (no connection, reset, refused), `Timeout` (no
 * whole answer within `timeout`), `TooLarge` (a body over `maxBytes`; `detail` says how it was
 * seen) or `Read` (the body broke off). `cause` is reduced to a summary before it reaches an
 * error: it never leaves the SDK whole.
 *
 * @since 0.1.0
 * @category models
 */
export interface EngineFailure {
  readonly _tag: "EngineFailure"
  readonly reason: "Transport" | "Timeout" | "TooLarge" | "Read"
  readonly detail?: string | undefined
  readonly cause?: unknown
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly execute: (request: EngineRequest) => Effect.Effect<EngineResponse, EngineFailure>
}

/**
 * The engine core sends every request with (to Ably and to an `authUrl`).
 *
 * @since 0.1.0
 * @category tags
 * @example
 * import * as Engine from "./Engine.js"
 * import { Effect } from "effect"
 * const time = Effect.flatMap(Engine.HttpEngine, (engine) =>
 *   engine.execute({ method: "GET", url: "https://rest.ably.io/time", headers: {}, body: undefined, timeout: 10_000, maxBytes: 1024 }))
 */
export class HttpEngine extends Context.Tag("@effect-ably/core/HttpEngine")<HttpEngine, Service>() {}

/**
 * An `EngineFailure`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Engine from "./Engine.js"
 * Engine.failure("Timeout").reason // "Timeout"
 */
export const failure = (reason: EngineFailure["reason"], detail?: string, cause?: unknown): EngineFailure => ({
  _tag: "EngineFailure",
  reason,
  detail,
  cause
})

/**
 * The `TooLarge` failure of a body over `limit` bytes; `size` says how that was found
 * (`"Content-Length 9000"`, `"more than 8192 bytes sent"`).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Engine from "./Engine.js"
 * Engine.tooLarge(8192, "Content-Length 9000").detail // "the body is larger than 8192 bytes (Content-Length 9000)"
 */
export const tooLarge = (limit: number, size: string): EngineFailure =>
  failure("TooLarge", `the body is larger than ${limit} bytes (${size})`)

/**
 * The engine over an `@effect/platform` `HttpClient`. Redirects are not followed (`fetch`
 * clients get `redirect: "manual"`, see `Redirects`), the platform's tracer is off (its span
 * would record URLs and headers, and it would add `b3`/`traceparent` headers to requests to
 * Ably), bodies are read by `ResponseDecoding.readBody`'s size rules, and the timeout runs on
 * Effect's clock (`TestClock` drives it in tests).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Engine from "./Engine.js"
 * import { HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 * const engine = Effect.flatMap(HttpClient.HttpClient, Engine.fromHttpClient)
 */
export const fromHttpClient = (client: HttpClient.HttpClient): Effect.Effect<Service> =>
  Effect.map(Redirects.notFollowed(client), (notFollowing) => {
    const untraced = HttpClient.withTracerDisabledWhen(notFollowing, constTrue)
    const readFailure = (error: AblyError): EngineFailure =>
      error.code === 50000
        ? failure("TooLarge", error.message.replace(/^Unreadable server answer: /, ""))
        : failure("Read", undefined, error.cause)
    const execute = (request: EngineRequest): Effect.Effect<EngineResponse, EngineFailure> => {
      const { body, headers } = request
      const { "content-type": contentType, ...rest } = headers
      // The query as URL params and the content type with the body: middleware sees the
      // request as the platform builds it.
      const queryAt = request.url.indexOf("?")
      const platformRequest = HttpClientRequest.make(request.method)(
        queryAt < 0 ? request.url : request.url.slice(0, queryAt),
        {
          urlParams: queryAt < 0 ? undefined : new URLSearchParams(request.url.slice(queryAt + 1)),
          headers: body === undefined ? headers : rest,
          body: body === undefined ? HttpBody.empty : HttpBody.uint8Array(body, contentType)
        }
      )
      return untraced.execute(platformRequest).pipe(
        Effect.mapError((cause) => failure("Transport", `${cause.reason} error`, cause)),
        Effect.flatMap((response) => {
          // The platform computes `headers` on each access: read it once.
          const responseHeaders = response.headers
          return Effect.mapBoth(readBody(response, responseHeaders, undefined, request.maxBytes), {
            onFailure: readFailure,
            onSuccess: (bytes): EngineResponse => ({ status: response.status, headers: responseHeaders, body: bytes })
          })
        }),
        Effect.timeoutFail({ duration: Duration.millis(request.timeout), onTimeout: () => failure("Timeout") })
      )
    }
    return HttpEngine.of({ execute })
  })

/**
 * The engine over the `HttpClient` in context (see `fromHttpClient`).
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import * as Engine from "./Engine.js"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 * const EngineLive = Engine.layerFromHttpClient.pipe(Layer.provide(FetchHttpClient.layer))
 */
export const layerFromHttpClient: Layer.Layer<HttpEngine, never, HttpClient.HttpClient> = Layer.effect(
  HttpEngine,
  Effect.flatMap(HttpClient.HttpClient, fromHttpClient)
)
