/**
 * The facade's own contract around core: `close()`, `AbortSignal`s, lazy async iteration
 * (`break` stops fetching pages), and rejections that are always `AblyError`s, for
 * interruption and defects too.
 */
import { PromiseClient, Rest } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { closedAfterEach, collect, emulatedClient, rejection } from "./emulated.js"

const { open, track } = closedAfterEach()

const historyRequests = async (opened: Awaited<ReturnType<typeof emulatedClient>>, channel: string) =>
  (await opened.run(opened.emulator.faults.requests)).filter((r) =>
    r.method === "GET" && r.path.startsWith(`/channels/${channel}/messages`)
  ).length

const slowHistory = (opened: Awaited<ReturnType<typeof emulatedClient>>) =>
  opened.run(opened.emulator.faults.set([
    { method: "GET", path: "/channels/:channel/messages", action: { type: "delay", ms: 30_000 } }
  ]))

describe("async iteration is lazy", () => {
  it("RSL2 - break after 3 items of 2-item pages fetches 2 pages; a full loop fetches all 5; the stream is released", async () => {
    const opened = await open()
    const channel = opened.client.channels.get("lazy")
    await channel.publish(Array.from({ length: 10 }, (_, i) => ({ name: `m${i}` })))
    await opened.run(opened.emulator.faults.clearRequests)
    const taken: Array<string | undefined> = []
    for await (const message of channel.history({ limit: 2 })) {
      taken.push(message.name)
      if (taken.length === 3) break
    }
    expect(taken).toEqual(["m9", "m8", "m7"])
    expect(await historyRequests(opened, "lazy")).toBe(2)
    // Nothing more is fetched after the loop was left.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await historyRequests(opened, "lazy")).toBe(2)
    expect(await collect(channel.history({ limit: 2 }))).toHaveLength(10)
    expect(await historyRequests(opened, "lazy")).toBe(2 + 5)
  })

  it("nothing is fetched until the loop starts, and each loop starts over", async () => {
    const opened = await open()
    const channel = opened.client.channels.get("again")
    await channel.publish([{ name: "a" }, { name: "b" }])
    await opened.run(opened.emulator.faults.clearRequests)
    const history = channel.history()
    expect(await historyRequests(opened, "again")).toBe(0)
    expect((await collect(history)).map((m) => m.name)).toEqual(["b", "a"])
    expect((await collect(history)).map((m) => m.name)).toEqual(["b", "a"])
    expect(await historyRequests(opened, "again")).toBe(2)
    const iterator = history[Symbol.asyncIterator]()
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined })
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })
})

describe("AbortSignal", () => {
  it("aborting interrupts a slow request: the call rejects at once with 40000/499 and the client still works", async () => {
    const opened = await open()
    await slowHistory(opened)
    const controller = new AbortController()
    const started = Date.now()
    const pending = opened.client.channels.get("slow").historyPage(undefined, { signal: controller.signal })
    setTimeout(() => controller.abort(new Error("user gave up")), 50)
    const error = await rejection(pending)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(error).toBeInstanceOf(PromiseClient.AblyError)
    expect(error).toMatchObject({ ...PromiseClient.aborted, message: expect.stringContaining("Aborted") })
    expect((error as PromiseClient.AblyError).cause).toMatchObject({ message: "user gave up" })
    await opened.run(opened.emulator.faults.clear)
    expect(typeof (await opened.client.time())).toBe("number")
  })

  it("an already aborted signal rejects without a request", async () => {
    const opened = await open()
    await opened.run(opened.emulator.faults.clearRequests)
    const error = await rejection(
      opened.client.channels.get("c").publish("n", "d", { signal: AbortSignal.abort() })
    )
    expect(error).toMatchObject(PromiseClient.aborted)
    expect(await opened.run(opened.emulator.faults.requests)).toEqual([])
  })

  it("aborting a loop's signal rejects the pending next() and ends the iteration", async () => {
    const opened = await open()
    const channel = opened.client.channels.get("slow")
    await channel.publish([{ name: "a" }, { name: "b" }])
    await slowHistory(opened)
    const controller = new AbortController()
    const iterator = channel.history({ limit: 1 }, { signal: controller.signal })[Symbol.asyncIterator]()
    const first = iterator.next()
    setTimeout(() => controller.abort(), 50)
    expect(await rejection(first)).toMatchObject(PromiseClient.aborted)
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })
})

describe("close()", () => {
  it("interrupts calls in flight (80017), then every call rejects with 80017; close is idempotent", async () => {
    const opened = await open()
    const { client } = opened
    expect(typeof (await client.time())).toBe("number")
    await slowHistory(opened)
    const inFlight = client.channels.get("slow").historyPage()
    const iterator = client.channels.get("other").history()[Symbol.asyncIterator]()
    await new Promise((resolve) => setTimeout(resolve, 20))
    await Promise.all([client.close(), client.close()])
    const cut = await rejection(inFlight)
    expect(cut).toBeInstanceOf(PromiseClient.AblyError)
    expect(cut).toMatchObject(PromiseClient.closed)
    for (
      const call of [
        () => client.time(),
        () => client.channels.get("c").publish("n", "d"),
        () => collect(client.stats()),
        () => client.push.admin.deviceRegistrations.get("d"),
        () => iterator.next()
      ]
    ) {
      expect(await rejection(call())).toMatchObject({
        ...PromiseClient.closed,
        message: expect.stringContaining("closed")
      })
    }
  })
})

describe("rejections are always AblyErrors", () => {
  it("a defect in the Effect behind a call rejects with 50000 and a bounded summary, not a FiberFailure", async () => {
    const opened = await open()
    const dying = Layer.effect(
      Rest.Rest,
      Effect.map(Rest.Rest, (rest) => Rest.Rest.of({ ...rest, time: Effect.die(new TypeError("boom")) }))
    ).pipe(Layer.provide(Rest.layer({ key: opened.app.keys[0]!.keyStr }).pipe(Layer.provide(opened.http))))
    const client = PromiseClient.fromLayer(dying)
    track(client)
    const error = await rejection(client.time())
    expect(error).toBeInstanceOf(PromiseClient.AblyError)
    expect(error).toMatchObject({ code: 50000, statusCode: 500, cause: { name: "TypeError", message: "boom" } })
    expect(String(error)).not.toContain("FiberFailure")
  })

  it("a layer failing with something else than an AblyError rejects with 40000", async () => {
    const client = PromiseClient.fromLayer(Layer.fail("no config"))
    track(client)
    const error = await rejection(client.time())
    expect(error).toBeInstanceOf(PromiseClient.AblyError)
    expect(error).toMatchObject({ code: 40000, statusCode: 400, cause: { message: "no config" } })
  })
})
