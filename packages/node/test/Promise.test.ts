/**
 * `@effect-ably/node/promise` end to end: `createClient(options)` (undici, real sockets)
 * against the loopback emulator, from plain async code.
 */
import * as Emulator from "@effect-ably/emulator"
import * as EmulatorServer from "@effect-ably/emulator/server"
import { AblyError, type Client, createClient } from "@effect-ably/node/promise"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"

const server = ManagedRuntime.make(EmulatorServer.layerServer({ port: 0 }))
const setup = server.runPromise(Effect.gen(function*() {
  const address = yield* EmulatorServer.EmulatorAddress
  const emulator = yield* Emulator.Emulator
  const app = yield* emulator.createApp()
  return { address, emulator, app }
}))
afterAll(() => server.dispose())

const clients: Array<Client> = []
const client = async (keyIndex = 0, key?: string) => {
  const { address, app } = await setup
  const made = createClient({
    key: key ?? app.keys[keyIndex]!.keyStr,
    endpoint: address.host,
    port: address.port,
    tls: false
  })
  clients.push(made)
  return made
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
})
beforeAll(() => setup)

const rejection = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("resolved"), (e: unknown) => e)

describe("@effect-ably/node/promise against the loopback emulator", () => {
  it("RSL1/RSL2 - publish, then history as for await over pages and as a page", async () => {
    const rest = await client()
    const channel = rest.channels.get("node-promise")
    await channel.publish([{ name: "a", data: "1" }, { name: "b", data: { n: 2 } }, { name: "c" }])
    const names: Array<string | undefined> = []
    for await (const message of channel.history({ limit: 2, direction: "forwards" })) names.push(message.name)
    expect(names).toEqual(["a", "b", "c"])
    const page = await channel.historyPage({ limit: 2 })
    expect(page.items.map((m) => m.name)).toEqual(["c", "b"])
    expect((await page.next())?.items.map((m) => m.data)).toEqual(["1"])
  })

  it("errors: 40160 without the capability, 40101 with a bad secret, both AblyError instances", async () => {
    const denied = await rejection((await client(3)).channels.get("x").publish("n", "d"))
    expect(denied).toBeInstanceOf(AblyError)
    expect(denied).toMatchObject({ code: 40160, statusCode: 401 })
    const { app } = await setup
    const bad = await rejection((await client(0, `${app.keys[0]!.keyName}:nope`)).channels.get("x").historyPage())
    expect(bad).toBeInstanceOf(AblyError)
    expect(bad).toMatchObject({ code: 40101, statusCode: 401 })
  })

  it("an AbortSignal cuts a slow request over the socket short", async () => {
    const { emulator } = await setup
    await Effect.runPromise(
      emulator.faults.set([{ method: "GET", path: "/time", action: { type: "delay", ms: 30_000 } }])
    )
    try {
      const rest = await client()
      const started = Date.now()
      const error = await rejection(rest.time({ signal: AbortSignal.timeout(100) }))
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(error).toMatchObject({ code: 40000, statusCode: 499 })
    } finally {
      await Effect.runPromise(emulator.faults.clear)
    }
  })
})
