/**
 * `@effect-ably/browser/promise`: `createClient(options)` over `fetch` (JSON by default)
 * against the loopback emulator, from plain async code.
 */
import { AblyError, createClient } from "@effect-ably/browser/promise"
import * as Emulator from "@effect-ably/emulator"
import * as EmulatorServer from "@effect-ably/emulator/server"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"

const server = ManagedRuntime.make(EmulatorServer.layerServer({ port: 0 }))
afterAll(() => server.dispose())

describe("@effect-ably/browser/promise against the loopback emulator", () => {
  it("RSL1/RSL2 - publish, for await over history pages; 40160 rejects as an AblyError; close()", async () => {
    const { address, app } = await server.runPromise(Effect.gen(function*() {
      const address = yield* EmulatorServer.EmulatorAddress
      const app = yield* (yield* Emulator.Emulator).createApp()
      return { address, app }
    }))
    const at = { endpoint: address.host, port: address.port, tls: false }
    const client = createClient({ key: app.keys[0]!.keyStr, ...at })
    const readOnly = createClient({ key: app.keys[3]!.keyStr, ...at })
    try {
      const channel = client.channels.get("browser-promise")
      await channel.publish([{ name: "a", data: "1" }, { name: "b", data: { n: 2 } }])
      const data: Array<unknown> = []
      for await (const message of channel.history({ limit: 1, direction: "forwards" })) data.push(message.data)
      expect(data).toEqual(["1", { n: 2 }])
      const denied = await readOnly.channels.get("x").publish("n", "d").catch((error: unknown) => error)
      expect(denied).toBeInstanceOf(AblyError)
      expect(denied).toMatchObject({ code: 40160, statusCode: 401 })
    } finally {
      await Promise.all([client.close(), readOnly.close()])
    }
    expect(await client.time().catch((error: unknown) => error)).toMatchObject({ code: 80017 })
  })
})
