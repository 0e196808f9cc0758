/**
 * This SDK over undici (`NodeRest.layer`), built once in the bench's scope so the connection
 * pool stays open; each operation is run with `Runtime.runPromise` on that runtime.
 */
import { Rest } from "@effect-ably/core"
import { NodeRest } from "@effect-ably/node"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"
import { type BenchClient, type Format, payload, type Target } from "./Client.js"

export const make = (target: Target, format: Format) =>
  Effect.gen(function*() {
    const runtime = yield* Layer.toRuntime(
      NodeRest.layer({
        key: target.key,
        endpoint: target.host,
        port: target.port,
        tls: false,
        useBinaryProtocol: format === "msgpack"
      })
    )
    const rest = Context.get(runtime.context, Rest.Rest)
    const run = Runtime.runPromise(runtime)
    const client: BenchClient = {
      name: "effect-ably",
      format,
      channel: (name) => {
        const channel = rest.channels.get(name)
        return {
          publish: (i) => run(Effect.asVoid(channel.publish("bench", payload(i)))),
          history: (limit) => run(Stream.runCount(channel.history({ limit })))
        }
      },
      time: () => run(Effect.asVoid(rest.time)),
      close: async () => {}
    }
    return client
  })
