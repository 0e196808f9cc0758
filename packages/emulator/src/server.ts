/**
 * The loopback transport: the same emulator app served over real HTTP on 127.0.0.1, for the
 * official `ably` client, browsers and the CLI.
 *
 * @since 0.1.0
 */
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { createServer } from "node:http"
import { httpApp } from "./app.js"
import { type Emulator, layerState } from "./Emulator.js"

/**
 * Where the loopback emulator listens. `url` is the base URL (`http://127.0.0.1:<port>`).
 *
 * @since 0.1.0
 * @category tags
 * @example
 * import { EmulatorAddress, layerServer } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 *
 * const url = Effect.map(EmulatorAddress, (address) => address.url).pipe(Effect.provide(layerServer({ port: 0 })))
 */
export class EmulatorAddress extends Context.Tag("@effect-ably/emulator/EmulatorAddress")<
  EmulatorAddress,
  { readonly host: string; readonly port: number; readonly url: string }
>() {}

/**
 * Options of the loopback server. `port` 0 (the default) picks a free port; `host` defaults
 * to `127.0.0.1`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServerOptions {
  readonly port?: number | undefined
  readonly host?: string | undefined
}

const addressLayer = Layer.effect(
  EmulatorAddress,
  HttpServer.addressWith((address) =>
    address._tag === "TcpAddress"
      ? Effect.succeed({
          host: address.hostname,
          port: address.port,
          url: `http://${address.hostname}:${address.port}`
        })
      : Effect.dieMessage("The emulator server listens on TCP only")
  )
)

/**
 * Serves the emulator on a real socket for as long as the layer lives, and provides the
 * `Emulator` handle, the bound `EmulatorAddress` and the platform `HttpServer`.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Emulator, EmulatorAddress, layerServer } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const { url } = yield* EmulatorAddress
 *   const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.createApp())
 *   return { url, key: app.keys[0]!.keyStr }
 * }).pipe(Effect.provide(layerServer({ port: 0 })))
 */
export const layerServer = (
  options: ServerOptions = {}
): Layer.Layer<Emulator | EmulatorAddress | HttpServer.HttpServer, HttpServerError.ServeError> =>
  Layer.mergeAll(HttpServer.serve(httpApp), addressLayer, Layer.effect(HttpServer.HttpServer, HttpServer.HttpServer)).pipe(
    Layer.provide(NodeHttpServer.layer(() => createServer(), { port: options.port ?? 0, host: options.host ?? "127.0.0.1" })),
    Layer.provideMerge(layerState)
  )
