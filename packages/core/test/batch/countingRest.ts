import { type ClientOptions, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

/** A client of a fresh emulator test app whose requests are recorded (method and full URL). */
export const countingRest = (options: ClientOptions.ClientOptionsInput = {}, keyIndex = 0) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator.Emulator
    const app = yield* emulator.createApp()
    const requests: Array<{ readonly method: string; readonly url: URL }> = []
    const client = HttpClient.tapRequest(yield* HttpClient.HttpClient, (request) =>
      Effect.sync(() =>
        requests.push({ method: request.method, url: Option.getOrThrow(HttpClientRequest.toUrl(request)) })
      ))
    const rest = yield* Effect.provide(
      Rest.Rest,
      Rest.layer({ key: app.keys[keyIndex]!.keyStr, ...options }).pipe(
        Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
      )
    )
    return { app, emulator, rest, requests }
  })
