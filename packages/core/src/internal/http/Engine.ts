/**
 * The HTTP engine: the one function core sends requests with, from (method, URL, headers, body
 * bytes, timeout) to (status, lower-case headers, body bytes). It is the hot path, so it is a
 * small service of ours: `@effect-ably/node` implements it over undici, `@effect-ably/browser`
 * over `fetch`, and `HttpClientEngine` over any `@effect/platform` `HttpClient` (users'
 * middleware, the emulator's in-memory layer, scripted fakes in tests). That adapter is loaded
 * only when `layerFromHttpClient` is built, so the platform's client modules stay out of the
 * import graph of an application on the undici or `fetch` engine.
 *
 * An engine never follows redirects, reads at most `maxBytes` of a body, answers any HTTP
 * status as a value and fails only with an `EngineFailure`.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { HttpMethod } from "./AblyRequest.js"

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
  /**
   * Milliseconds to get a connection (TCP and TLS; `httpOpenTimeout`), within `timeout`. An
   * engine that sees the connection fails with `Timeout` and `detail` `"connect"` past it;
   * one that cannot (`fetch`, an `HttpClient`) ignores it. `undefined`: no limit of its own.
   */
  readonly openTimeout?: number | undefined
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
 * whole answer within `timeout`; `detail` `"connect"` when no connection was made within
 * `openTimeout`), `TooLarge` (a body over `maxBytes`; `detail` says how it was
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
 * The engine over the `HttpClient` in context (see `HttpClientEngine.fromHttpClient`). The
 * adapter module, and with it `@effect/platform`'s `HttpClient`, is imported when the layer is
 * built, not when this module is: applications on the undici or `fetch` engine never load it.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import * as Engine from "./Engine.js"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 * const EngineLive = Engine.layerFromHttpClient.pipe(Layer.provide(FetchHttpClient.layer))
 */
export const layerFromHttpClient: Layer.Layer<HttpEngine, never, HttpClient.HttpClient> = /*#__PURE__*/ Layer
  .unwrapEffect(Effect.map(Effect.promise(() => import("./HttpClientEngine.js")), (adapter) => adapter.layer))
