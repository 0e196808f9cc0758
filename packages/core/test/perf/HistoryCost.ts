/**
 * Per-message cost of reading history through the public client (issue #11): a fake in-memory
 * HttpClient answers every request with the same pre-serialised JSON body, so what is measured
 * is the client's work (HTTP path, pagination, decoding), not a server's.
 *
 *   npx tsx packages/core/test/perf/HistoryCost.ts            # CPU µs per message, pages of 100 and 1000
 *   npx tsx packages/core/test/perf/HistoryCost.ts 1000 50    # one run: 50 pages of 1000 (for valgrind)
 *   npx tsx packages/core/test/perf/HistoryCost.ts names 1000 50 # channel enumeration instead
 *
 * Instructions per message: run the one-run form under
 * `valgrind --tool=callgrind --callgrind-out-file=/dev/null` with two page counts and divide the
 * difference of the "Collected" totals by the difference of messages (startup cancels out).
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { Rest } from "../../src/index.js"

const wireMessage = (index: number) => ({
  id: `Yh1xKlmZ0a:0:${index}`,
  clientId: "client-7",
  connectionId: "Yh1xKlmZ0a",
  name: "bench",
  data: `bench payload #${index}`,
  timestamp: 1_700_000_000_000 + index,
  serial: `01700000000000-000@e-serial:${index}`,
  action: 0
})

// One body per size, serialised once; every answer carries a `next` link to a new cursor.
const bodyOf = (items: ReadonlyArray<unknown>): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(JSON.stringify(items))

// Channel names differ from page to page (as a real enumeration's do): one body per page.
const layerAnswering = (bodies: ReadonlyArray<Uint8Array<ArrayBuffer>>, pages: number, next: string) => {
  let served = 0
  const client = HttpClient.make((request: HttpClientRequest.HttpClientRequest) =>
    Effect.sync(() => {
      served++
      const headers: Record<string, string> = { "content-type": "application/json" }
      if (served % pages !== 0) headers["link"] = `<./${next}?cursor=${served}>; rel="next"`
      return HttpClientResponse.fromWeb(
        request,
        new Response(bodies[(served - 1) % bodies.length]!, { status: 200, headers })
      )
    })
  )
  return Rest.layer({ key: "appid.keyid:secret" }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, client)))
}

// The read, ready to run: bodies are serialised here, outside any measurement.
const prepare = (kind: "history" | "names", size: number, pages: number) => {
  const bodies = kind === "history"
    ? [bodyOf(Array.from({ length: size }, (_, index) => wireMessage(index)))]
    : Array.from(
      { length: pages },
      (_, page) =>
        bodyOf(Array.from({ length: size }, (_, index) => `room:${String(page * size + index).padStart(8, "0")}`))
    )
  const read = Effect.flatMap(Rest.Rest, (rest) =>
    kind === "history"
      ? Stream.runCount(rest.channel("bench").history({ limit: size }))
      : Stream.runCount(rest.channels.list({ limit: size })))
  return Effect.provide(read, layerAnswering(bodies, pages, kind === "history" ? "messages" : "channels"))
}

const cpuMicros = async (kind: "history" | "names", size: number, pages: number) => {
  const read = prepare(kind, size, pages)
  const start = process.cpuUsage()
  const count = await Effect.runPromise(read)
  const used = process.cpuUsage(start)
  return { count, micros: used.user + used.system }
}

const median = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const main = async () => {
  const [first, second, third] = process.argv.slice(2)
  if (first !== undefined) {
    const kind = first === "names" ? "names" : "history"
    const size = Number(kind === "names" ? second : first)
    const pages = Number(kind === "names" ? third : second)
    const count = await Effect.runPromise(prepare(kind, size, pages))
    console.log(`${kind}: ${count} items in ${pages} pages of ${size}`)
    return
  }
  for (const [kind, size, pages] of [["history", 100, 200], ["history", 1000, 40], ["names", 1000, 200]] as const) {
    await cpuMicros(kind, size, pages) // warm-up
    const rounds: Array<number> = []
    for (let round = 0; round < 7; round++) {
      const { count, micros } = await cpuMicros(kind, size, pages)
      rounds.push(micros / count)
    }
    console.log(
      `${kind} pages of ${size}: ${median(rounds).toFixed(3)} µs CPU per item (min ${
        Math.min(...rounds).toFixed(3)
      }, max ${Math.max(...rounds).toFixed(3)}, ${pages} pages a round, 7 rounds)`
    )
  }
}

void main()
