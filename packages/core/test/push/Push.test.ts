/**
 * RSH1 push admin: each operation of `rest.push.admin` against the in-memory emulator, the
 * errors the emulator answers, and the caller-input checks that fail before any request.
 */
import { Errors, Push } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { emulatedRest } from "../integration/emulated.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

const device = (id: string, clientId?: string): Push.DeviceDetails => ({
  id,
  platform: "android",
  formFactor: "phone",
  ...(clientId === undefined ? {} : { clientId }),
  metadata: { model: "pixel" },
  push: { recipient: { transportType: "fcm", registrationToken: `token-${id}` } }
})

const failure = <A, R>(effect: Effect.Effect<A, Errors.AblyError, R>) =>
  Effect.map(Effect.flip(effect), (error) => ({ code: error.code, statusCode: error.statusCode }))

describe("rest.push.admin against the emulator", () => {
  it.effect("RSH1b3/RSH1b1 - save registers a device (ACTIVE) and get reads it by id or details", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest()
      const registrations = rest.push.admin.deviceRegistrations
      const saved = yield* registrations.save(device("device-1", "alice"))
      expect(saved).toEqual({ ...device("device-1", "alice"), push: { ...device("device-1").push, state: "ACTIVE" } })
      expect(yield* registrations.get("device-1")).toEqual(saved)
      expect(yield* registrations.get(saved)).toEqual(saved)
      // Saving again updates in place.
      yield* registrations.save({ ...device("device-1", "alice"), formFactor: "tablet" })
      expect((yield* registrations.get("device-1")).formFactor).toBe("tablet")
      expect(yield* failure(registrations.get("missing"))).toEqual({ code: 40400, statusCode: 404 })
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSH1b2 - list filters by deviceId and clientId and pages lazily with Link headers", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest()
      const registrations = rest.push.admin.deviceRegistrations
      for (let i = 0; i < 5; i++) yield* registrations.save(device(`d${i}`, i % 2 === 0 ? "even" : "odd"))
      expect((yield* collect(registrations.list({ limit: 2 }))).map((d) => d.id)).toEqual([
        "d0",
        "d1",
        "d2",
        "d3",
        "d4"
      ])
      expect((yield* collect(registrations.list({ clientId: "even" }))).map((d) => d.id)).toEqual(["d0", "d2", "d4"])
      expect((yield* collect(registrations.list({ deviceId: "d3" }))).map((d) => d.id)).toEqual(["d3"])
      const first = yield* registrations.listPage({ limit: 2 })
      expect(first.items.map((d) => d.id)).toEqual(["d0", "d1"])
      expect(first.hasNext).toBe(true)
      const second = Option.getOrThrow(yield* first.next)
      expect(second.items.map((d) => d.id)).toEqual(["d2", "d3"])
      const third = Option.getOrThrow(yield* second.next)
      expect(third.isLast).toBe(true)
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSH1b4/RSH1b5 - remove and removeWhere; removing a missing device succeeds", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest()
      const registrations = rest.push.admin.deviceRegistrations
      for (const [id, clientId] of [["a", "x"], ["b", "x"], ["c", "y"]] as const) {
        yield* registrations.save(device(id, clientId))
      }
      yield* registrations.remove("a")
      yield* registrations.remove({ id: "never-registered" })
      expect((yield* collect(registrations.list())).map((d) => d.id)).toEqual(["b", "c"])
      yield* registrations.removeWhere({ clientId: "x" })
      expect((yield* collect(registrations.list())).map((d) => d.id)).toEqual(["c"])
      // Ably needs a filter to remove by.
      expect(yield* failure(registrations.removeWhere({}))).toEqual({ code: 40000, statusCode: 400 })
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSH1c3/RSH1c1/RSH1c2 - subscriptions: save, list with filters, listChannels", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest()
      const subscriptions = rest.push.admin.channelSubscriptions
      yield* rest.push.admin.deviceRegistrations.save(device("dev", "alice"))
      const saved = yield* subscriptions.save({ channel: "pushenabled:news", deviceId: "dev" })
      expect(saved).toEqual({ channel: "pushenabled:news", deviceId: "dev" })
      yield* subscriptions.save({ channel: "pushenabled:news", clientId: "bob" })
      yield* subscriptions.save({ channel: "pushenabled:sport", clientId: "bob" })
      // Saving the same subscription twice keeps one.
      yield* subscriptions.save({ channel: "pushenabled:sport", clientId: "bob" })
      expect(yield* collect(subscriptions.list({ channel: "pushenabled:news" }))).toEqual([
        { channel: "pushenabled:news", deviceId: "dev" },
        { channel: "pushenabled:news", clientId: "bob" }
      ])
      expect((yield* collect(subscriptions.list({ clientId: "bob" }))).map((s) => s.channel)).toEqual([
        "pushenabled:news",
        "pushenabled:sport"
      ])
      expect(yield* collect(subscriptions.list({ deviceId: "dev", clientId: "bob", concatFilters: true })))
        .toHaveLength(3)
      expect(yield* collect(subscriptions.listChannels({ limit: 1 }))).toEqual([
        "pushenabled:news",
        "pushenabled:sport"
      ])
      const page = yield* subscriptions.listChannelsPage({ limit: 1 })
      expect([page.items, page.hasNext]).toEqual([["pushenabled:news"], true])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSH1c4/RSH1c5 - remove one subscription, removeWhere by channel; removing a device drops its own", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest()
      const subscriptions = rest.push.admin.channelSubscriptions
      yield* rest.push.admin.deviceRegistrations.save(device("dev"))
      yield* subscriptions.save({ channel: "pushenabled:a", deviceId: "dev" })
      yield* subscriptions.save({ channel: "pushenabled:a", clientId: "c1" })
      yield* subscriptions.save({ channel: "pushenabled:b", clientId: "c1" })
      yield* subscriptions.save({ channel: "pushenabled:c", clientId: "c2" })
      yield* subscriptions.remove({ channel: "pushenabled:a", clientId: "c1" })
      expect(yield* collect(subscriptions.list({ clientId: "c1" }))).toEqual([
        { channel: "pushenabled:b", clientId: "c1" }
      ])
      yield* subscriptions.removeWhere({ channel: "pushenabled:b" })
      yield* rest.push.admin.deviceRegistrations.remove("dev")
      expect(yield* collect(subscriptions.list())).toEqual([{ channel: "pushenabled:c", clientId: "c2" }])
      expect(yield* collect(subscriptions.listChannels())).toEqual(["pushenabled:c"])
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSH1a - publish is recorded for tests to read; a recipient or payload Ably refuses is 40000", () =>
    Effect.gen(function*() {
      const { app, emulator, rest } = yield* emulatedRest()
      yield* rest.push.admin.publish({ clientId: "alice" }, { notification: { title: "Hi", body: "there" } })
      yield* rest.push.admin.publish({ transportType: "apns", deviceToken: "abc" }, { data: { k: "v" } })
      const published = (yield* emulator.app(app.appId)).push?.published ?? []
      expect(published.map(({ payload, recipient }) => ({ payload, recipient }))).toEqual([
        { recipient: { clientId: "alice" }, payload: { notification: { title: "Hi", body: "there" } } },
        { recipient: { transportType: "apns", deviceToken: "abc" }, payload: { data: { k: "v" } } }
      ])
      expect(yield* failure(rest.push.admin.publish({ clientId: "alice" }, {}))).toEqual({
        code: 40000,
        statusCode: 400
      })
      expect(yield* failure(rest.push.admin.publish({ transportType: "carrier-pigeon" }, { data: { a: "b" } })))
        .toEqual({ code: 40000, statusCode: 400 })
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSH1 - a key without push-admin is refused with 40160 on every operation", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest({}, 3) // { "*": ["subscribe"] }
      const admin = rest.push.admin
      const refused = { code: 40160, statusCode: 401 }
      expect(yield* failure(admin.publish({ clientId: "a" }, { data: { a: "b" } }))).toEqual(refused)
      expect(yield* failure(admin.deviceRegistrations.save(device("d")))).toEqual(refused)
      expect(yield* failure(admin.deviceRegistrations.get("d"))).toEqual(refused)
      expect(yield* failure(collect(admin.deviceRegistrations.list()))).toEqual(refused)
      expect(yield* failure(admin.channelSubscriptions.save({ channel: "c", clientId: "a" }))).toEqual(refused)
      expect(yield* failure(collect(admin.channelSubscriptions.listChannels()))).toEqual(refused)
      // The test app's key 1 holds push-admin on `pushenabled:admin:*` only: enough.
      const { rest: scoped } = yield* emulatedRest({}, 1)
      yield* scoped.push.admin.deviceRegistrations.save(device("d"))
    }).pipe(Effect.provide(Emulator.layer)))

  it.effect("RSH1 - the emulator validates registrations as Ably does (400 / 40000), whatever the client sent", () =>
    Effect.gen(function*() {
      const { rest } = yield* emulatedRest()
      const put = (path: string, body: unknown) =>
        Effect.map(
          rest.request("PUT", path, { body }),
          (response) => [response.statusCode, Option.getOrUndefined(response.errorCode)]
        )
      const good = device("d1")
      expect(yield* put("/push/deviceRegistrations/d1", { ...good, id: "other" })).toEqual([400, 40000])
      expect(yield* put("/push/deviceRegistrations/d1", { ...good, formFactor: undefined })).toEqual([400, 40000])
      expect(yield* put("/push/deviceRegistrations/d1", { ...good, push: { recipient: { transportType: "fcm" } } }))
        .toEqual([400, 40000])
      expect(yield* put("/push/deviceRegistrations/d1", good)).toEqual([200, undefined])
      const post = (body: unknown) =>
        Effect.map(
          rest.request("POST", "/push/channelSubscriptions", { body }),
          (r) => [r.statusCode, Option.getOrUndefined(r.errorCode)]
        )
      expect(yield* post({ channel: "c" })).toEqual([400, 40000])
      expect(yield* post({ channel: "c", deviceId: "d1", clientId: "x" })).toEqual([400, 40000])
      expect(yield* post({ deviceId: "d1" })).toEqual([400, 40000])
    }).pipe(Effect.provide(Emulator.layer)))
})

