// SDK cost alone: publishes over an engine that answers at once (no network).
import { AblyOptions, Rest } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"

const what = process.argv[2] ?? "publish"
const answer = {
  status: 201,
  headers: { "content-type": "application/json" },
  body: new TextEncoder().encode(what === "time" ? "[1234]" : "{}")
}
const engine = Layer.succeed(Rest.HttpEngine, { execute: () => Effect.succeed(answer) })
const runtime = ManagedRuntime.make(
  Rest.fromEngineLayer(
    AblyOptions.layer({ key: "app.key:secret", endpoint: "127.0.0.1", tls: false, fallbackHosts: [] })
  )
    .pipe(Layer.provide(engine))
)
const op = what === "time"
  ? Effect.flatMap(Rest.Rest, (rest) => Effect.asVoid(rest.time))
  : Effect.flatMap(Rest.Rest, (rest) => Effect.asVoid(rest.channels.get("bench").publish("greeting", "hello")))
const n = 50_000
const run = (count: number) =>
  runtime.runPromise(Effect.forEach(Array.from({ length: count }), () => op, { concurrency: 16, discard: true }))
await run(10_000)
const cpu = process.cpuUsage()
await run(n)
const used = process.cpuUsage(cpu)
console.log(what, "SDK-only µs/op", ((used.user + used.system) / n).toFixed(1))
await runtime.dispose()
