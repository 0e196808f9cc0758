/**
 * The acceptance test of channel enumeration: the example's pipeline (list → filter → status
 * lookups at bounded concurrency → NDJSON) against the in-memory emulator, with injected
 * short and empty pages, duplicates and one 40011 restart. Every channel arrives exactly once,
 * and the enumeration never runs more than one page ahead of the pipeline.
 */
import { Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { channelLines, ndjson } from "../../../../examples/channel-pipeline.js"

const channelCount = 20_000
const channelName = (index: number) => `sensor:${String(index).padStart(6, "0")}`
const kept = (name: string) => name.endsWith("0") || name.endsWith("5")
const decodeNames = Schema.decodeUnknownSync(Schema.parseJson(Schema.Array(Schema.String)))

/**
 * Watches the enumeration responses on their way to the SDK: for each page, its status, the
 * channels it brought that no earlier page had (`fresh`) and those it repeated.
 */
const pageRecorder = Effect.gen(function*() {
  const pages: Array<{ readonly status: number; readonly fresh: number; readonly repeated: number }> = []
  const pageOf = new Map<string, number>()
  const base = yield* HttpClient.HttpClient
  const client = HttpClient.make((request) =>
    Effect.gen(function*() {
      const response = yield* base.execute(request)
      if (!request.url.endsWith("/channels")) return response
      const bytes = yield* response.arrayBuffer
      const index = pages.length
      let fresh = 0
      let repeated = 0
      if (response.status === 200) {
        for (const name of decodeNames(new TextDecoder().decode(bytes))) {
          if (pageOf.has(name)) {
            repeated += 1
          } else {
            pageOf.set(name, index)
            fresh += 1
          }
        }
      }
      pages.push({ status: response.status, fresh, repeated })
      return HttpClientResponse.fromWeb(
        request,
        new Response(bytes, { status: response.status, headers: response.headers })
      )
    })
  )
  // Pages after `page` that brought new channels: what the enumeration holds ahead.
  const freshPagesAfter = (page: number) => pages.slice(page + 1).filter((p) => p.fresh > 0).length
  return { client, pages, pageOf, freshPagesAfter }
})

describe("channel enumeration pipeline (examples/channel-pipeline.ts)", () => {
  it.effect(
    "every channel arrives exactly once through empty pages, duplicates and a 40011 restart, never more than one page ahead",
    () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator.Emulator
        const app = yield* emulator.createApp({ keys: [{}] })
        const all = Array.from({ length: channelCount }, (_, i) => channelName(i))
        yield* emulator.admin.activateChannels(app.appId, all, { connections: 1 })
        yield* emulator.admin.activateChannels(app.appId, ["other:1", "other:2"])
        yield* emulator.admin.setEnumerationFaults(app.appId, {
          pageSizes: [1000, 0, 400, 1000, 0, 0, 1000, 250],
          repeat: 25,
          invalidateAt: [12]
        })
        const recorder = yield* pageRecorder
        const rest = yield* Effect.provide(
          Rest.Rest,
          Rest.layer({ key: app.keys[0]!.keyStr, useBinaryProtocol: false }).pipe(
            Layer.provide(Layer.succeed(HttpClient.HttpClient, recorder.client))
          )
        )

        // The filter is the enumeration's consumer; the sink is the end of the pipeline.
        const enumerated = new Map<string, number>()
        const written = new Map<string, number>()
        let maxAheadOfFilter = 0
        let maxAheadOfSink = 0
        const keep = (name: string) => {
          enumerated.set(name, (enumerated.get(name) ?? 0) + 1)
          maxAheadOfFilter = Math.max(maxAheadOfFilter, recorder.freshPagesAfter(recorder.pageOf.get(name)!))
          return kept(name)
        }
        const lines = yield* channelLines(rest, { prefix: "sensor:", keep, concurrency: 16 }).pipe(
          Stream.tap((line) =>
            Effect.sync(() => {
              written.set(line.channel, (written.get(line.channel) ?? 0) + 1)
              maxAheadOfSink = Math.max(maxAheadOfSink, recorder.freshPagesAfter(recorder.pageOf.get(line.channel)!))
            })
          ),
          ndjson,
          Stream.runCollect
        )

        // Exactly once: every active channel of the prefix reached the filter once, every kept one the sink once.
        expect(enumerated.size).toBe(channelCount)
        expect([...enumerated.values()].every((count) => count === 1)).toBe(true)
        expect(all.every((name) => enumerated.has(name))).toBe(true)
        const expected = all.filter(kept)
        expect(written.size).toBe(expected.length)
        expect(expected.every((name) => written.get(name) === 1)).toBe(true)
        expect(lines.length).toBe(expected.length)
        const [first] = lines
        expect(JSON.parse(first!)).toMatchObject({ connections: 1, presenceMembers: 0 })

        // The faults happened: empty pages, duplicates, one 40011 and the restart from the first page.
        const okPages = recorder.pages.filter((page) => page.status === 200)
        expect(okPages.filter((page) => page.fresh + page.repeated === 0).length).toBeGreaterThan(3)
        expect(okPages.reduce((total, page) => total + page.repeated, 0)).toBeGreaterThan(12 * 25)
        expect(recorder.pages.filter((page) => page.status !== 200).map((page) => page.status)).toEqual([400])
        const restartAt = recorder.pages.findIndex((page) => page.status === 400)
        expect(recorder.pages[restartAt + 1]!.fresh).toBe(0)
        // One page ahead at most, measured at the filter and at the sink.
        expect(maxAheadOfFilter).toBeLessThanOrEqual(1)
        expect(maxAheadOfSink).toBeLessThanOrEqual(1)
      }).pipe(Effect.provide(Emulator.layer)),
    60_000
  )
})
