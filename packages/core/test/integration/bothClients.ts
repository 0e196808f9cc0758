import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as EmulatorServer from "@effect-ably/emulator/server"
import { NodeRest } from "@effect-ably/node"
import * as Ably from "ably"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * One fresh emulator app, and ably-js 2.28 and our Node client both pointed at the loopback
 * emulator (`EmulatorServer.layerServer` in context) with its first key. Our client is built
 * in the caller's scope: its undici pool lives as long as the test.
 */
export const bothClients = (useBinaryProtocol: boolean) =>
  Effect.gen(function*() {
    const { host, port } = yield* EmulatorServer.EmulatorAddress
    const emulator = yield* Emulator.Emulator
    const app = yield* emulator.createApp()
    const key = app.keys[0]!.keyStr
    // logLevel 0: some tests read undecryptable or odd data on purpose, which ably-js would log.
    const official = new Ably.Rest({
      key,
      endpoint: host,
      port,
      tls: false,
      useBinaryProtocol,
      fallbackHosts: [],
      logLevel: 0
    })
    const context = yield* Layer.build(NodeRest.layer({ key, endpoint: host, port, tls: false, useBinaryProtocol }))
    return { app, emulator, official, ours: Context.get(context, Rest.Rest) }
  })
