/**
 * Mutable messages: on a channel whose namespace allows it ("message annotations, updates,
 * deletes and appends"), a message is read by serial, appended to, edited and deleted; each
 * change is a new version, history shows the latest, `getMessageVersions` lists them all.
 * Runs against the embedded emulator, on an app with a `mutable` namespace.
 *
 *   npx tsx examples/mutable-messages.ts
 */
import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Chunk from "effect/Chunk"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { pathToFileURL } from "node:url"

/** An app whose `mutable:*` channels take updates, deletes and appends. */
export const EmulatedRest = Emulator.layerRest({
  app: { keys: [{}], namespaces: [{ id: "mutable", mutableMessages: true }] }
})

export const program = Effect.gen(function*() {
  const chat = (yield* Rest.Rest).channel("mutable:chat")
  const serial = (yield* chat.publish("reply", "Hel")).serials[0]!
  yield* chat.appendMessage({ serial, data: "lo wrld" }) // streamed text, e.g. from an LLM
  const draft = yield* chat.getMessage(serial)
  yield* Console.log(`after append: ${String(draft.data)}`)

  yield* chat.updateMessage({ ...draft, data: "Hello world" }, { clientId: "alice", description: "typo" })
  const edited = yield* chat.getMessage(serial)
  yield* Console.log(`after update: ${String(edited.data)} (${edited.action})`)

  yield* chat.deleteMessage({ serial }, { description: "off topic" })
  const latest = yield* chat.history().pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
  const versions = yield* chat.getMessageVersions(serial).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
  for (const version of versions) {
    yield* Console.log(`version ${version.action}: ${String(version.data)} ${version.version?.description ?? ""}`)
  }
  return {
    appended: draft.data,
    edited: edited.data,
    history: latest.map((message) => message.action),
    versions: versions.map((version) => version.action)
  }
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  program.pipe(Effect.provide(EmulatedRest), NodeRuntime.runMain)
}
