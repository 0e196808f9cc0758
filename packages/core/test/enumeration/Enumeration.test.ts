/**
 * Channel enumeration over a scripted transport: the quirks Ably documents for `GET /channels`
 * (short and empty pages with a `next` link, duplicates, 42912, 40011) and how the Stream copes.
 */
import { Errors, type Rest } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { json, type Reply, type Seen } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

type Step = ReadonlyArray<unknown> | { readonly status: number; readonly code: number }

/**
 * Answers `GET /channels` from a script, one step per request in order (so a restart that asks
 * for the first page again moves on through the script). Every page but the last links to
 * `./channels?page=<n+1>`; error steps answer with that Ably error.
 */
const scripted = (script: ReadonlyArray<Step>) => (seen: Seen, index: number): Reply => {
  const step = script[index]
  if (step === undefined) return json(500, { error: { code: 50000, statusCode: 500, message: "script exhausted" } })
  if ("code" in step) {
    return json(step.status, { error: { code: step.code, statusCode: step.status, message: `scripted ${step.code}` } })
  }
  const page = Number(seen.url.searchParams.get("page") ?? "0")
  const link = `<./channels?page=${page + 1}&by=${seen.url.searchParams.get("by")}>; rel="next"`
  return json(200, step, index < script.length - 1 ? { link } : {})
}

const names = (rest: Rest.Service, params?: Parameters<Rest.Service["channels"]["list"]>[0]) =>
  Effect.map(Stream.runCollect(rest.channels.list(params)), Chunk.toReadonlyArray)

const inProgress = { status: 429, code: 42912 }
const invalidated = { status: 400, code: 40011 }

