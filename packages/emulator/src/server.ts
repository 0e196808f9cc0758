/**
 * The loopback transport: the same emulator app served over real HTTP on 127.0.0.1, for the
 * official `ably` client, browsers and the CLI. It can listen on several addresses at once
 * (`hosts: ["127.0.0.1", "127.0.0.2", "127.0.0.3"]`, one port, one shared state: Linux
 * routes all of 127/8 to the loopback interface), so fallback hosts are real hosts, and it
 * carries out injected faults on the socket itself (resets, truncated bodies). Node only:
 * import it from `@effect-ably/emulator/server` (the main entry stays browser-safe).
 *
 * @since 0.1.0
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { createServer } from "node:http"
import { httpApp } from "./app.js"
import { Emulator, layerState } from "./Emulator.js"
import * as Inject from "./faults/Inject.js"

/**
 * One address the loopback emulator listens on; `url` is its base URL
 * (`http://127.0.0.2:<port>`).
 *
 * @since 0.1.0
 * @category models
 */
export interface BoundAddress {
  readonly host: string
  readonly port: number
  readonly url: string
}

/**
 * Where the loopback emulator listens: `host`, `port` and `url` of the first address (the
 * primary), and `addresses`, every bound address in the order of `ServerOptions.hosts`.
 *
 * @since 0.1.0
 * @category tags
 * @example
 * import { EmulatorAddress, layerServer } from "@effect-ably/emulator/server"
 * import { Effect } from "effect"
 *
 * const url = Effect.map(EmulatorAddress, (address) => address.url).pipe(Effect.provide(layerServer({ port: 0 })))
 */
export class EmulatorAddress extends Context.Tag("@effect-ably/emulator/EmulatorAddress")<
  EmulatorAddress,
  BoundAddress & { readonly addresses: ReadonlyArray<BoundAddress> }
>() {}

/**
 * Options of the loopback server. `port` 0 (the default) picks a free port; `host` defaults
 * to `127.0.0.1`. `hosts` binds several addresses on one port (the port the first one got),
 * all serving one emulator; it takes precedence over `host`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ServerOptions {
  readonly port?: number | undefined
  readonly host?: string | undefined
  readonly hosts?: ReadonlyArray<string> | undefined
}

// "::ffff:127.0.0.2" → "127.0.0.2": IPv4 peers of a dual-stack socket.
const plainAddress = (address: string | undefined): string =>
  address === undefined ? "" : address.startsWith("::ffff:") ? address.slice(7) : address

const pathOf = (url: string): string => {
  const query = url.indexOf("?")
  return query === -1 ? url : url.slice(0, query)
}

// Faults on the real socket. Dropping it closes the response, which interrupts the request's
// fiber: `Effect.never` only waits for that.
const loopbackWire = (
  request: HttpServerRequest.HttpServerRequest
): Inject.Wire<HttpServerResponse.HttpServerResponse, never> => {
  const socket = NodeHttpServerRequest.toIncomingMessage(request).socket
  const response = NodeHttpServerRequest.toServerResponse(request)
  return {
    send: Effect.succeed,
    reset: Effect.zipRight(Effect.sync(() => socket.destroy()), Effect.never),
    truncate: (answer, body, keep) =>
      Effect.zipRight(
        Effect.sync(() => {
          response.writeHead(answer.status, { ...answer.headers, "content-length": String(body.length) })
          response.flushHeaders()
          if (keep === 0) setImmediate(() => socket.destroy())
          else response.write(body.subarray(0, keep), () => socket.destroy())
        }),
        Effect.never
      )
  }
}

const loopbackApp: HttpApp.Default<never, Emulator> = Effect.flatMap(
  HttpServerRequest.HttpServerRequest,
  (request) =>
    Effect.flatMap(Emulator, (emulator) => {
      const socket = NodeHttpServerRequest.toIncomingMessage(request).socket
      const info = {
        host: plainAddress(socket.localAddress),
        port: socket.localPort ?? 0,
        hostHeader: request.headers["host"],
        method: request.method,
        path: pathOf(request.url)
      }
      return Effect.flatMap(
        emulator.faults.decide(info),
        (fault) => fault === undefined ? httpApp : Inject.serve(httpApp, fault, loopbackWire(request))
      )
    })
)

const urlOf = (host: string, port: number) => `http://${host.includes(":") ? `[${host}]` : host}:${port}`

const listen = (options: ServerOptions) =>
  Effect.gen(function*() {
    const hosts = options.hosts !== undefined && options.hosts.length > 0
      ? options.hosts
      : [options.host ?? "127.0.0.1"]
    const servers: Array<HttpServer.HttpServer> = []
    const addresses: Array<BoundAddress> = []
    let port = options.port ?? 0
    for (const host of hosts) {
      const server = yield* NodeHttpServer.make(() => createServer(), { port, host })
      if (server.address._tag !== "TcpAddress") {
        return yield* Effect.dieMessage("The emulator server listens on TCP only")
      }
      // The first address picks the port (when 0); the others share it.
      port = server.address.port
      yield* server.serve(loopbackApp)
      servers.push(server)
      addresses.push({ host: server.address.hostname, port, url: urlOf(server.address.hostname, port) })
    }
    const [primary] = addresses
    const [first] = servers
    if (primary === undefined || first === undefined) return yield* Effect.dieMessage("no address to listen on")
    return Context.make(EmulatorAddress, { ...primary, addresses }).pipe(Context.add(HttpServer.HttpServer, first))
  })

/**
 * Serves the emulator on real sockets for as long as the layer lives, and provides the
 * `Emulator` handle, the bound `EmulatorAddress` (every address) and the platform
 * `HttpServer` of the first address.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { Emulator } from "@effect-ably/emulator"
 * import { EmulatorAddress, layerServer } from "@effect-ably/emulator/server"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const { addresses } = yield* EmulatorAddress // 127.0.0.1, 127.0.0.2 and 127.0.0.3, one port
 *   const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.createApp())
 *   return { urls: addresses.map((address) => address.url), key: app.keys[0]!.keyStr }
 * }).pipe(Effect.provide(layerServer({ port: 0, hosts: ["127.0.0.1", "127.0.0.2", "127.0.0.3"] })))
 */
export const layerServer = (
  options: ServerOptions = {}
): Layer.Layer<Emulator | EmulatorAddress | HttpServer.HttpServer, HttpServerError.ServeError> =>
  Layer.scopedContext(listen(options)).pipe(Layer.provideMerge(layerState))
