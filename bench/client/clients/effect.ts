/**
 * This SDK through its public API only: `NodeRest.layer` built once into a `ManagedRuntime`
 * (the connection pool stays open), each operation run with `runPromise`, as an application
 * that calls the SDK from Promise code would. With `spans`, under `RecordingTracer` (the
 * `effect-ably+spans` client): every span the SDK makes is made and recorded.
 */
import { Rest } from "@effect-ably/core"
import { NodeRest } from "@effect-ably/node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import { type BenchClient, key, payload, publishChannel, type Target } from "../Client.js"
import * as RecordingTracer from "../RecordingTracer.js"

export const make = async (target: Target, spans = false): Promise<BenchClient> => {
  const layer = NodeRest.layer({
    key,
    endpoint: target.host,
    port: target.port,
    tls: false,
    useBinaryProtocol: target.format === "msgpack"
  })
  const runtime = ManagedRuntime.make(spans ? Layer.merge(layer, Layer.setTracer(RecordingTracer.tracer)) : layer)
  const rest = await runtime.runPromise(Rest.Rest)
  const channel = rest.channels.get(publishChannel)
  const count = <A, E>(stream: Stream.Stream<A, E>, onItems: (n: number) => void) =>
    runtime.runPromise(Stream.runForEachChunk(stream, (chunk) => Effect.sync(() => onItems(chunk.length))))
  return {
    publish: (i) => runtime.runPromise(Effect.asVoid(channel.publish("bench", payload(i)))),
    history: (name, limit, onItems) => count(rest.channels.get(name).history({ limit }), onItems),
    list: (prefix, onItems) => count(rest.channels.list({ limit: 1000, prefix }), onItems),
    time: () => runtime.runPromise(Effect.asVoid(rest.time)),
    close: () => runtime.dispose()
  }
}
