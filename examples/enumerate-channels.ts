/**
 * Enumerate every active channel of an app through a pipeline, in constant memory:
 * `channels.list` (a Stream, one page of up to 1000 names at a time, fetched as the pipeline
 * pulls) → keep one channel in five → a status lookup per kept channel, 16 at a time →
 * NDJSON written to a file. Runs against the in-memory emulator with 100k active channels;
 * prints the pages fetched, the lines written and the process's peak RSS.
 *
 *   npx tsx examples/enumerate-channels.ts            # 100k channels
 *   npx tsx examples/enumerate-channels.ts --faults   # plus empty/short pages, duplicates, one 40011
 *   CHANNELS=20000 CONCURRENCY=4 npx tsx examples/enumerate-channels.ts
 */
import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as FileSystem from "@effect/platform/FileSystem"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { channelLines, ndjson } from "./channel-pipeline.js"

const channelName = (index: number) => `sensor:${String(index).padStart(6, "0")}`

export interface RunOptions {
  /** Active channels in the app. */
  readonly channels: number
  /** Status lookups in flight at once. */
  readonly concurrency: number
  /** Inject enumeration faults: empty and short pages, repeated names, one 40011. */
  readonly faults: boolean
}

/** What a run did: the NDJSON lines written (and how many distinct channels), pages fetched, time, peak RSS. */
export interface RunOutcome {
  readonly pagesFetched: number
  readonly lines: number
  readonly distinctChannels: number
  readonly seconds: number
  readonly peakRssMiB: number
}

export const run = (options: RunOptions) =>
  Effect.gen(function*() {
    const { channels: channelCount, concurrency, faults: withFaults } = options
    const emulator = yield* Emulator.Emulator
    const app = yield* emulator.createApp({ keys: [{}] })
    // Every channel has a connection attached, so it stays active for the whole run.
    yield* emulator.admin.activateChannels(app.appId, Array.from({ length: channelCount }, (_, i) => channelName(i)), {
      connections: 1,
      subscribers: 1
    })
    if (withFaults) {
      yield* emulator.admin.setEnumerationFaults(app.appId, {
        pageSizes: [1000, 0, 400, 1000, 0, 0, 1000, 250],
        repeat: 25,
        invalidateAt: [12]
      })
    }

    // Count the enumeration requests on their way to the emulator.
    const pagesFetched = yield* Ref.make(0)
    const client = HttpClient.tapRequest(
      yield* HttpClient.HttpClient,
      (request) => request.url.endsWith("/channels") ? Ref.update(pagesFetched, (n) => n + 1) : Effect.void
    )
    const rest = yield* Effect.provide(
      Rest.Rest,
      Rest.layer({ key: app.keys[0]!.keyStr }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, client)))
    )

    const fs = yield* FileSystem.FileSystem
    const path = join(tmpdir(), `effect-ably-channels-${process.pid}.ndjson`)
    const lines = yield* Ref.make(0)
    const started = Date.now()
    yield* ndjson(channelLines(rest, { keep: (name) => name.endsWith("0") || name.endsWith("5"), concurrency })).pipe(
      Stream.tap(() => Ref.update(lines, (n) => n + 1)),
      Stream.encodeText,
      Stream.run(fs.sink(path))
    )
    const seconds = (Date.now() - started) / 1000
    const peakRssMiB = process.resourceUsage().maxRSS / 1024
    yield* Console.log(`channels:       ${channelCount} active${withFaults ? " (with injected faults)" : ""}`)
    yield* Console.log(`pages fetched:  ${yield* Ref.get(pagesFetched)}`)
    yield* Console.log(`lines written:  ${yield* Ref.get(lines)} -> ${path}`)
    yield* Console.log(`elapsed:        ${seconds.toFixed(1)} s`)
    yield* Console.log(`peak RSS:       ${peakRssMiB.toFixed(1)} MiB`)
    // Read back (after measuring) to count distinct channels, then clean up.
    const written = (yield* fs.readFileString(path)).split("\n").filter((line) => line !== "")
    const distinct = new Set(written) // a channel's line is the same text each time it is written
    yield* fs.remove(path)
    const outcome: RunOutcome = {
      pagesFetched: yield* Ref.get(pagesFetched),
      lines: yield* Ref.get(lines),
      distinctChannels: distinct.size,
      seconds,
      peakRssMiB
    }
    return outcome
  }).pipe(Effect.provide(Layer.merge(Emulator.layer, NodeFileSystem.layer)))

// Run as a script (not when a test imports `run`).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  NodeRuntime.runMain(run({
    channels: Number(process.env["CHANNELS"] ?? 100_000),
    concurrency: Number(process.env["CONCURRENCY"] ?? 16),
    faults: process.argv.includes("--faults")
  }))
}
