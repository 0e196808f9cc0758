/**
 * Quickstart: publish a few messages, read them back through the history Stream, print the
 * server time. Runs against the embedded emulator by default (no network, no key); with
 * ABLY_API_KEY (and optionally ABLY_ENDPOINT) set, it talks to that Ably endpoint instead.
 */
import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { NodeRest } from "@effect-ably/node"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { pathToFileURL } from "node:url"

export const program = Effect.gen(function*() {
  const rest = yield* Rest.Rest
  const channel = rest.channels.get(`quickstart-${Date.now()}`)

  const published = yield* channel.publish([
    { name: "greeting", data: "hello from effect-ably" },
    { name: "order", data: { id: 42, items: ["tea", "cake"] } },
    { name: "bytes", data: new Uint8Array([0xca, 0xfe]) }
  ])
  yield* Console.log(`published ${published.serials.length} messages to ${channel.name}`)

  const names = yield* channel.history({ direction: "forwards", limit: 2 }).pipe(
    Stream.tap((message) => Console.log(`  history: ${message.name} ${JSON.stringify(message.data, bytesAsArray)}`)),
    Stream.runFold([] as Array<string | undefined>, (seen, message) => [...seen, message.name])
  )
  const time = yield* rest.time
  yield* Console.log(`server time: ${new Date(time).toISOString()}`)
  return { published: published.serials.length, history: names, time }
})

const bytesAsArray = (_: string, value: unknown) => value instanceof Uint8Array ? Array.from(value) : value

// The embedded emulator: an in-memory Ably with a fresh app, and the client on its key.
const EmulatedRest = Emulator.layerRest()

const RestLive = Layer.unwrapEffect(
  Effect.map(
    Config.option(Config.redacted("ABLY_API_KEY")),
    (key) => Option.isSome(key) ? NodeRest.layerConfig() : EmulatedRest
  )
)

// Run as a script (not when a test imports `program`).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  program.pipe(
    Effect.tap(() => Console.log("done")),
    Effect.provide(RestLive),
    NodeRuntime.runMain
  )
}
