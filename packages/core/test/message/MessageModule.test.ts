/**
 * `@effect-ably/core/Message` loads on its own, before any other module of the SDK: the wire
 * Schemas sit below the decoders that `Message.fromEncoded` uses, so there is no module cycle
 * to trip over (a cycle would leave a Schema undefined at load time).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Message from "../../src/Message.js"

describe("the Message module", () => {
  it.effect("TM3 - loads first and alone, and fromEncoded works from it", () =>
    Effect.gen(function*() {
      expect(Message.WireMessage).toBeDefined()
      const decoded = yield* Message.fromEncoded({ name: "n", data: "aGk=", encoding: "base64" })
      expect(decoded.data).toEqual(new Uint8Array([104, 105]))
    }))
})
