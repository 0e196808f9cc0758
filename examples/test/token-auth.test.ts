import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { program } from "../token-auth.js"

describe("examples/token-auth.ts", () => {
  it.live("RSA8c: authUrl → a TokenRequest signed by the backend → a token; the client never holds the key", () =>
    Effect.gen(function*() {
      expect(yield* program).toEqual({
        method: "token",
        clientId: "alice",
        denied: 40160, // the token's capability covers "orders" only
        storedClientId: "alice",
        signed: 1 // one TokenRequest: the token is reused for the second request
      })
    }))
})
