/**
 * A typed channel: `channels.get(name, { schema })` publishes only the Schema's type (checked
 * at compile time and encoded through the Schema at run time) and decodes every read to it. A
 * message some other writer left in the wrong shape fails the read with a typed `AblyError`,
 * never a defect. Runs against the embedded emulator.
 *
 *   npx tsx examples/typed-channel.ts
 */
import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Chunk from "effect/Chunk"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { pathToFileURL } from "node:url"

/** A reading as the app knows it: a Date in memory, an ISO string on the wire. */
export const Reading = Schema.Struct({
  sensor: Schema.String,
  celsius: Schema.Number.pipe(Schema.between(-90, 60)),
  at: Schema.Date
})
export type Reading = typeof Reading.Type

export const program = Effect.gen(function*() {
  const rest = yield* Rest.Rest
  const readings = rest.channels.get("readings", { schema: Reading })

  yield* readings.publish("reading", { sensor: "kitchen", celsius: 21.5, at: new Date("2024-05-01T09:00:00Z") })
  // readings.publish("reading", { sensor: "kitchen" })  // does not compile: celsius and at missing
  const outOfRange = yield* Effect.flip(
    readings.publish("reading", { sensor: "freezer", celsius: -200, at: new Date() })
  )
  yield* Console.log(`refused before sending: ${outOfRange.code} ${outOfRange.message}`)

  const read = yield* readings.history().pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
  for (const message of read) {
    yield* Console.log(`${message.data.sensor}: ${message.data.celsius} °C at ${message.data.at.toISOString()}`)
  }

  // Another writer, with no Schema, leaves a message the Schema does not accept:
  yield* rest.channels.get("readings").publish("reading", { sensor: "hall", celsius: "warm" })
  const badRead = yield* Effect.flip(Stream.runCollect(readings.history()))
  yield* Console.log(`typed read of a bad message: ${badRead.code} ${badRead.message}`)

  return {
    refused: outOfRange.code,
    read: read.map((message) => message.data),
    badRead: badRead.code
  }
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  program.pipe(Effect.provide(Emulator.layerRest()), NodeRuntime.runMain)
}
