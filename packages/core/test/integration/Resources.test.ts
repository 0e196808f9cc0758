/**
 * The official `ably` client (2.28.0) and this SDK against the loopback emulator, in JSON and
 * msgpack: presence, presence history, stats, channel enumeration through `request()`, batch
 * publish and batch presence give both clients the same results.
 */
import * as EmulatorServer from "@effect-ably/emulator/server"
import { describe, expect, layer } from "@effect/vitest"
import * as Ably from "ably"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { bothClients } from "./bothClients.js"

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)
const bytesAsArrays = (data: unknown): unknown => (data instanceof Uint8Array ? Array.from(data) : data)
const byId = <A extends { readonly id?: string | undefined }>(items: ReadonlyArray<A>) =>
  [...items].sort((a, b) => (a.id ?? "").localeCompare(b.id ?? ""))

const statsFixtures = [
  { intervalId: "2015-02-03:15:03", inbound: { realtime: { messages: { count: 50, data: 5000 } } } },
  {
    intervalId: "2015-02-03:15:04",
    inbound: { realtime: { messages: { count: 60, data: 6000 } } },
    channels: { peak: 4 }
  },
  { intervalId: "2015-02-03:16:01", outbound: { rest: { messages: { count: 7, data: 70 } } } }
]

layer(EmulatorServer.layerServer({ port: 0 }), { timeout: "30 seconds", excludeTestServices: true })(
  "official ably client and ours on the same emulator",
  (it) => {
    describe.each([true, false])("useBinaryProtocol: %s", (useBinaryProtocol) => {
      it.scoped("RSP3 - presence.get: the fixture members, the same ids, actions and data", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const channel = "persisted:presence_fixtures"
          const theirs = yield* Effect.promise(() => official.channels.get(channel).presence.get())
          const mine = yield* collect(ours.channel(channel).presence.get())
          expect(theirs.items).toHaveLength(6)
          expect(byId(mine).map((m) => [m.id, m.clientId, m.connectionId, m.action, m.encoding, bytesAsArrays(m.data)]))
            .toEqual(
              byId(theirs.items).map((
                m
              ) => [m.id, m.clientId, m.connectionId, m.action, m.encoding ?? undefined, bytesAsArrays(m.data)])
            )
          expect(mine.find((m) => m.clientId === "client_decoded")?.data).toEqual({ example: { json: "Object" } })
        }))

      it.scoped("RSP4 - presence.history: the same events in the same order, page by page", () =>
        Effect.gen(function*() {
          const { app, emulator, official, ours } = yield* bothClients(useBinaryProtocol)
          yield* emulator.admin.updatePresence(app.appId, "lobby", [
            { action: "enter", clientId: "ann", data: "hello" },
            { action: "update", clientId: "ann", data: { mood: "busy" } },
            { action: "enter", clientId: "ben" },
            { action: "leave", clientId: "ann" }
          ])
          const first = yield* Effect.promise(() => official.channels.get("lobby").presence.history({ limit: 3 }))
          const second = yield* Effect.promise(async () => (await first.next())!)
          const theirs = [...first.items, ...second.items]
          expect(second.isLast()).toBe(true)
          const mine = yield* collect(ours.channel("lobby").presence.history({ limit: 3 }))
          expect(mine.map((m) => [m.id, m.action, m.clientId, m.data])).toEqual(
            theirs.map((m) => [m.id, m.action, m.clientId, m.data])
          )
          expect(mine.map((m) => m.action)).toEqual(["leave", "enter", "update", "enter"])
        }))

      it.scoped("RSC6 - stats: fixtures posted by ably-js read the same through both clients, by minute and hour", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const posted = yield* Effect.promise(() => official.request("post", "/stats", 6, {}, statsFixtures))
          expect(posted.statusCode).toBe(201)
          for (const unit of ["minute", "hour"] as const) {
            const params = {
              start: Date.UTC(2015, 1, 3),
              end: Date.UTC(2015, 1, 4),
              direction: "forwards" as const,
              unit
            }
            const theirs = yield* Effect.promise(() => official.stats(params))
            const mine = yield* collect(ours.stats(params))
            expect(mine.map((s) => [s.intervalId, s.entries, s.appId])).toEqual(
              theirs.items.map((s) => [s.intervalId, s.entries, s.appId])
            )
            expect(mine.every((s) => s.unit === unit)).toBe(true)
          }
          const [hour] = yield* collect(
            ours.stats({ unit: "hour", start: Date.UTC(2015, 1, 3, 15), end: Date.UTC(2015, 1, 3, 15) })
          )
          expect(hour!.entries["messages.inbound.all.messages.count"]).toBe(110)
        }))

      it.scoped("channel enumeration: ably-js request('get', '/channels') pages and our channels.list see the same channels", () =>
        Effect.gen(function*() {
          const { app, emulator, official, ours } = yield* bothClients(useBinaryProtocol)
          const names = Array.from({ length: 7 }, (_, i) => `enum:${i}`)
          yield* emulator.admin.activateChannels(app.appId, names)
          const theirs: Array<unknown> = []
          const first = yield* Effect.promise(() =>
            official.request("get", "/channels", 6, { prefix: "enum:", limit: 3 })
          )
          expect(first.statusCode).toBe(200)
          let page: Ably.PaginatedResult<unknown> = first
          for (;;) {
            theirs.push(...page.items)
            if (!page.hasNext()) break
            const current = page
            page = yield* Effect.promise(async () => (await current.next())!)
          }
          const mine = yield* collect(ours.channels.list({ prefix: "enum:", limit: 3 }))
          expect([...mine].sort()).toEqual(names)
          expect(theirs).toEqual(mine)
          const details = yield* Effect.promise(() =>
            official.request("get", "/channels", 6, { prefix: "enum:1", by: "value" })
          )
          expect(details.items).toEqual(yield* collect(ours.channels.list({ prefix: "enum:1", by: "value" })))
        }))

      it.scoped("RSC22 - batchPublish by ably-js and by us: the same per-channel results, both read back", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const theirs = yield* Effect.promise(() =>
            official.batchPublish([
              { channels: ["batch:a", "batch:b"], messages: [{ id: "theirs:0", name: "t", data: { n: 1 } }] },
              { channels: ["batch:c"], messages: [{ id: "other:0", name: "u", data: "x" }] }
            ])
          )
          const mine = yield* ours.batchPublish([
            { channels: ["batch:a", "batch:b"], messages: [{ name: "m", data: { n: 2 } }] },
            { channels: ["batch:c"], messages: [{ name: "v", data: "y" }] }
          ])
          expect(mine.map((r) => [r.successCount, r.failureCount, r.results.map((x) => x.channel)])).toEqual(
            theirs.map((r) => [r.successCount, r.failureCount, r.results.map((x) => x.channel)])
          )
          const readByThem = yield* Effect.promise(() =>
            official.channels.get("batch:b").history({ direction: "forwards" })
          )
          const readByUs = yield* collect(ours.channel("batch:b").history({ direction: "forwards" }))
          expect(readByUs.map((m) => [m.id, m.name, m.data])).toEqual(
            readByThem.items.map((m) => [m.id, m.name, m.data])
          )
          expect(readByUs.map((m) => m.data)).toEqual([{ n: 1 }, { n: 2 }])
        }))

      it.scoped("RSC24 - batchPresence: the same members per channel for ably-js and us", () =>
        Effect.gen(function*() {
          const { app, emulator, official, ours } = yield* bothClients(useBinaryProtocol)
          yield* emulator.admin.updatePresence(app.appId, "bp:room", [{
            action: "enter",
            clientId: "zed",
            data: "here"
          }])
          const channels = ["bp:room", "persisted:presence_fixtures", "bp:empty"]
          // ably-js returns the server's BatchResult as it is (its typings say an array).
          const theirs: unknown = yield* Effect.promise(() => official.batchPresence(channels))
          const mine = yield* ours.batchPresence(channels)
          const shape = (result: unknown) => {
            const { failureCount, results, successCount } = result as {
              readonly successCount: number
              readonly failureCount: number
              readonly results: ReadonlyArray<
                { readonly channel: string; readonly presence?: ReadonlyArray<{ readonly clientId?: string }> }
              >
            }
            return [
              successCount,
              failureCount,
              results.map((r) => [r.channel, (r.presence ?? []).map((m) => m.clientId).sort()])
            ]
          }
          expect(shape(mine)).toEqual(shape(theirs))
          expect(mine.results[0]).toMatchObject({
            _tag: "Success",
            presence: [{ clientId: "zed", data: "here", action: "present" }]
          })
        }))
    })
  }
)
