/**
 * A small `HttpClient` over `undici`'s `Agent.request`: a keep-alive connection pool owned by
 * the layer's scope, no redirects followed (undici's `request` never follows them), bodies read
 * from undici's stream as the caller asks (`arrayBuffer` at once, `stream` chunk by chunk, so a
 * size limit can stop reading early). Internal: `NodeRest.HttpClientLive` is the public layer.
 *
 * @since 0.1.0
 * @internal
 */
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { Readable } from "node:stream"
import { Agent, type Dispatcher } from "undici"

type Answer = Dispatcher.ResponseData

class UndiciResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly status: number
  readonly headers: Headers.Headers
  readonly remoteAddress: Option.Option<string> = Option.none()

  constructor(readonly request: HttpClientRequest.HttpClientRequest, private readonly answer: Answer) {
    super()
    this.status = answer.statusCode
    this.headers = Headers.fromInput(answer.headers)
  }

  private fail(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  private read<A>(f: (body: Answer["body"]) => Promise<A>): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.tryPromise({ try: () => f(this.answer.body), catch: (cause) => this.fail(cause) })
  }

  get cookies(): Cookies.Cookies {
    const setCookie = this.answer.headers["set-cookie"]
    return setCookie === undefined ? Cookies.empty : Cookies.fromSetCookie(setCookie)
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return this.read((body) => body.arrayBuffer())
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return this.read((body) => body.text())
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(
      this.text,
      (text) =>
        Effect.try({ try: (): unknown => text === "" ? null : JSON.parse(text), catch: (cause) => this.fail(cause) })
    )
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.map(this.text, (text) => UrlParams.fromInput(new URLSearchParams(text)))
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return this.read(async (body) =>
      new Response(await body.arrayBuffer(), { headers: { "content-type": this.headers["content-type"] ?? "" } })
        .formData()
    )
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.fromAsyncIterable<Uint8Array, HttpClientError.ResponseError>(
      this.answer.body,
      (cause) => this.fail(cause)
    )
  }

  override toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}

type Body = Dispatcher.DispatchOptions["body"]

const encodeFailed = (request: HttpClientRequest.HttpClientRequest, description: string, cause?: unknown) =>
  new HttpClientError.RequestError({ request, reason: "Encode", description, cause })

// The body to send, and the headers to send it with (a form sets its own multipart boundary).
const bodyOf = (
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<readonly [Body, Headers.Headers], HttpClientError.RequestError> => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return Effect.succeed([undefined, request.headers])
    case "Uint8Array":
      return Effect.succeed([body.body, request.headers])
    case "FormData": {
      const encoded = new Response(body.formData)
      const contentType = encoded.headers.get("content-type") ?? "multipart/form-data"
      return Effect.tryPromise({
        try: () => encoded.arrayBuffer(),
        catch: (cause) => encodeFailed(request, "the form could not be encoded", cause)
      }).pipe(
        Effect.map((bytes) =>
          [new Uint8Array(bytes), Headers.set(request.headers, "content-type", contentType)] as const
        )
      )
    }
    case "Stream":
      return Effect.map(
        Stream.toAsyncIterableEffect(body.stream),
        (chunks) => [Readable.from(chunks), request.headers] as const
      )
    case "Raw":
      return typeof body.body === "string" || body.body instanceof Uint8Array
        ? Effect.succeed([body.body, request.headers])
        : Effect.fail(encodeFailed(request, "a raw body must be a string or a Uint8Array"))
  }
}

const make = (agent: Agent): HttpClient.HttpClient =>
  HttpClient.make((request, url, signal) =>
    Effect.flatMap(bodyOf(request), ([body, headers]) =>
      Effect.map(
        Effect.tryPromise({
          try: () =>
            agent.request({
              origin: url.origin,
              path: `${url.pathname}${url.search}`,
              method: request.method,
              headers,
              body,
              signal
            }),
          catch: (cause) => new HttpClientError.RequestError({ request, reason: "Transport", cause })
        }),
        (answer) => new UndiciResponse(request, answer)
      ))
  )

/**
 * The client in a scoped layer: one keep-alive `Agent` per layer, destroyed when the scope
 * closes.
 *
 * @since 0.1.0
 * @internal
 * @example
 * import { NodeRest } from "@effect-ably/node"
 * // Internal: applications use it as NodeRest.HttpClientLive.
 * const HttpClientLive = NodeRest.HttpClientLive
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(
    Effect.acquireRelease(Effect.sync(() => new Agent()), (agent) => Effect.promise(() => agent.destroy())),
    make
  )
)
