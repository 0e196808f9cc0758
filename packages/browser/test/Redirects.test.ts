import { BrowserRest } from "@effect-ably/browser"
import { Rest } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"

interface Listening {
  readonly port: number
  readonly seen: Array<
    { readonly url: string; readonly authorization: string | undefined; readonly custom: string | undefined }
  >
}

// A real HTTP server on loopback; `answer` writes each response.
const listen = (answer: (url: string, response: import("node:http").ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<Listening & { readonly server: Server }>((resume) => {
      const seen: Listening["seen"] = []
      const server = createServer((request, response) => {
        seen.push({
          url: request.url ?? "",
          authorization: request.headers.authorization,
          custom: typeof request.headers["x-custom-auth"] === "string" ? request.headers["x-custom-auth"] : undefined
        })
        answer(request.url ?? "", response)
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({ port: (server.address() as AddressInfo).port, seen, server })))
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.close(() =>
          resume(Effect.void)
        )
      })
  )

const redirectTo = (target: string) => (_url: string, response: import("node:http").ServerResponse) => {
  response.writeHead(302, { location: target })
  response.end()
}

describe("redirects are never followed (credentials stay on the configured hosts)", () => {
  it.scoped("a 302 from the Ably host to another host: typed error, nothing reaches the other host", () =>
    Effect.gen(function*() {
      const elsewhere = yield* listen((_url, response) => response.end("[1]"))
      const ably = yield* listen(redirectTo(`http://127.0.0.1:${elsewhere.port}/steal`))
      const error = yield* Effect.flip(
        Effect.flatMap(Rest.Rest, (rest) => rest.channel("c").publish("n", "d")).pipe(
          Effect.provide(
            BrowserRest.layer({ key: "app.key:secret", endpoint: "127.0.0.1", port: ably.port, tls: false })
          )
        )
      )
      expect(error._tag).toBe("AblyError")
      expect(ably.seen).toHaveLength(1)
      expect(ably.seen[0]!.authorization).toMatch(/^Basic /)
      expect(elsewhere.seen).toEqual([])
    }))

  it.scoped("a 302 from the authUrl: 40170, the authHeaders go nowhere else", () =>
    Effect.gen(function*() {
      const elsewhere = yield* listen((_url, response) => response.end("token"))
      const auth = yield* listen(redirectTo(`http://127.0.0.1:${elsewhere.port}/steal`))
      const error = yield* Effect.flip(
        Effect.flatMap(Rest.Rest, (rest) => rest.auth.authorize()).pipe(
          Effect.provide(BrowserRest.layer({
            authUrl: `http://127.0.0.1:${auth.port}/token`,
            authHeaders: { "x-custom-auth": "header-secret" },
            endpoint: "127.0.0.1",
            port: auth.port,
            tls: false
          }))
        )
      )
      expect(error).toMatchObject({ _tag: "AblyError", code: 40170 })
      expect(auth.seen.map((request) => request.custom)).toEqual(["header-secret"])
      expect(elsewhere.seen).toEqual([])
    }))
})
