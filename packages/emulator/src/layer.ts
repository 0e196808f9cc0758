/**
 * The in-memory transport: an `HttpClient` that hands every request to the emulator app in
 * the caller's own fiber, with no sockets. Every scheme, host and port reaches the same
 * emulator, so whatever base URL the SDK builds works; the URL's host goes to the fault
 * matcher, so fallback hosts (`fallbackHosts: ["b.test", "c.test"]`) are real hosts to
 * faults and to the request record. `TestClock` drives the emulator's time and delays.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { httpApp } from "./app.js"
import { Emulator, layerState } from "./Emulator.js"
import type { RequestInfo } from "./faults/Faults.js"
import * as Inject from "./faults/Inject.js"

const origin = "http://emulator.invalid"

const concat = (chunks: Chunk.Chunk<Uint8Array>): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(Chunk.reduce(chunks, 0, (total, chunk) => total + chunk.length))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

const isBodyInit = (body: unknown): body is BodyInit =>
  typeof body === "string" ||
  body instanceof ArrayBuffer ||
  body instanceof Blob ||
  body instanceof FormData ||
  body instanceof URLSearchParams ||
  body instanceof ReadableStream

const requestBody = (
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<BodyInit | undefined, HttpClientError.RequestError> => {
  const encodeError = (cause: unknown) => new HttpClientError.RequestError({ request, reason: "Encode", cause })
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return Effect.succeed(undefined)
    case "Uint8Array":
      // Copied into a fresh ArrayBuffer: web bodies do not accept shared buffers.
      return Effect.succeed(new Uint8Array(body.body))
    case "Raw":
      if (body.body instanceof Uint8Array) return Effect.succeed(new Uint8Array(body.body))
      return isBodyInit(body.body) ? Effect.succeed(body.body) : Effect.fail(encodeError("Unsupported raw body"))
    case "FormData":
      return Effect.succeed(body.formData)
    case "Stream":
      return Stream.runCollect(body.stream).pipe(Effect.map(concat), Effect.mapError(encodeError))
  }
}

// No AbortSignal on the web Request: the app runs in the caller's fiber, so interrupting the
// caller stops it, and Node 20's `Request` keeps every signal it follows alive (about 2 KB
// per request, which adds up over a 100k-request enumeration).
const toWebRequest = (request: HttpClientRequest.HttpClientRequest, url: URL) =>
  Effect.flatMap(requestBody(request), (body) =>
    Effect.try({
      try: () =>
        new Request(`${origin}${url.pathname}${url.search}`, {
          method: request.method,
          headers: Object.entries(request.headers),
          body: request.method === "GET" || request.method === "HEAD" ? undefined : body
        }),
      catch: (cause) => new HttpClientError.RequestError({ request, reason: "Encode", cause })
    }))

const requestInfo = (request: HttpClientRequest.HttpClientRequest, url: URL): RequestInfo => ({
  host: url.hostname.toLowerCase(),
  port: url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port),
  hostHeader: request.headers["host"],
  method: request.method,
  path: url.pathname
})

const transportError = (request: HttpClientRequest.HttpClientRequest, description: string) =>
  new HttpClientError.RequestError({ request, reason: "Transport", description })

// A body that yields its first `keep` bytes, then fails as a dropped connection would.
const truncatedBody = (body: Uint8Array, keep: number) => {
  let sent = false
  return new ReadableStream<Uint8Array>({
    pull: (controller) => {
      if (!sent && keep > 0) {
        sent = true
        controller.enqueue(body.slice(0, keep))
      } else {
        controller.error(new Error(`Connection reset after ${keep} of ${body.length} body bytes (injected fault)`))
      }
    }
  })
}

const inProcessWire = (
  request: HttpClientRequest.HttpClientRequest
): Inject.Wire<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> => {
  const send = (response: HttpServerResponse.HttpServerResponse) =>
    Effect.succeed(
      HttpClientResponse.fromWeb(
        request,
        HttpServerResponse.toWeb(response, { withoutBody: request.method === "HEAD" })
      )
    )
  return {
    send,
    reset: Effect.fail(transportError(request, "connection reset by the emulator (injected fault)")),
    truncate: (response, body, keep) =>
      Effect.try({
        try: () =>
          HttpClientResponse.fromWeb(
            request,
            new Response(truncatedBody(body, keep), { status: response.status, headers: response.headers })
          ),
        catch: () => transportError(request, "connection reset by the emulator (injected fault)")
      })
  }
}

/**
 * An `HttpClient` backed by the given emulator: every request runs the emulator app in the
 * calling fiber and comes back as a web `Response`, unless a fault rule (`emulator.faults`)
 * fires: then the answer is changed, delayed, cut short (the body stream fails) or lost (a
 * `RequestError` with reason `"Transport"`).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { makeHttpClient } from "@effect-ably/emulator"
 * const client = makeHttpClient // Effect<HttpClient, never, Emulator>
 */
export const makeHttpClient: Effect.Effect<HttpClient.HttpClient, never, Emulator> = Effect.map(
  Emulator,
  (emulator) =>
    HttpClient.make((request, url) =>
      Effect.flatMap(
        emulator.faults.decide(requestInfo(request, url)),
        (fault) =>
          Effect.flatMap(toWebRequest(request, url), (webRequest) => {
            const wire = inProcessWire(request)
            return (fault === undefined ? Effect.flatMap(httpApp, wire.send) : Inject.serve(httpApp, fault, wire)).pipe(
              Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(webRequest)),
              Effect.provideService(Emulator, emulator),
              Effect.scoped
            )
          })
      )
    )
)

/**
 * The in-memory emulator: an `HttpClient` with no sockets plus the `Emulator` handle, from
 * one layer. Any base URL (scheme, host, port) routes to the emulator; the host is what
 * fault rules match and the request record shows.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Emulator, layer } from "@effect-ably/emulator"
 * import { HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const client = yield* HttpClient.HttpClient
 *   const response = yield* client.get("https://rest.ably.io/time")
 *   return yield* response.json // [<ms>]
 * }).pipe(Effect.provide(layer))
 */
export const layer: Layer.Layer<HttpClient.HttpClient | Emulator> = Layer.effect(
  HttpClient.HttpClient,
  makeHttpClient
).pipe(Layer.provideMerge(layerState))
