/**
 * Channel enumeration in constant memory (issue #11): 100k distinct names in pages of 1000 over
 * a scripted transport, the heap measured after a full GC at 10% and at 100% of the run. The
 * default de-duplication keeps two pages of names, so the heap stays flat; `deduplicate: "all"`
 * keeps every name, and the same measurement sees it grow (so the measurement can fail).
 */
import type { ListParams } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { json, type Seen } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

const pageSize = 1000
const pageCount = 100
const nameOf = (index: number) => `room:${String(index).padStart(8, "0")}-${"x".repeat(24)}`

// Page n holds names n*1000 .. n*1000+999 and links to page n+1, up to the last one.
const enumeration = (seen: Seen) => {
  const page = Number(seen.url.searchParams.get("page") ?? "0")
  const names = Array.from({ length: pageSize }, (_, index) => nameOf(page * pageSize + index))
  const last = page === pageCount - 1
  return json(200, names, last ? {} : { link: `<./channels?page=${page + 1}>; rel="next"` })
}

const heapAfterGc = () => {
  gc()
  return process.memoryUsage().heapUsed
}

// Heap growth from 10% to 100% of the names, and how many names came out.
const run = (deduplicate: ListParams.ListParams["deduplicate"]) =>
  Effect.gen(function*() {
    const { rest } = yield* restWith({ key: testKey, useBinaryProtocol: false }, enumeration)
    let count = 0
    let atTenth = 0
    let atEnd = 0
    yield* rest.channels.list({ limit: pageSize, deduplicate }).pipe(
      Stream.runForEach(() =>
        Effect.sync(() => {
          count++
          // Measured while the stream runs: once it ends, whatever it held is released.
          if (count === (pageSize * pageCount) / 10) atTenth = heapAfterGc()
          if (count === pageSize * pageCount) atEnd = heapAfterGc()
        })
      )
    )
    return { count, growth: atEnd - atTenth }
  })

describe("channels.list memory", () => {
  it.live(
    "CHAN-ENUM - 100k names: the heap stays flat by default and grows with deduplicate \"all\"",
    () =>
      Effect.gen(function*() {
        const windowed = yield* run(undefined)
        const all = yield* run("all")
        expect(windowed.count).toBe(pageSize * pageCount)
        expect(all.count).toBe(pageSize * pageCount)
        // Every name is ~40 characters: 90k of them held would be several MB.
        expect(windowed.growth).toBeLessThan(1_500_000)
        expect(all.growth).toBeGreaterThan(3_000_000)
      }),
    60_000
  )
})
