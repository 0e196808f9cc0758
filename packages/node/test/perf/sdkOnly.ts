// SDK cost alone (in-memory engine answering at once): N ops after a warm-up, for cachegrind A/B.
import { AblyOptions, Rest } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"

const what = process.argv[2] ?? "publish"
const n = Number(process.argv[3] ?? 20000)
const proto = process.argv[4] ?? "json"
const answer = {
  status: 201,
  headers: { "content-type": "application/json" },
  body: new TextEncoder().encode(
    what === "time" ? "[1234]" : "{\"channel\":\"bench\",\"messageId\":\"abc\",\"serials\":[\"s1\"]}"
  )
}
const engine = Layer.succeed(Rest.HttpEngine, { execute: () => Effect.succeed(answer) })
const runtime = ManagedRuntime.make(
  Rest.fromEngineLayer(
    AblyOptions.layer({
      key: "app.key:secret",
      endpoint: "127.0.0.1",
      tls: false,
      fallbackHosts: [],
      useBinaryProtocol: proto === "msgpack"
    })
  ).pipe(Layer.provide(engine))
)
const rest = await runtime.runPromise(Rest.Rest)
const channel = rest.channels.get("bench")
const op = what === "time" ?
  Effect.asVoid(rest.time)
  : what === "get" ?
  Effect.suspend(() => Effect.asVoid(rest.channels.get("bench").publish("greeting", "hello")))
  : Effect.suspend(() => Effect.asVoid(channel.publish("greeting", "hello")))
const run = async (count: number) => {
  let next = 0
  const worker = async () => {
    while (next++ < count) await runtime.runPromise(op)
  }
  await Promise.all(Array.from({ length: 16 }, worker))
}
await run(5000)
const cpu = process.cpuUsage()
await run(n)
const used = process.cpuUsage(cpu)
if (process.env.QUIET === undefined) console.log(what, proto, "µs/op", ((used.user + used.system) / n).toFixed(1))
await runtime.dispose()
