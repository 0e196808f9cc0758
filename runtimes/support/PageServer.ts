/**
 * The browser suite's own origin: a small Node server on 127.0.0.1 (another port than the
 * emulator, so another origin) serving the bundled page and an `authUrl` endpoint. The endpoint
 * is what an app's backend does: our Node package signs a TokenRequest with the key, which never
 * reaches the page.
 */
import { Rest } from "@effect-ably/core"
import { NodeRest } from "@effect-ably/node"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { createServer } from "node:http"
import type { Target } from "../scenario/Scenario.js"

export interface PageServer {
  readonly url: string
  /** How many TokenRequests the endpoint signed. */
  readonly tokenRequests: () => number
  readonly close: () => Promise<void>
}

export const authPath = "/api/ably-token"
export const authClientId = "browser-user"

export const start = async (target: Target, pageScript: string): Promise<PageServer> => {
  const signer = ManagedRuntime.make(
    NodeRest.layer({ key: target.key, endpoint: target.host, port: target.port, tls: false })
  )
  const sign = Effect.flatMap(Rest.Rest, (rest) => rest.auth.createTokenRequest({ clientId: authClientId }))
  let signed = 0
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0]
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" })
      response.end(
        `<!doctype html><meta charset="utf-8"><title>effect-ably</title><script type="module" src="/page.js"></script>`
      )
    } else if (path === "/page.js") {
      response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" })
      response.end(pageScript)
    } else if (path === "/favicon.ico") {
      response.writeHead(204).end()
    } else if (path === authPath) {
      signer.runPromise(sign).then(
        (tokenRequest) => {
          signed += 1
          response.writeHead(200, { "content-type": "application/json" })
          response.end(JSON.stringify(tokenRequest))
        },
        () => {
          response.writeHead(500, { "content-type": "text/plain" })
          response.end("could not sign a TokenRequest")
        }
      )
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    tokenRequests: () => signed,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await signer.dispose()
    }
  }
}
