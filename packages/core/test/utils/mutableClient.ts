import { type ClientOptions, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as Effect from "effect/Effect"

/**
 * A client on a fresh emulator app whose `mutable` namespace has mutable messages (and so
 * annotations). With `capability` the client uses a second key holding it; `options` are
 * merged into the client's (a clientId with token auth, idempotency…). `admin` is a client
 * on the app's full-access key.
 */
export const mutableClient = (
  capability: Readonly<Record<string, ReadonlyArray<string>>> | undefined,
  options: Omit<ClientOptions.ClientOptionsInput, "key">
) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator.Emulator
    const app = yield* emulator.createApp({
      keys: [{}, ...(capability === undefined ? [] : [{ capability: JSON.stringify(capability) }])],
      namespaces: [{ id: "mutable", mutableMessages: true }]
    })
    const key = app.keys[capability === undefined ? 0 : 1]!.keyStr
    const rest = yield* Effect.provide(Rest.Rest, Rest.layer({ ...options, key }))
    const admin = yield* Effect.provide(Rest.Rest, Rest.layer({ key: app.keys[0]!.keyStr }))
    return { rest, admin, app, emulator }
  })