describe("channels.list (scripted)", () => {
  it.effect("CHAN-ENUM - short and empty pages that still have a next link are followed", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        scripted([["a", "b"], [], ["c"], [], [], ["d"]])
      )
      expect(yield* names(rest, { limit: 1000 })).toEqual(["a", "b", "c", "d"])
      const requests = yield* seen
      expect(requests).toHaveLength(6)
      expect(requests[0]!.url.pathname).toBe("/channels")
      expect(Object.fromEntries(requests[0]!.url.searchParams)).toEqual({ limit: "1000", by: "id" })
    }))

  it.effect("CHAN-ENUM - duplicates on the previous page are removed by default, every one with \"all\", none with false", () =>
    Effect.gen(function*() {
      const script = [["a", "b"], ["b", "c"], [], ["a", "d", "c", "d"]]
      const windowed = yield* restWith({ key: testKey, useBinaryProtocol: false }, scripted(script))
      // "c" was on the previous non-empty page, "d" earlier on the same page; "a" two pages back.
      expect(yield* names(windowed.rest)).toEqual(["a", "b", "c", "a", "d"])
      const explicit = yield* restWith({ key: testKey, useBinaryProtocol: false }, scripted(script))
      expect(yield* names(explicit.rest, { deduplicate: true })).toEqual(["a", "b", "c", "a", "d"])
      const all = yield* restWith({ key: testKey, useBinaryProtocol: false }, scripted(script))
      expect(yield* names(all.rest, { deduplicate: "all" })).toEqual(["a", "b", "c", "d"])
      const raw = yield* restWith({ key: testKey, useBinaryProtocol: false }, scripted(script))
      expect(yield* names(raw.rest, { deduplicate: false })).toEqual(["a", "b", "b", "c", "a", "d", "c", "d"])
    }))

  it.effect("CHAN-ENUM - by default a page repeating the one before it entirely emits nothing", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        scripted([["a", "b"], ["b", "a"], ["a", "b", "c"]])
      )
      expect(yield* names(rest)).toEqual(["a", "b", "c"])
    }))

  it.effect("42912 - a concurrent enumeration is a typed error", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, useBinaryProtocol: false }, scripted([inProgress]))
      const error = yield* Effect.flip(names(rest))
      expect(error).toMatchObject({ _tag: "AblyError", code: 42912, statusCode: 429 })
      expect(Errors.isEnumerationInProgress(error)).toBe(true)
      expect(Errors.isRateLimit(error)).toBe(true)
      expect(Errors.isPaginationInvalidated(error)).toBe(false)
    }))

  it.effect("42912 - retryWhileInProgress retries just that page on its Schedule (TestClock)", () =>
    Effect.gen(function*() {
      const script = [["a"], inProgress, inProgress, ["b"], ["c"]]
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, scripted(script))
      const fiber = yield* Effect.fork(names(rest, { retryWhileInProgress: Schedule.spaced("1 second") }))
      yield* TestClock.adjust("1 second")
      expect((yield* seen).length).toBe(3)
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(fiber)).toEqual(["a", "b", "c"])
      const pages = (yield* seen).map((request) => request.url.searchParams.get("page"))
      // The first page once, then page 1 three times: nothing before it was fetched again.
      expect(pages).toEqual([null, "1", "1", "1", "2"])
    }))

  it.effect("42912 - the retry gives up when the Schedule does, with the typed error", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        scripted([inProgress, inProgress, inProgress])
      )
      const fiber = yield* Effect.fork(Effect.flip(names(rest, { retryWhileInProgress: Schedule.recurs(1) })))
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      expect(Errors.isEnumerationInProgress(error)).toBe(true)
    }))

  it.effect("40011 - an invalidated pagination sequence is a typed error after the channels already emitted", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        scripted([["a", "b"], ["c"], invalidated])
      )
      const emitted: Array<string> = []
      const outcome = yield* rest.channels.list().pipe(
        Stream.runForEach((name) => Effect.sync(() => emitted.push(name))),
        Effect.either
      )
      expect(emitted).toEqual(["a", "b", "c"])
      expect(Either.isLeft(outcome) && Errors.isPaginationInvalidated(outcome.left)).toBe(true)
      expect(Either.isLeft(outcome) && outcome.left.statusCode).toBe(400)
    }))

  it.effect("40011 - restartOnInvalidation starts again from the first page; with deduplicate \"all\" it emits nothing twice", () =>
    Effect.gen(function*() {
      const script = [["a", "b"], ["c"], invalidated, ["b", "a"], ["c", "d"], ["e"]]
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, scripted(script))
      const all = yield* names(rest, {
        prefix: "x",
        limit: 2,
        restartOnInvalidation: Schedule.recurs(1),
        deduplicate: "all"
      })
      expect(all).toEqual(["a", "b", "c", "d", "e"])
      const requests = yield* seen
      // The restart repeats the original first request exactly.
      expect(requests[3]!.url.search).toBe(requests[0]!.url.search)
      expect(Object.fromEntries(requests[0]!.url.searchParams)).toEqual({ prefix: "x", limit: "2", by: "id" })
    }))

  it.effect("40011 - after a restart the default de-duplication only knows the last two pages", () =>
    Effect.gen(function*() {
      const script = [["a", "b"], ["c"], invalidated, ["b", "a"], ["c", "d"], ["e"]]
      const { rest } = yield* restWith({ key: testKey, useBinaryProtocol: false }, scripted(script))
      const all = yield* names(rest, { restartOnInvalidation: Schedule.recurs(1) })
      // The window holds the last two pages only: the pages before the 40011 come again.
      expect(all).toEqual(["a", "b", "c", "b", "a", "c", "d", "e"])
    }))

  it.effect("40011 - restarts stop when the Schedule does", () =>
    Effect.gen(function*() {
      const script = [["a"], invalidated, ["a"], invalidated]
      const { rest } = yield* restWith({ key: testKey, useBinaryProtocol: false }, scripted(script))
      const error = yield* Effect.flip(names(rest, { restartOnInvalidation: Schedule.recurs(1) }))
      expect(Errors.isPaginationInvalidated(error)).toBe(true)
    }))

  it.effect("limit above 1000 (or below 1) fails with 40003 before anything is sent", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, scripted([["a"]]))
      expect(yield* Effect.flip(names(rest, { limit: 1001 }))).toMatchObject({ code: 40003, statusCode: 400 })
      expect(yield* Effect.flip(rest.channels.listPage({ limit: 0 }))).toMatchObject({ code: 40003 })
      expect(yield* seen).toEqual([])
    }))

  it.effect("by=value decodes ChannelDetails (keyed by channelId for de-duplication)", () =>
    Effect.gen(function*() {
      const details = (channelId: string, connections: number) => ({
        channelId,
        status: { isActive: true, occupancy: { metrics: { connections, publishers: 1 } } }
      })
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        scripted([[details("a", 1), details("b", 2)], [details("b", 2), details("c", 3)]])
      )
      const all = Chunk.toReadonlyArray(yield* Stream.runCollect(rest.channels.list({ by: "value" })))
      expect(
        all.map((
          d
        ) => [d.channelId, d.status?.occupancy?.metrics.connections, d.status?.occupancy?.metrics.subscribers])
      ).toEqual([
        ["a", 1, 0],
        ["b", 2, 0],
        ["c", 3, 0]
      ])
      expect((yield* seen)[0]!.url.searchParams.get("by")).toBe("value")
    }))

  it.effect("by=id also reads names wrapped as {channelId}", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        scripted([["a", { channelId: "b" }]])
      )
      expect(yield* names(rest)).toEqual(["a", "b"])
    }))

  it.effect("listPage gives the raw first page for paging by hand", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, useBinaryProtocol: false }, scripted([["a", "b"], ["b"]]))
      const first = yield* rest.channels.listPage()
      expect(first.items).toEqual(["a", "b"])
      expect(first.hasNext).toBe(true)
    }))
})
