/**
 * Per-item cost of reading history and enumerating channels through the public client (issue
 * #11): a fake in-memory `HttpEngine` (what `@effect-ably/node` provides over undici) answers
 * with pre-serialised JSON bodies, so what is measured is the client's work (request path,
 * pagination, decoding, de-duplication), neither a server's nor a socket's. `VIA=client` in the
 * environment answers through a fake `HttpClient` and the platform adapter instead (the
 * emulator's path: web `Response` bodies, which cost more than the client's own work).
 *
 * Every page is distinct, as a real server's are (and as bench/server/bodies.ts sends them):
 * channel names, message ids and serials carry the page number, so the enumeration's de-dup
 * window keeps every name. The bodies come from one template per size, serialised once; a page
 * is that template's bytes copied with the page number written into fixed slots (a few
 * instructions per item, measured by the `serve` mode below).
 *
 *   npx tsx packages/core/test/perf/HistoryCost.ts                  # CPU µs per item, pages of 100 and 1000
 *   npx tsx packages/core/test/perf/HistoryCost.ts history 1000 50   # one run: 50 history pages of 1000
 *   npx tsx packages/core/test/perf/HistoryCost.ts names 1000 50     # one run: channel enumeration
 *   npx tsx packages/core/test/perf/HistoryCost.ts serve names 1000 50 # the fake server's work alone
 *
 * Instructions per item (contention-proof): run a one-run form under
 * `valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null` with two page
 * counts and divide the difference of the "I refs" totals by the difference of items (startup
 * cancels out); the `serve` form gives the part of that which is the fake server's.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { AblyOptions, Rest } from "../../src/index.js"

type Kind = "history" | "names"

// Where the page number goes: six ASCII characters, replaced by the page's digits.
const slot = "~~~~~~"

const wireMessage = (index: number) => ({
  id: `Yh1xKlmZ0a:${slot}:${index}`,
  clientId: "client-7",
  connectionId: "Yh1xKlmZ0a",
  name: "bench",
  data: `bench payload #${index}`,
  timestamp: 1_700_000_000_000 + index,
  serial: `01700000000000-${slot}@e-serial:${index}`,
  action: 0
})

const channelName = (index: number) => `room:${slot}:${String(index).padStart(4, "0")}`

// A page body's template and the byte offsets of its slots.
const templateOf = (kind: Kind, size: number) => {
  const items = Array.from({ length: size }, (_, index) => kind === "history" ? wireMessage(index) : channelName(index))
  const bytes = new TextEncoder().encode(JSON.stringify(items))
  const slots: Array<number> = []
  const first = slot.charCodeAt(0)
  for (let at = 0; at <= bytes.length - slot.length; at++) {
    if (bytes[at] === first && bytes[at + 5] === first && bytes[at + 1] === first) {
      slots.push(at)
      at += slot.length - 1
    }
  }
  return { bytes, slots }
}

// The body of page `page` (0-based): the template with the page number in every slot.
const pageBody = (template: ReturnType<typeof templateOf>, page: number): Uint8Array<ArrayBuffer> => {
  const bytes = template.bytes.slice()
  const digits = String(page).padStart(slot.length, "0")
  const codes = Array.from(digits, (digit) => digit.charCodeAt(0))
  for (const at of template.slots) {
    for (let index = 0; index < codes.length; index++) bytes[at + index] = codes[index]!
  }
  return bytes
}

// The `Link` header of page `page` as the bench server sends it: `first`, `current`, and `next`
// on every page but the last.
const links = (segment: string, page: number, pages: number): string => {
  const params = segment === "channels" ? "limit=1000&by=id" : "limit=1000&direction=backwards"
  const first = `<./${segment}?${params}>; rel="first"`
  const current = `<./${segment}?${params}${page === 0 ? "" : `&cursor=${page}`}>; rel="current"`
  return page + 1 < pages
    ? `${first}, ${current}, <./${segment}?${params}&cursor=${page + 1}>; rel="next"`
    : `${first}, ${current}`
}

// Answers request n with page n.
const layerAnswering = (template: ReturnType<typeof templateOf>, pages: number, next: string) => {
  let served = 0
  if (process.env["VIA"] !== "client") {
    const engine = Rest.HttpEngine.of({
      execute: () =>
        Effect.sync(() => {
          const page = served++
          const headers = { "content-type": "application/json", "link": links(next, page, pages) }
          return { status: 200, headers, body: pageBody(template, page) }
        })
    })
    return Rest.fromEngineLayer(AblyOptions.layer({ key: "appid.keyid:secret" })).pipe(
      Layer.provide(Layer.succeed(Rest.HttpEngine, engine))
    )
  }
  const client = HttpClient.make((request: HttpClientRequest.HttpClientRequest) =>
    Effect.sync(() => {
      const page = served++
      const headers = { "content-type": "application/json", "link": links(next, page, pages) }
      return HttpClientResponse.fromWeb(request, new Response(pageBody(template, page), { status: 200, headers }))
    })
  )
  return Rest.layer({ key: "appid.keyid:secret" }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, client)))
}

// The read, ready to run: the template is serialised here, once.
const prepare = (kind: Kind, size: number, pages: number) => {
  const template = templateOf(kind, size)
  const read = Effect.flatMap(Rest.Rest, (rest) =>
    kind === "history"
      ? Stream.runCount(rest.channel("bench").history({ limit: size }))
      : Stream.runCount(rest.channels.list({ limit: size })))
  return Effect.provide(read, layerAnswering(template, pages, kind === "history" ? "messages" : "channels"))
}

// The fake server's own work for a run (template, page bodies, responses), without the client.
const serveOnly = (kind: Kind, size: number, pages: number) => {
  const template = templateOf(kind, size)
  let bytes = 0
  for (let page = 0; page < pages; page++) {
    const headers = {
      "content-type": "application/json",
      "link": links(kind === "names" ? "channels" : "messages", page, pages)
    }
    const body = pageBody(template, page)
    bytes += process.env["VIA"] === "client"
      ? new Response(body, { status: 200, headers }).headers.get("content-type")!.length
      : body.length + Object.keys(headers).length
  }
  return bytes
}

const cpuMicros = async (kind: Kind, size: number, pages: number) => {
  const read = prepare(kind, size, pages)
  const start = process.cpuUsage()
  const count = await Effect.runPromise(read)
  const used = process.cpuUsage(start)
  if (count !== size * pages) throw new Error(`read ${count} items, expected ${size * pages}`)
  return { count, micros: used.user + used.system }
}

const median = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const main = async () => {
  const args = process.argv.slice(2)
  const serve = args[0] === "serve"
  const [first, second, third] = serve ? args.slice(1) : args
  if (first !== undefined) {
    const kind: Kind = first === "names" ? "names" : "history"
    // `1000 50` (no kind) is history, as before.
    const [size, pages] = first === "names" || first === "history"
      ? [Number(second), Number(third)]
      : [Number(first), Number(second)]
    if (serve) {
      serveOnly(kind, size, pages)
      console.log(`serve ${kind}: ${pages} pages of ${size}`)
      return
    }
    const count = await Effect.runPromise(prepare(kind, size, pages))
    if (count !== size * pages) throw new Error(`read ${count} items, expected ${size * pages}`)
    console.log(`${kind}: ${count} items in ${pages} pages of ${size}`)
    return
  }
  const runs = [["history", 100, 200], ["history", 1000, 40], ["names", 100, 400], ["names", 1000, 200]] as const
  for (const [kind, size, pages] of runs) {
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