describe("rest.push.admin caller inputs", () => {
  const noRequest = Effect.gen(function*() {
    const { rest, seen } = yield* restWith({ key: testKey }, () => json(200, {}))
    return { admin: rest.push.admin, seen }
  })

  it.effect("RSH1 - wrong types fail with 40003 (40013 too deep) before anything is sent", () =>
    Effect.gen(function*() {
      const { admin, seen } = yield* noRequest
      const invalid = (value: unknown) => value as never
      const codes = yield* Effect.all([
        admin.publish(invalid("alice"), {}),
        admin.publish({}, { data: {} }),
        admin.publish({ clientId: "a" }, invalid(null)),
        admin.deviceRegistrations.get(invalid(42)),
        admin.deviceRegistrations.get(""),
        admin.deviceRegistrations.remove(invalid({ id: 3 })),
        admin.deviceRegistrations.save(invalid({ id: "d", platform: "windows-phone", formFactor: "phone" })),
        admin.deviceRegistrations.save(invalid("device")),
        Stream.runDrain(admin.deviceRegistrations.list({ limit: 0 })),
        Stream.runDrain(admin.deviceRegistrations.list(invalid({ clientId: 5 }))),
        admin.deviceRegistrations.removeWhere(invalid(7)),
        admin.channelSubscriptions.save({ channel: "c" }),
        admin.channelSubscriptions.save({ channel: "c", clientId: "a", deviceId: "d" }),
        admin.channelSubscriptions.remove(invalid({ channel: 1, clientId: "a" })),
        Stream.runDrain(admin.channelSubscriptions.list(invalid({ concatFilters: "yes" }))),
        Stream.runDrain(admin.channelSubscriptions.listChannels({ limit: 1001 }))
      ].map((effect) => Effect.map(Effect.flip(effect), (error) => error.code)))
      expect(codes).toEqual(Array(codes.length).fill(40003))
      let deep: unknown = "leaf"
      for (let i = 0; i < 200; i++) deep = { deep }
      const tooDeep = yield* Effect.flip(admin.publish({ clientId: "a" }, { data: { deep } }))
      expect(tooDeep.code).toBe(40013)
      expect(yield* Ref.get(seen)).toEqual([])
    }))

  it.effect("RSH1 - the wire: paths percent-encoded, queries and bodies as ably-js sends them", () =>
    Effect.gen(function*() {
      const { rest, seen } = yield* restWith(
        { key: testKey, useBinaryProtocol: false },
        (request) =>
          request.method === "GET" && request.url.pathname.startsWith("/push/deviceRegistrations/")
            ? json(200, { ...device("a/b"), unknownField: true })
            : request.method === "POST" && request.url.pathname === "/push/channelSubscriptions"
            ? json(201, { channel: "c", clientId: "x" })
            : json(204, null)
      )
      const fetched = yield* rest.push.admin.deviceRegistrations.get("a/b")
      expect(fetched).toEqual(device("a/b"))
      yield* rest.push.admin.channelSubscriptions.save({ channel: "c", clientId: "x" })
      yield* rest.push.admin.channelSubscriptions.remove({ channel: "c", clientId: "x" })
      yield* rest.push.admin.publish({ clientId: "x" }, { notification: { title: "t" } })
      const requests = yield* Ref.get(seen)
      expect(requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
        "GET /push/deviceRegistrations/a%2Fb",
        "POST /push/channelSubscriptions",
        "DELETE /push/channelSubscriptions?channel=c&clientId=x",
        "POST /push/publish"
      ])
      const bodyOf = (index: number) => JSON.parse(new TextDecoder().decode(requests[index]!.body))
      expect(bodyOf(1)).toEqual({ channel: "c", clientId: "x" })
      expect(bodyOf(3)).toEqual({ notification: { title: "t" }, recipient: { clientId: "x" } })
    }))

  it.effect("RSH1 - an answer that is not a DeviceDetails fails with 50000, not a defect", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey }, () => json(200, { id: "d", platform: 7 }))
      const error = yield* Effect.flip(rest.push.admin.deviceRegistrations.get("d"))
      expect(error.code).toBe(50000)
    }))

  it.effect("RSH1 - rest.push.admin is built once, on first use, and kept", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey }, () => json(204, null))
      const admin = rest.push.admin
      expect(rest.push.admin).toBe(admin)
      expect(rest.push.admin.deviceRegistrations).toBe(admin.deviceRegistrations)
    }))

  it("PCD - DeviceDetails tolerates unknown fields and drops them", () => {
    const decoded = Schema.decodeUnknownSync(Push.DeviceDetails)({ ...device("x"), deviceIdentityToken: { t: 1 } })
    expect(decoded).toEqual(device("x"))
  })
})
