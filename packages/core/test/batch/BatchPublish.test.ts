/**
 * RSC22 batchPublish: per-spec preparation (idempotent ids per spec, 40009 per spec), splitting
 * into requests within Ably's limits, per-channel results as data, and the server's formats.
 */
import { type BatchResult, Errors } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as BatchPublish from "../../src/internal/batch/BatchPublish.js"
import { json, type Seen } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"
import { countingRest } from "./countingRest.js"

const protocols = [{ useBinaryProtocol: true }, { useBinaryProtocol: false }] as const
const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)
const channelsOf = (result: BatchResult.BatchResult<BatchPublish.BatchPublishResult>) =>
  result.results.map((r) => r.channel)

describe.each(protocols)("batchPublish against the emulator (useBinaryProtocol: $useBinaryProtocol)", (protocol) => {
  it.effect("RSC22c/RSC22d - one result per spec; each spec gets its own idempotent id base", () =>
    Effect.gen(function*() {
      const { rest } = yield* countingRest(protocol)
      const results = yield* rest.batchPublish([
        { channels: ["a", "b"], messages: [{ name: "one", data: "1" }, { name: "two", data: { n: 2 } }] },
        { channels: ["c"], messages: [{ name: "three", data: new Uint8Array([3]) }] }
      ])
      expect(results.map((r) => [r.successCount, r.failureCount, channelsOf(r)])).toEqual([[2, 0, ["a", "b"]], [1, 0, [
        "c"
      ]]])
      const [first, second] = results.map((r) => r.results[0]!)
      if (first?._tag !== "Success" || second?._tag !== "Success") throw new Error("expected successes")
      expect(first.messageId).toMatch(/^[A-Za-z0-9_-]{12}$/)
      expect(first.messageId).not.toBe(second.messageId)
      expect(first.serials).toHaveLength(2)
      const onA = yield* collect(rest.channel("a").history({ direction: "forwards" }))
      const onB = yield* collect(rest.channel("b").history({ direction: "forwards" }))
      expect(onA.map((m) => [m.id, m.name, m.data])).toEqual([[`${first.messageId}:0`, "one", "1"], [
        `${first.messageId}:1`,
        "two",
        { n: 2 }
      ]])
      expect(onB.map((m) => m.id)).toEqual(onA.map((m) => m.id))
      const onC = yield* collect(rest.channel("c").history())
      expect(onC.map((m) => [m.id, m.data])).toEqual([[`${second.messageId}:0`, new Uint8Array([3])]])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("one spec in, one BatchResult out; caller ids are kept", () =>
    Effect.gen(function*() {
      const { rest } = yield* countingRest(protocol)
      const result = yield* rest.batchPublish({ channels: ["x"], messages: [{ id: "mine:0", name: "n" }] })
      expect(result).toEqual({
        successCount: 1,
        failureCount: 0,
        results: [{ _tag: "Success", channel: "x", messageId: "mine", serials: [expect.any(String)] }]
      })
      const [message] = yield* collect(rest.channel("x").history())
      expect(message!.id).toBe("mine:0")
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("40160/40010 - channels that fail are typed Failure results beside the successes (partial failure is data)", () =>
    Effect.gen(function*() {
      // Key 2 may publish on channel0 but only subscribe on channel3.
      const { rest } = yield* countingRest(protocol, 2)
      const result = yield* rest.batchPublish({
        channels: ["channel0", "channel3", ":bad"],
        messages: [{ name: "n", data: "d" }]
      })
      expect([result.successCount, result.failureCount]).toEqual([1, 2])
      const [ok, denied, invalid] = result.results
      expect(ok).toMatchObject({ _tag: "Success", channel: "channel0" })
      expect(denied).toMatchObject({
        _tag: "Failure",
        channel: "channel3",
        error: { _tag: "AblyError", code: 40160, statusCode: 401 }
      })
      expect(invalid).toMatchObject({ _tag: "Failure", channel: ":bad", error: { code: 40010 } })
      expect(denied?._tag === "Failure" && Errors.isAblyError(denied.error)).toBe(true)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("a spec over 100 channels is split into requests of at most 100, results merged in order", () =>
    Effect.gen(function*() {
      const { requests, rest } = yield* countingRest(protocol)
      const channels = Array.from({ length: 250 }, (_, i) => `split:${i}`)
      const results = yield* rest.batchPublish([
        { channels, messages: [{ name: "n", data: "d" }] },
        { channels: ["tail:1", "tail:2"], messages: [{ name: "m" }] }
      ])
      expect(results.map(channelsOf)).toEqual([channels, ["tail:1", "tail:2"]])
      expect(results.map((r) => r.successCount)).toEqual([250, 2])
      const batchRequests = requests.filter((r) => r.url.pathname === "/messages")
      expect(batchRequests.map((r) => r.method)).toEqual(["POST", "POST", "POST"])
      // One id base for the whole spec, even across requests.
      const bases = new Set(results[0]!.results.map((r) => (r._tag === "Success" ? r.messageId : "failed")))
      expect(bases.size).toBe(1)
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("batchPublish over a scripted transport", () => {
  const spec = (channels: ReadonlyArray<string>, data = "d") => ({ channels, messages: [{ name: "n", data }] })
  const success = (channel: string) => ({ channel, messageId: "base", serials: ["s1"] })
  const bodyOf = (seen: Seen): ReadonlyArray<{ readonly channels: ReadonlyArray<string> }> =>
    JSON.parse(new TextDecoder().decode(seen.body))

  it.effect("requests stay under 2 MiB: large specs are spread over several requests", () =>
    Effect.gen(function*() {
      const big = "x".repeat(60_000)
      const specs = Array.from({ length: 40 }, (_, i) => spec([`big:${i}`], big))
      const { rest, seen } = yield* restWith({ key: testKey, useBinaryProtocol: false }, (request) =>
        json(201, bodyOf(request).map((s) => ({ successCount: 1, failureCount: 0, results: s.channels.map(success) }))))
      const results = yield* rest.batchPublish(specs)
      expect(results.map(channelsOf)).toEqual(specs.map((s) =>
        s.channels
      ))
      const requests = yield* seen
      expect(requests.length).toBe(2)
      for (const request of requests) expect(request.body!.byteLength).toBeLessThanOrEqual(BatchPublish.maxRequestBytes)
    }))

  it.effect("RSL1i - a spec over maxMessageSize fails with 40009 and nothing is sent", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith({ key: testKey }, () => json(201, []))
      const error = yield* Effect.flip(rest.batchPublish([spec(["a"]), spec(["b"], "y".repeat(70_000))]))
      expect(error).toMatchObject({ code: 40009, statusCode: 400 })
      expect(yield* seen).toEqual([])
    }))

  it.effect("older servers: a bare array of results, and 400/40020 with batchResponse, read as per-channel results", () =>
    Effect.gen(function*() {
      const bare = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        () => json(201, [success("a"), success("b")])
      )
      expect(yield* bare.rest.batchPublish(spec(["a", "b"]))).toMatchObject({ successCount: 2, failureCount: 0 })

      const legacy = yield* restWith({ key: testKey, useBinaryProtocol: false }, () =>
        json(400, {
          error: { code: 40020, statusCode: 400, message: "Batched response includes errors" },
          batchResponse: [success("a"), { channel: "b", error: { code: 40160, statusCode: 401, message: "denied" } }]
        }))
      const result = yield* legacy.rest.batchPublish(spec(["a", "b"]))
      expect([result.successCount, result.failureCount]).toEqual([1, 1])
      expect(result.results[1]).toMatchObject({
        _tag: "Failure",
        channel: "b",
        error: { code: 40160, statusCode: 401, message: "denied" }
      })
    }))

  it.effect("a request that fails as a whole fails its channels only; when every request fails, the call fails", () =>
    Effect.gen(function*() {
      const channels = Array.from({ length: 150 }, (_, i) => `c${i}`)
      const { rest } = yield* restWith({ key: testKey, useBinaryProtocol: false }, (request, index) =>
        index === 0
          ? json(201, bodyOf(request).map((s) => ({ results: s.channels.map(success) })))
          : json(400, { error: { code: 40003, statusCode: 400, message: "rejected" } }))
      const result = yield* rest.batchPublish(spec(channels))
      expect([result.successCount, result.failureCount]).toEqual([100, 50])
      expect(result.results[120]).toMatchObject({ _tag: "Failure", channel: "c120", error: { code: 40003 } })

      const down = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        () => json(401, { error: { code: 40101, statusCode: 401, message: "bad key" } })
      )
      expect(yield* Effect.flip(down.rest.batchPublish(spec(channels)))).toMatchObject({ code: 40101 })
    }))

  it.effect("an answer with no per-channel results is a typed error", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        () => json(201, { surprising: true })
      )
      expect(yield* Effect.flip(rest.batchPublish(spec(["a"])))).toMatchObject({ _tag: "AblyError", code: 50000 })
    }))
})
