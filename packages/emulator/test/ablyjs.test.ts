import { describe, expect, it } from "@effect/vitest"
import * as Ably from "ably"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Emulator } from "../src/index.js"
import { EmulatorAddress, layerServer } from "../src/server.js"
import { keyOf } from "./support.js"

// The official client pins the emulator's behaviour: what ably-js does against Ably must work here.
const ErrorInfo = Schema.Struct({ code: Schema.Number, statusCode: Schema.Number })
const failure = <A>(promise: () => Promise<A>) =>
  Effect.map(Effect.flip(Effect.tryPromise(promise)), (error) => Schema.decodeUnknownSync(ErrorInfo)(error.error))

const plain = (data: unknown): unknown => (data instanceof Uint8Array ? Array.from(data) : data)

describe("ably-js against the loopback emulator", () => {
  for (const useBinaryProtocol of [false, true]) {
    it.live(`publish, history paging and errors (useBinaryProtocol: ${useBinaryProtocol})`, () =>
      Effect.gen(function*() {
        const { host, port } = yield* EmulatorAddress
        const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.createApp())
        const client = (index: number) =>
          new Ably.Rest({ key: keyOf(app, index), endpoint: host, port, tls: false, useBinaryProtocol, logLevel: 0 })
        const rest = client(0)
        const channel = rest.channels.get("ably-js/channel: one")

        const time = yield* Effect.promise(() => rest.time())
        expect(Math.abs(time - Date.now())).toBeLessThan(5_000)

        yield* Effect.promise(async () => {
          await channel.publish("text", "hello")
          await channel.publish("json", { nested: [1, 2] })
          await channel.publish("binary", new Uint8Array([1, 2, 3]))
          await channel.publish([{ name: "d" }, { name: "e" }, { name: "f" }])
        })

        const items: Array<unknown> = []
        let page = yield* Effect.promise(() => channel.history({ limit: 2, direction: "forwards" }))
        for (;;) {
          items.push(...page.items.map((m) => [m.name, plain(m.data), m.action, typeof m.serial, typeof m.id]))
          if (!page.hasNext()) break
          const next = yield* Effect.promise(() => page.next())
          if (next === null) break
          page = next
        }
        expect(items).toEqual([
          ["text", "hello", "message.create", "string", "string"],
          ["json", { nested: [1, 2] }, "message.create", "string", "string"],
          ["binary", [1, 2, 3], "message.create", "string", "string"],
          ["d", undefined, "message.create", "string", "string"],
          ["e", undefined, "message.create", "string", "string"],
          ["f", undefined, "message.create", "string", "string"]
        ])

        expect(yield* failure(() => client(3).channels.get("news").publish("x", "y"))).toEqual({
          code: 40160,
          statusCode: 401
        })
        expect(yield* failure(() => rest.channels.get(":bad").publish("x", "y"))).toEqual({
          code: 40010,
          statusCode: 400
        })
        expect(yield* failure(() => channel.history({ limit: 5000 }))).toEqual({ code: 40003, statusCode: 400 })
        const wrongSecret = new Ably.Rest({
          key: `${app.keys[0]!.keyName}:nope`,
          endpoint: host,
          port,
          tls: false,
          useBinaryProtocol,
          logLevel: 0
        })
        expect(yield* failure(() => wrongSecret.channels.get("x").history())).toEqual({
          code: 40101,
          statusCode: 401
        })
      }).pipe(Effect.provide(layerServer({ port: 0 }))))
  }
})
