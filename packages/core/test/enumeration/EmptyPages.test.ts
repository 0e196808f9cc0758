/**
 * Channel enumeration follows empty pages (Ably sends them with a `next` link), but at most
 * `Limits.maxEmptyPages` in a row: a server that never stops sending them fails the stream
 * with a typed 50000 instead of holding it forever. Repeated non-empty pages fail at once.
 */
import { Limits } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { json, type Seen } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

// Page n links to page n + 1; `itemsAt(n)` are its channels.
const numbered =
  (itemsAt: (page: number) => ReadonlyArray<string>, last = Number.POSITIVE_INFINITY) => (seen: Seen) => {
    const page = Number(seen.url.searchParams.get("page") ?? "0")
    return json(200, itemsAt(page), page < last ? { link: `<./channels?page=${page + 1}>; rel="next"` } : {})
  }

describe("channels.list empty pages", () => {
  it.effect(`CHAN-ENUM - ${Limits.maxEmptyPages - 1} empty pages in a row are followed`, () =>
    Effect.gen(function*() {
      const gap = Limits.maxEmptyPages - 1
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        numbered((page) => page === 0 ? ["a"] : page === gap + 1 ? ["b"] : [], gap + 1)
      )
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(rest.channels.list()))).toEqual(["a", "b"])
      expect((yield* seen).length).toBe(gap + 2)
    }))

  it.effect(`after ${Limits.maxEmptyPages} empty pages in a row the stream fails with 50000 and fetches no more`, () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        numbered((page) => page === 0 ? ["a"] : [])
      )
      const emitted: Array<string> = []
      const error = yield* Effect.flip(
        Stream.runForEach(rest.channels.list(), (name) => Effect.sync(() => emitted.push(name)))
      )
      expect(error).toMatchObject({ _tag: "AblyError", code: 50000, statusCode: 500 })
      expect(error.message).toContain(`${Limits.maxEmptyPages} empty pages in a row`)
      expect(emitted).toEqual(["a"])
      expect((yield* seen).length).toBe(1 + Limits.maxEmptyPages)
    }))

  it.effect("an empty page may ask for itself again (its cursor fills later), within the same bound", () =>
    Effect.gen(function*() {
      let calls = 0
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, () => {
        calls += 1
        // The same cursor: empty twice, then a channel, then done.
        return calls < 3 ? json(200, [], { link: "<./channels?cursor=1>; rel=\"next\"" }) : json(200, ["a"])
      })
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(rest.channels.list()))).toEqual(["a"])
      expect((yield* seen).length).toBe(3)
      const forever = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        () => json(200, [], { link: "<./channels?cursor=1>; rel=\"next\"" })
      )
      expect(yield* Effect.flip(Stream.runDrain(forever.rest.channels.list()))).toMatchObject({ code: 50000 })
      expect((yield* forever.seen).length).toBe(Limits.maxEmptyPages)
    }))

  it.effect("a non-empty page repeating an earlier request fails at once with 50000", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, () =>
        json(200, ["a"], { link: "<./channels?cursor=1>; rel=\"next\"" }))
      const error = yield* Effect.flip(Stream.runDrain(rest.channels.list().pipe(Stream.take(10))))
      expect(error).toMatchObject({ code: 50000, statusCode: 500 })
      expect(error.message).toContain("already fetched")
      expect((yield* seen).length).toBe(2)
    }))
})
