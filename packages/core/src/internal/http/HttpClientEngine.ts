/**
 * The `HttpEngine` over an `@effect/platform` `HttpClient` (users' middleware, the emulator's
 * in-memory layer, scripted fakes in tests). Its own module so that only applications that
 * build `Engine.layerFromHttpClient` (`Rest.layer`, `Rest.make`, the emulator) load the
 * platform's `HttpClient`, `HttpClientRequest` and `HttpBody`: `Engine.layerFromHttpClient`
 * imports this module when the layer is built.
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { constTrue } from "effect/Function"
import * as Layer from "effect/Layer"
import type { AblyError } from "../../Errors.js"
import {
  type EngineFailure,
  type EngineRequest,
  type EngineResponse,
  failure,
  HttpEngine,
  type Service
} from "./Engine.js"
import * as Redirects from "./Redirects.js"
import { readBody } from "./ResponseBody.js"

/**
 * The engine over an `@effect/platform` `HttpClient`. Redirects are not followed (`fetch`
 * clients get `redirect: "manual"`, see `Redirects`), the platform's tracer is off (its span
 * would record URLs and headers, and it would add `b3`/`traceparent` headers to requests to
 * Ably), bodies are read by `ResponseBody.readBody`'s size rules, and the timeout runs on
 * Effect's clock (`TestClock` drives it in tests). An `HttpClient` does not expose the
 * connection, so `openTimeout` (`httpOpenTimeout`) is not applied: `timeout` bounds the
 * whole attempt, and interruption (a timeout, a deadline, the caller) interrupts the
 * client's request (the platform's `fetch` client aborts it).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as HttpClientEngine from "./HttpClientEngine.js"
 * import { HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 * const engine = Effect.flatMap(HttpClient.HttpClient, HttpClientEngine.fromHttpClient)
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
 * The engine over the `HttpClient` in context (see `fromHttpClient`). Import it through
 * `Engine.layerFromHttpClient`, which loads this module only when the layer is built.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import * as HttpClientEngine from "./HttpClientEngine.js"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 * const EngineLive = HttpClientEngine.layer.pipe(Layer.provide(FetchHttpClient.layer))
 */
export const layer: Layer.Layer<HttpEngine, never, HttpClient.HttpClient> = Layer.effect(
  HttpEngine,
  Effect.flatMap(HttpClient.HttpClient, fromHttpClient)
)
