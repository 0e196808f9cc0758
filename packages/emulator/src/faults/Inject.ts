/**
 * Carrying out a fault around the emulator app, the same way for both transports: each
 * transport supplies a `Wire` (how to send an answer, drop the connection, or send part of
 * an answer), and `serve` decides what reaches it and whether the handler runs first.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import type * as HttpApp from "@effect/platform/HttpApp"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { corsHeaders } from "../http/Cors.js"
import { errorResponse } from "../http/Respond.js"
import type { FaultAction, StatusFault } from "./FaultRule.js"

/**
 * What a transport can do with an answer.
 *
 * @since 0.1.0
 * @category models
 */
export interface Wire<A, E> {
  /** Sends the answer as it is. */
  readonly send: (response: HttpServerResponse.HttpServerResponse) => Effect.Effect<A, E>
  /** Drops the connection without an answer. */
  readonly reset: Effect.Effect<A, E>
  /** Sends status, headers (full Content-Length) and the first `keep` body bytes, then drops. */
  readonly truncate: (
    response: HttpServerResponse.HttpServerResponse,
    body: Uint8Array,
    keep: number
  ) => Effect.Effect<A, E>
}

/**
 * The body a `garbage` fault sends: a byte no JSON text or msgpack value may start with,
 * then bytes that are not UTF-8.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { garbageBody } from "./Inject.js"
 * garbageBody[0] // 0xc1, never used by msgpack and not JSON
 */
export const garbageBody: Uint8Array = new Uint8Array([
  0xc1,
  0xff,
  0xfe,
  0x7b,
  0x22,
  0x65,
  0x72,
  0x72,
  0x00,
  0x80,
  0x5d
])

/**
 * The body bytes of an emulator answer (its bodies are encoded bytes; anything else counts
 * as empty).
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * import { bodyBytes } from "./Inject.js"
 * import { HttpServerResponse } from "@effect/platform"
 * bodyBytes(HttpServerResponse.uint8Array(new Uint8Array([1, 2]))) // Uint8Array [1, 2]
 */
export const bodyBytes = (response: HttpServerResponse.HttpServerResponse): Uint8Array =>
  response.body._tag === "Uint8Array" ? response.body.body : new Uint8Array(0)

const statusAnswer = (fault: StatusFault) =>
  Effect.map(
    errorResponse(
      Errors.ablyError(
        fault.code ?? fault.status * 100,
        fault.status,
        fault.message ?? `Injected fault: HTTP ${fault.status}`
      )
    ),
    (response) =>
      HttpServerResponse.setHeaders(
        response,
        fault.server === undefined ? corsHeaders : { ...corsHeaders, server: fault.server }
      )
  )

const withBody = (
  response: HttpServerResponse.HttpServerResponse,
  body: Uint8Array,
  contentType: string | undefined
) => {
  const type = contentType ?? response.headers["content-type"]
  return HttpServerResponse.uint8Array(body, {
    status: response.status,
    headers: type === undefined ? response.headers : { ...response.headers, "content-type": type },
    ...(type === undefined ? {} : { contentType: type })
  })
}

/**
 * Runs `app` for the current request under `fault` and hands the outcome to the wire. Status
 * and reset faults act `before` the handler (nothing stored) unless their stage is `after`;
 * truncate, garbage and Content-Type faults always change the answer of a handler that ran.
 *
 * @since 0.1.0
 * @category injection
 * @example
 * import { serve } from "./Inject.js"
 * import { httpApp } from "@effect-ably/emulator"
 * import type { Wire } from "./Inject.js"
 * declare const wire: Wire<void, never>
 * // The handler runs, then the wire drops the connection.
 * const served = serve(httpApp, { type: "reset", stage: "after" }, wire)
 */
export const serve = <A, E, R>(
  app: HttpApp.Default<never, R>,
  fault: FaultAction,
  wire: Wire<A, E>
): Effect.Effect<A, E, R | HttpServerRequest.HttpServerRequest> => {
  const after = <B>(
    f: (response: HttpServerResponse.HttpServerResponse) => Effect.Effect<B, E, HttpServerRequest.HttpServerRequest>
  ) => Effect.flatMap(app, f)
  switch (fault.type) {
    case "status": {
      const send = Effect.flatMap(statusAnswer(fault), wire.send)
      return fault.stage === "after" ? after(() => send) : send
    }
    case "delay":
      return fault.stage === "after"
        ? after((response) => Effect.zipRight(Effect.sleep(fault.ms), wire.send(response)))
        : Effect.zipRight(Effect.sleep(fault.ms), after(wire.send))
    case "reset":
      return fault.stage === "after" ? after(() => wire.reset) : wire.reset
    case "truncate":
      return after((response) => {
        const body = bodyBytes(response)
        return wire.truncate(response, body, Math.min(body.length, fault.bytes ?? Math.floor(body.length / 2)))
      })
    case "garbage":
      return after((response) => wire.send(withBody(response, garbageBody, undefined)))
    case "contentType":
      return after((response) =>
        wire.send(withBody(response, bodyBytes(response), fault.contentType ?? "text/html; charset=utf-8"))
      )
  }
}
