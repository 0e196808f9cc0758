/**
 * Token auth: a browser-style client that never sees the API key. A small Node server (the
 * app's backend) has the key and, at `/api/ably-token`, signs TokenRequests with
 * `@effect-ably/node` (no request to Ably); the client, `@effect-ably/browser`'s layer over
 * `fetch` (Node 20 has it), takes `authUrl` and exchanges each TokenRequest for a token with
 * Ably. Runs against the emulator's loopback server, so every hop is real HTTP.
 *
 *   npx tsx examples/token-auth.ts
 */
import { BrowserRest } from "@effect-ably/browser"
import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { EmulatorAddress, layerServer } from "@effect-ably/emulator/server"
import { NodeRest } from "@effect-ably/node"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import { createServer } from "node:http"
import { pathToFileURL } from "node:url"

/** Where Ably is, and the key only the server holds. */
export interface AblyAt {
  readonly key: string
  readonly endpoint: string
  readonly port: number
  readonly tls: boolean
}

/**
 * The backend: `GET /api/ably-token` answers a TokenRequest for the signed-in user (here
 * always "alice"), signed with the key. Closed with the scope.
 */
export const tokenServer = (ably: AblyAt) =>
  Effect.acquireRelease(
    Effect.async<{ readonly authUrl: string; readonly signed: () => number; readonly close: () => Promise<void> }>(
      (resume) => {
        const signer = ManagedRuntime.make(NodeRest.layer(ably))
        const sign = Effect.flatMap(Rest.Rest, (rest) =>
          rest.auth.createTokenRequest({ clientId: "alice", capability: { "orders": ["publish", "history"] } }))
        let signed = 0
        const server = createServer((request, response) => {
          if (request.url?.split("?")[0] !== "/api/ably-token") {
            return void response.writeHead(404).end()
          }
          signer.runPromise(sign).then(
            (tokenRequest) => {
              signed++
              response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(tokenRequest))
            },
            () =>
              response.writeHead(500).end("could not sign a TokenRequest")
          )
        })
        server.listen(0, "127.0.0.1", () => {
          const address = server.address()
          const port = typeof address === "object" && address !== null ? address.port : 0
          resume(Effect.succeed({
            authUrl: `http://127.0.0.1:${port}/api/ably-token`,
            signed: () => signed,
            close: () => new Promise<void>((done) => server.close(() => done())).then(() => signer.dispose())
          }))
        })
      }
    ),
    (server) => Effect.promise(server.close)
  )

/** The browser side: what it can do with its token, and what it cannot. */
export const browserApp = Effect.gen(function*() {
  const rest = yield* Rest.Rest
  const orders = rest.channels.get("orders")
  yield* orders.publish("placed", { id: 42 })
  const denied = yield* Effect.flip(rest.channels.get("admin").publish("reset", "all"))
  return {
    method: yield* rest.auth.method,
    clientId: Option.getOrUndefined(yield* rest.auth.clientId),
    denied: denied.code
  }
})

export const program = Effect.gen(function*() {
  const { host, port } = yield* EmulatorAddress
  const emulator = yield* Emulator.Emulator
  const app = yield* emulator.createApp({ keys: [{}] })
  const ably = { key: app.keys[0]!.keyStr, endpoint: host, port, tls: false }
  const backend = yield* tokenServer(ably)

  // The client gets the authUrl and where Ably is; no key.
  const seen = yield* browserApp.pipe(
    Effect.provide(BrowserRest.layer({ authUrl: backend.authUrl, endpoint: host, port, tls: false }))
  )
  const [stored] = yield* emulator.messages(app.appId, "orders")
  yield* Console.log(
    `client: ${seen.method} auth as ${String(seen.clientId)}; publish to "admin" refused: ${seen.denied}`
  )
  yield* Console.log(`stored: ${stored?.name} from ${stored?.clientId}; TokenRequests signed: ${backend.signed()}`)
  return { ...seen, storedClientId: stored?.clientId, signed: backend.signed() }
}).pipe(Effect.scoped, Effect.provide(layerServer({ port: 0 })))

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  NodeRuntime.runMain(program)
}
