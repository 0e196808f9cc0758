import { Rest } from "@effect-ably/core"
import { NodeRest } from "@effect-ably/node"
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"

// A tiny real HTTP server: proves the Node layer speaks HTTP and sends Ably's headers.
const withServer = Effect.acquireRelease(
  Effect.async<{ port: number; seen: Array<{ url: string; headers: IncomingHttpHeaders }>; close: () => void }>(
    (resume) => {
      const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = []
      const server = createServer((request, response) => {
        seen.push({ url: request.url ?? "", headers: request.headers })
        response.writeHead(200, { "content-type": "application/json" })
        response.end(JSON.stringify([1_234]))
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          port: (server.address() as AddressInfo).port,
          seen,
          close: () => server.close()
        })))
    }
  ),
  (held) => Effect.sync(held.close)
)

describe("@effect-ably/node", () => {
  it.scoped("layer gives a ready client over undici with the nodejs agent", () =>
    Effect.gen(function*() {
      const { port, seen } = yield* withServer
      const time = yield* Effect.flatMap(Rest.Rest, (rest) => rest.time).pipe(
        Effect.provide(NodeRest.layer({ key: "app.key:secret", endpoint: "127.0.0.1", port, tls: false }))
      )
      expect(time).toBe(1_234)
      expect(seen[0]!.url).toBe("/time")
      expect(seen[0]!.headers["ably-agent"]).toBe(`effect-ably/0.1.0 nodejs/${process.versions.node}`)
      expect(seen[0]!.headers["x-ably-version"]).toBe("6")
    }))

  it.effect("layer fails with a typed error for invalid options", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.provide(Rest.Rest, NodeRest.layer({ key: "not-a-key" })))
      expect(error).toMatchObject({ _tag: "AblyError", code: 40101 })
    }))

  it.scoped("layerConfig reads ABLY_API_KEY, ABLY_ENDPOINT, ABLY_PORT, ABLY_TLS and keeps the nodejs agent", () =>
    Effect.gen(function*() {
      const { port, seen } = yield* withServer
      const provider = ConfigProvider.fromMap(
        new Map([
          ["ABLY_API_KEY", "app.key:secret"],
          ["ABLY_ENDPOINT", "127.0.0.1"],
          ["ABLY_PORT", String(port)],
          ["ABLY_TLS", "false"]
        ])
      )
      const time = yield* Effect.flatMap(Rest.Rest, (rest) => rest.time).pipe(
        Effect.provide(NodeRest.layerConfig()),
        Effect.withConfigProvider(provider)
      )
      expect(time).toBe(1_234)
      expect(seen[0]!.headers["ably-agent"]).toBe(`effect-ably/0.1.0 nodejs/${process.versions.node}`)
    }))

  it.effect("RSA4 - layerConfig with no key names ABLY_API_KEY", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(Rest.Rest, NodeRest.layerConfig()).pipe(
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map()))
        )
      )
      expect(error).toMatchObject({ _tag: "AblyError", code: 40106, reason: "Auth" })
      expect(error.message).toContain("set ABLY_API_KEY (or ABLY_TOKEN, or ABLY_AUTH_URL)")
    }))
})
