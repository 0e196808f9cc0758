/**
 * The pack check's app (scripts/pack-check.sh copies this folder into a scratch npm project that
 * installs the packed tarballs): publish and read back through core, once over the in-memory
 * emulator and once with `NodeRest` over the emulator's loopback server. Prints one line the
 * script checks.
 */
import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { EmulatorAddress, layerServer } from "@effect-ably/emulator/server"
import { NodeRest } from "@effect-ably/node"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

const roundTrip = Effect.gen(function*() {
  const rest = yield* Rest.Rest
  const channel = rest.channels.get("pack-check")
  yield* channel.publish("greeting", "hello")
  yield* channel.publish("order", { id: 42 })
  const names = yield* Stream.runCollect(
    Stream.map(channel.history({ direction: "forwards" }), (message) => message.name)
  )
  return Chunk.toArray(names).join(",")
})

// No sockets: the emulator is the HttpClient.
const inMemory = Effect.gen(function*() {
  const app = yield* Effect.flatMap(Emulator.Emulator, (emulator) => emulator.createApp())
  return yield* Effect.provide(roundTrip, Rest.layer({ key: app.keys[0]!.keyStr }))
}).pipe(Effect.provide(Emulator.layer))

// The Node client over real HTTP to the emulator's loopback server.
const overNode = Effect.scoped(Effect.gen(function*() {
  const server = yield* Layer.build(layerServer({ port: 0 }))
  const { host, port } = Context.get(server, EmulatorAddress)
  const app = yield* Context.get(server, Emulator.Emulator).createApp()
  return yield* Effect.provide(
    roundTrip,
    NodeRest.layer({ key: app.keys[0]!.keyStr, endpoint: host, port, tls: false })
  )
}))

const program = Effect.map(
  Effect.all([inMemory, overNode]),
  ([memory, node]) => `pack-app ok: in-memory=${memory} node=${node}`
)

Effect.runPromise(program).then(
  (line) => console.log(line),
  (error: unknown) => {
    console.error("pack-app failed:", error)
    process.exitCode = 1
  }
)
