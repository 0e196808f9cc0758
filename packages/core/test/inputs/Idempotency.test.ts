import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Codec from "../../src/internal/http/Codec.js"
import * as Publish from "../../src/internal/message/Publish.js"
import * as Random from "../../src/internal/Random.js"
import { json, type Seen } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

// Three hosts: the primary and two fallbacks, all failing for the first `failures` attempts.
const options = {
  key: testKey,
  useBinaryProtocol: false,
  fallbackHosts: ["a.fallback.example", "b.fallback.example"]
} as const

const Sent = Schema.Array(Schema.Struct({ id: Schema.optional(Schema.String), name: Schema.optional(Schema.String) }))
const BatchSent = Schema.Array(Schema.Struct({ channels: Schema.Array(Schema.String), messages: Sent }))

const bodyOf = (seen: Seen): unknown => Codec.decode("json", seen.body ?? new Uint8Array())
const idsOf = (seen: Seen) => Schema.decodeUnknownSync(Sent)(bodyOf(seen)).map((message) => message.id)
const batchIdsOf = (seen: Seen) =>
  Schema.decodeUnknownSync(BatchSent)(bodyOf(seen)).map((spec) => spec.messages.map((message) => message.id))

const failingFirst = (failures: number, success: () => Response) => (_seen: Seen, index: number) =>
  index < failures ? json(500, { error: { code: 50000, statusCode: 500, message: "boom" } }) : success()

const published = () => json(201, { serials: ["s0", "s1"] })

describe("idempotent publishing (RSL1k, issue 9 point 6)", () => {
  it.effect("RSL1k2 - Effect.retry(publish) resends the same ids on every host and every try", () =>
    Effect.gen(function*() {
      // 3 hosts × 2 failed tries, then the third try succeeds on the primary.
      const { rest, seen } = yield* restWith(options, failingFirst(6, published))
      const result = yield* rest.channel("orders").publish([{ name: "a" }, { name: "b" }]).pipe(
        Effect.retry(Schedule.recurs(5))
      )
      expect(result.serials).toEqual(["s0", "s1"])
      const attempts = yield* Ref.get(seen)
      expect(attempts).toHaveLength(7)
      expect(new Set(attempts.map((attempt) => attempt.url.host)).size).toBe(3)
      const ids = attempts.map(idsOf)
      const [first] = ids
      expect(first).toHaveLength(2)
      expect(first![0]).toMatch(/^[A-Za-z0-9_-]{12}:0$/)
      expect(first![1]).toBe(first![0]!.replace(/:0$/, ":1"))
      for (const attempt of ids) expect(attempt).toEqual(first)
    }))

  it.effect("RSL1k - re-running a stored publish Effect resends the same ids; a new publish call draws new ones", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(options, () => published())
      const channel = rest.channel("orders")
      const stored = channel.publish("created", { id: 42 })
      yield* stored
      yield* stored
      yield* channel.publish("created", { id: 42 })
      const ids = (yield* Ref.get(seen)).map(idsOf)
      expect(ids).toHaveLength(3)
      expect(ids[1]).toEqual(ids[0])
      expect(ids[2]).not.toEqual(ids[0])
    }))

  it.effect("RSL1k - concurrent runs of one publish Effect agree on the ids", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(options, () => published())
      const stored = rest.channel("orders").publish({ name: "once" })
      yield* Effect.all([stored, stored, stored], { concurrency: "unbounded" })
      const ids = (yield* Ref.get(seen)).map(idsOf)
      expect(ids).toHaveLength(3)
      expect(new Set(ids.map((attempt) => attempt[0])).size).toBe(1)
    }))

  it.effect("RSL1k3 - ids given by the caller are kept on every try; no ids with idempotentRestPublishing off", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(options, failingFirst(3, published))
      yield* rest.channel("orders").publish([{ id: "mine:0", name: "a" }, { name: "b" }]).pipe(
        Effect.retry(Schedule.recurs(1))
      )
      for (const attempt of yield* Ref.get(seen)) expect(idsOf(attempt)).toEqual(["mine:0", undefined])
      const off = yield* restWith({ ...options, idempotentRestPublishing: false }, () => published())
      yield* off.rest.channel("orders").publish("n", "d")
      expect((yield* Ref.get(off.seen)).map(idsOf)).toEqual([[undefined]])
    }))

  it.effect("RSC22d - Effect.retry(batchPublish) resends each spec's ids; a new call draws new ones", () =>
    Effect.gen(function*() {
      const batchAnswer = () =>
        json(201, [
          { channel: "a", messageId: "x", serials: ["s"] },
          { channel: "b", messageId: "y", serials: ["s"] }
        ])
      const { rest, seen } = yield* restWith(options, failingFirst(3, batchAnswer))
      const specs = [{ channels: ["a"], messages: [{ name: "one" }] }, { channels: ["b"], messages: [{ name: "two" }] }]
      yield* rest.batchPublish(specs).pipe(Effect.retry(Schedule.recurs(1)))
      yield* rest.batchPublish(specs)
      const ids = (yield* Ref.get(seen)).map(batchIdsOf)
      expect(ids).toHaveLength(5)
      for (const attempt of ids.slice(0, 4)) expect(attempt).toEqual(ids[0])
      // Each spec has its own base (RSC22d).
      expect(ids[0]![0]![0]!.split(":")[0]).not.toBe(ids[0]![1]![0]!.split(":")[0])
      expect(ids[4]).not.toEqual(ids[0])
    }))

  it.effect("RSL1k - the ids come from Random.RandomBytes, so a test can pin them", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(options, () => published())
      yield* rest.channel("orders").publish("n", "d").pipe(
        Effect.provideService(Random.RandomBytes, (size: number) => Effect.succeed(new Uint8Array(size)))
      )
      expect((yield* Ref.get(seen)).map(idsOf)).toEqual([["AAAAAAAAAAAA:0"]])
    }))

  it.effect("Publish.idBaseOnce draws once per value, anew per call", () =>
    Effect.gen(function*() {
      const base = Publish.idBaseOnce()
      const [a, b] = yield* Effect.all([base, base])
      expect(a).toBe(b)
      expect(yield* Publish.idBaseOnce()).not.toBe(a)
      expect(Either.isRight(Codec.encode("json", { a }))).toBe(true)
    }))
})
