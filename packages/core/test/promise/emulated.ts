import { type ClientOptions, PromiseClient, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as HttpClient from "@effect/platform/HttpClient"
import { afterEach } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * A Promise client on a fresh test app (`testAppSpec`) of an in-memory emulator, with the
 * emulator's handle (fault rules, the request record, admin) beside it, all from plain
 * async code.
 */
export const emulatedClient = async (options: ClientOptions.ClientOptionsInput = {}, keyIndex = 0) => {
  const emulator = await Effect.runPromise(Emulator.make)
  const app = await Effect.runPromise(emulator.createApp())
  const http = Layer.effect(HttpClient.HttpClient, Emulator.makeHttpClient).pipe(
    Layer.provide(Layer.succeed(Emulator.Emulator, emulator))
  )
  const layer = Rest.layer({ key: app.keys[keyIndex]!.keyStr, ...options }).pipe(Layer.provide(http))
  const client = PromiseClient.fromLayer(layer)
  const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect)
  return { client, emulator, app, run, http }
}

/** Every item of an async iterable. */
export const collect = async <A>(items: AsyncIterable<A>): Promise<Array<A>> => {
  const all: Array<A> = []
  for await (const item of items) all.push(item)
  return all
}

/** The rejection of a Promise that must reject. */
export const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error("expected a rejection")
    },
    (error: unknown) => error
  )

/**
 * For a test file: `open` is `emulatedClient`, and every client it opens (or `track` is given)
 * is closed after each test.
 */
export const closedAfterEach = () => {
  const clients: Array<PromiseClient.Client> = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()))
  })
  const track = (client: PromiseClient.Client) => {
    clients.push(client)
    return client
  }
  const open = async (...args: Parameters<typeof emulatedClient>) => {
    const opened = await emulatedClient(...args)
    track(opened.client)
    return opened
  }
  return { open, track }
}
