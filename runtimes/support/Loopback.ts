/**
 * The loopback emulator for the runtime suites, started in the runner's process on a free port of
 * 127.0.0.1, with one app: a full-access key, a key that may only publish to and read `allowed:*`
 * (for the capability-denied check), and a `lobby` channel with two presence members.
 */
import { Emulator } from "@effect-ably/emulator"
import { EmulatorAddress, layerServer } from "@effect-ably/emulator/server"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import type { Target } from "../scenario/Scenario.js"

export interface Loopback {
  /** What a scenario needs to reach this emulator (no `authUrl`: the browser suite adds its own). */
  readonly target: Target
  /** The base URL (`http://127.0.0.1:<port>`). */
  readonly url: string
  /** Methods and paths of the requests seen so far. */
  readonly requests: () => Promise<ReadonlyArray<{ readonly method: string; readonly path: string }>>
  /** The `encoding` of every message stored on a channel. */
  readonly encodings: (channel: string) => Promise<ReadonlyArray<string | undefined>>
  readonly close: () => Promise<void>
}

export const presenceMembers = ["carol", "dave"] as const

export const start = async (): Promise<Loopback> => {
  const scope = Effect.runSync(Scope.make())
  const context = await Effect.runPromise(Layer.buildWithScope(layerServer({ port: 0, host: "127.0.0.1" }), scope))
  const address = Context.get(context, EmulatorAddress)
  const emulator = Context.get(context, Emulator)
  const app = await Effect.runPromise(emulator.createApp({
    keys: [{}, { capability: JSON.stringify({ "allowed:*": ["publish", "history"] }) }],
    channels: [{
      name: "lobby",
      presence: presenceMembers.map((clientId) => ({ clientId, data: `${clientId} is here` }))
    }]
  }))
  const [root, limited] = app.keys
  if (root === undefined || limited === undefined) throw new Error("the emulator made fewer keys than asked")
  return {
    target: { host: address.host, port: address.port, key: root.keyStr, limitedKey: limited.keyStr },
    url: address.url,
    requests: () => Effect.runPromise(emulator.faults.requests),
    encodings: (channel) =>
      Effect.runPromise(
        Effect.map(emulator.messages(app.appId, channel), (messages) => messages.map((message) => message.encoding))
      ),
    close: () => Effect.runPromise(Scope.close(scope, Exit.void))
  }
}
