import { Rest } from "@effect-ably/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, layer } from "@effect/vitest"
import * as Ably from "ably"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Emulator, type FaultRule, layer as emulatorLayer } from "../src/index.js"
import { EmulatorAddress, layerServer } from "../src/server.js"
import { createTestApp, keyOf } from "./support.js"

const withFaults = (rules: ReadonlyArray<FaultRule.FaultRule>) =>
  Effect.flatMap(Emulator, (emulator) => Effect.zipRight(emulator.faults.clearRequests, emulator.faults.set(rules)))

const publishes = Effect.map(
  Effect.flatMap(Emulator, (emulator) => emulator.faults.requests),
  (records) => records.filter((r) => r.method === "POST").map((r) => [r.host, r.fault?.type ?? "ok"] as const)
)

const primaryFaults: ReadonlyArray<readonly [string, FaultRule.FaultAction]> = [
  ["503", { type: "status", status: 503 }],
  ["reset before", { type: "reset" }],
  ["reset after (stored, answer lost)", { type: "reset", stage: "after" }],
  ["500 after the store", { type: "status", status: 500, stage: "after" }]
]

layer(emulatorLayer)("RSC15 - fallback hosts in process (no sockets)", (it) => {
  for (const [label, action] of primaryFaults) {
    it.effect(`our SDK: primary a.test ${label} → the publish lands once via b.test or c.test`, () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator
        const app = yield* createTestApp
        const rest = yield* Effect.provide(
          Rest.Rest,
          Rest.layer({ key: keyOf(app, 0), restHost: "a.test", fallbackHosts: ["b.test", "c.test"] })
        )
        yield* withFaults([{ host: "a.test", action }])
        yield* rest.channel("fb").publish("once", "x")
        expect((yield* emulator.messages(app.appId, "fb")).map((m) => m.name)).toEqual(["once"])
        const seen = yield* publishes
        expect(seen[0]).toEqual(["a.test", action.type])
        expect(seen).toHaveLength(2)
        expect(["b.test", "c.test"]).toContain(seen[1]![0])
        expect(seen[1]![1]).toBe("ok")
        yield* emulator.faults.clear
      }))
  }
})

const hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]

layer(Layer.merge(layerServer({ port: 0, hosts }), FetchHttpClient.layer), {
  excludeTestServices: true,
  timeout: "30 seconds"
})(
  "RSC15 - fallback hosts on a 3-host loopback emulator",
  (it) => {
    describe("our SDK (restHost + fallbackHosts + port, tls: false)", () => {
      for (const [label, action] of primaryFaults) {
        it.effect(`primary ${label} → lands once via a fallback`, () =>
          Effect.gen(function*() {
            const { port } = yield* EmulatorAddress
            const emulator = yield* Emulator
            const app = yield* createTestApp
            const rest = yield* Effect.provide(
              Rest.Rest,
              Rest.layer({
                key: keyOf(app, 0),
                restHost: "127.0.0.1",
                fallbackHosts: ["127.0.0.2", "127.0.0.3"],
                port,
                tls: false
              })
            )
            yield* withFaults([{ host: "127.0.0.1", action }])
            yield* rest.channel("loop-fb").publish("once", "x")
            const stored = yield* emulator.messages(app.appId, "loop-fb")
            expect(stored.map((m) => m.name)).toEqual(["once"])
            const seen = yield* publishes
            expect(seen[0]).toEqual(["127.0.0.1", action.type])
            expect(seen).toHaveLength(2)
            expect(["127.0.0.2", "127.0.0.3"]).toContain(seen[1]![0])
            yield* emulator.faults.clear
          }))
      }
    })

    describe("ably-js 2.28 (restHost + fallbackHosts + port, tls: false)", () => {
      for (const [label, action] of primaryFaults) {
        it.effect(`primary ${label} → lands once via a fallback`, () =>
          Effect.gen(function*() {
            const { port } = yield* EmulatorAddress
            const emulator = yield* Emulator
            const app = yield* createTestApp
            const rest = new Ably.Rest({
              key: keyOf(app, 0),
              restHost: "127.0.0.1",
              fallbackHosts: ["127.0.0.2", "127.0.0.3"],
              port,
              tls: false,
              logLevel: 0
            })
            yield* withFaults([{ host: "127.0.0.1", action }])
            yield* Effect.promise(() => rest.channels.get("ablyjs-fb").publish("once", "x"))
            expect((yield* emulator.messages(app.appId, "ablyjs-fb")).map((m) => m.name)).toEqual(["once"])
            const seen = yield* publishes
            expect(seen[0]).toEqual(["127.0.0.1", action.type])
            expect(seen).toHaveLength(2)
            expect(["127.0.0.2", "127.0.0.3"]).toContain(seen[1]![0])
            yield* emulator.faults.clear
          }))
      }
    })
  }
)
