import { type ClientOptions, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as Effect from "effect/Effect"

/**
 * A `Rest` client with a fresh test app on the emulator in context: the client uses the
 * `HttpClient` from the test's `Emulator.layer`, so both sides share one emulator.
 */
export const emulatedRest = (options: ClientOptions.ClientOptionsInput = {}, keyIndex = 0) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator.Emulator
    const app = yield* emulator.createApp()
    const rest = yield* Effect.provide(Rest.Rest, Rest.layer({ key: app.keys[keyIndex]!.keyStr, ...options }))
    return { rest, app, emulator }
  })
