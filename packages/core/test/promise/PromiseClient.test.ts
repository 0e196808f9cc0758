/**
 * A port of the core integration tests (publish, history, presence, stats, errors) run
 * through the Promise facade against the in-memory emulator: the same results, as Promises
 * and async iterables, and every failure an `AblyError` rejection.
 */
import { PromiseClient, Rest } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Layer from "effect/Layer"
import { closedAfterEach, collect, rejection } from "./emulated.js"

const { open, track } = closedAfterEach()

describe.each([{ useBinaryProtocol: true }, { useBinaryProtocol: false }])(
  "the Promise client against the emulator (useBinaryProtocol: $useBinaryProtocol)",
  (protocol) => {
    it("RSL1/RSL2 - publish (name, data), one message and many; history as an async iterable over >= 3 pages", async () => {
      const { client } = await open(protocol)
      const channel = client.channels.get("paged")
      await channel.publish("m0", { i: 0 })
      await channel.publish({ name: "m1", data: { i: 1 } })
      const result = await channel.publish(
        Array.from({ length: 5 }, (_, k) => ({ name: `m${k + 2}`, data: { i: k + 2 } }))
      )
      expect(result.serials).toHaveLength(5)
      const names = (await collect(channel.history({ limit: 3 }))).map((m) => m.name)
      expect(names).toEqual(["m6", "m5", "m4", "m3", "m2", "m1", "m0"])
      const forwards = await collect(channel.history({ direction: "forwards", limit: 2 }))
      expect(forwards.map((m) => m.data)).toEqual(Array.from({ length: 7 }, (_, i) => ({ i })))
      expect(new Set(forwards.map((m) => m.id)).size).toBe(7)
    })

    it("RSL2/TG - historyPage: items, hasNext/isLast, next() until null, first(), current()", async () => {
      const { client } = await open(protocol)
      const channel = client.channels.get("pages")
      await channel.publish(Array.from({ length: 7 }, (_, i) => ({ name: `m${i}` })))
      const first = await channel.historyPage({ limit: 3 })
      expect(first.items.map((m) => m.name)).toEqual(["m6", "m5", "m4"])
      expect(first.hasNext()).toBe(true)
      expect(first.isLast()).toBe(false)
      const second = await first.next()
      expect(second?.items.map((m) => m.name)).toEqual(["m3", "m2", "m1"])
      const third = await second!.next()
      expect(third?.items.map((m) => m.name)).toEqual(["m0"])
      expect(third?.isLast()).toBe(true)
      expect(await third!.next()).toBeNull()
      expect((await third!.first()).items.map((m) => m.name)).toEqual(["m6", "m5", "m4"])
      expect((await second!.current()).items.map((m) => m.name)).toEqual(["m3", "m2", "m1"])
    })

    it("RSL4/RSL6 - strings, JSON and bytes round-trip; server fields are filled in", async () => {
      const { client } = await open(protocol)
      const channel = client.channels.get("payloads")
      const bytes = new Uint8Array([0, 1, 254, 255])
      const result = await channel.publish([
        { name: "text", data: "héllo" },
        { name: "json", data: { nested: [1, "two", null] }, extras: { headers: { k: "v" } } },
        { name: "binary", data: bytes },
        { name: "empty" }
      ])
      const read = await collect(channel.history({ direction: "forwards" }))
      expect(read.map((m) => m.data)).toEqual(["héllo", { nested: [1, "two", null] }, bytes, undefined])
      expect(read[1]!.extras).toEqual({ headers: { k: "v" } })
      expect(read.map((m) => m.serial)).toEqual(result.serials)
      for (const message of read) expect(message.action).toBe("message.create")
    })

    it("RSP3/RSP4 - presence.get over the fixtures and presence.history, iterable and pages", async () => {
      const { app, client, run, emulator } = await open(protocol)
      const fixtures = await collect(client.channels.get("persisted:presence_fixtures").presence.get())
      expect(fixtures).toHaveLength(6)
      expect(fixtures.find((m) => m.clientId === "client_decoded")?.data).toEqual({ example: { json: "Object" } })
      await run(emulator.admin.updatePresence(app.appId, "lobby", [
        { action: "enter", clientId: "ann", data: "hello" },
        { action: "update", clientId: "ann", data: { mood: "busy" } },
        { action: "enter", clientId: "ben" },
        { action: "leave", clientId: "ann" }
      ]))
      const lobby = client.channels.get("lobby")
      const events = await collect(lobby.presence.history({ limit: 3 }))
      expect(events.map((m) => m.action)).toEqual(["leave", "enter", "update", "enter"])
      const page = await lobby.presence.historyPage({ limit: 3 })
      expect(page.items).toHaveLength(3)
      expect((await page.next())?.items.map((m) => m.clientId)).toEqual(["ann"])
      const members = await lobby.presence.getPage()
      expect(members.items.map((m) => m.clientId)).toEqual(["ben"])
    })

    it("RSC6 - stats from posted fixtures, by minute, as an iterable and as a page", async () => {
      const { client } = await open(protocol)
      const posted = await client.request("post", "/stats", {
        body: [
          { intervalId: "2015-02-03:15:03", inbound: { realtime: { messages: { count: 50, data: 5000 } } } },
          { intervalId: "2015-02-03:15:04", inbound: { realtime: { messages: { count: 60, data: 6000 } } } }
        ]
      })
      expect(posted.statusCode).toBe(201)
      expect(posted.success).toBe(true)
      const params = {
        start: Date.UTC(2015, 1, 3),
        end: Date.UTC(2015, 1, 4),
        direction: "forwards",
        unit: "minute"
      } as const
      const stats = await collect(client.stats(params))
      expect(stats.map((s) => s.intervalId)).toEqual(["2015-02-03:15:03", "2015-02-03:15:04"])
      expect(stats[1]!.entries["messages.inbound.all.messages.count"]).toBe(60)
      const page = await client.statsPage({ ...params, limit: 1 })
      expect(page.items.map((s) => s.intervalId)).toEqual(["2015-02-03:15:03"])
      expect(page.hasNext()).toBe(true)
    })
  }
)

describe("the rest of the surface through the facade", () => {
  it("RSC16 time(), RSL8 status(), channels.list() as an iterable, batchPublish, batchPresence", async () => {
    const { client } = await open()
    const time = await client.time()
    expect(Math.abs(time - Date.now())).toBeLessThan(60_000)
    await client.channels.get("enum:a").publish("x", "1")
    await client.channels.get("enum:b").publish("x", "2")
    expect((await client.channels.get("enum:a").status()).channelId).toBe("enum:a")
    expect((await collect(client.channels.list({ prefix: "enum:" }))).sort()).toEqual(["enum:a", "enum:b"])
    const batch = await client.batchPublish({ channels: ["batch:a", "batch:b"], messages: [{ name: "m", data: "d" }] })
    expect(batch.successCount).toBe(2)
    const many = await client.batchPublish([{ channels: ["batch:c"], messages: [{ name: "n" }] }])
    expect(many).toHaveLength(1)
    expect((await collect(client.channels.get("batch:b").history())).map((m) => m.data)).toEqual(["d"])
    const presence = await client.batchPresence(["persisted:presence_fixtures"])
    expect(presence.successCount).toBe(1)
  })

  it("RSL15/RSL11/RSL14 - mutable messages and RSAN annotations", async () => {
    const { client } = await open({ clientId: "alice" })
    const channel = client.channels.get("mutable:chat")
    const { serials } = await channel.publish("draft", "helo")
    const serial = serials[0]!
    const original = await channel.getMessage(serial)
    expect(original.data).toBe("helo")
    const updated = await channel.updateMessage({ ...original, data: "hello" }, { description: "typo" })
    expect(typeof updated.versionSerial).toBe("string")
    await channel.appendMessage({ serial, data: "!" })
    expect((await channel.getMessage(serial)).data).toBe("hello!")
    const versions = await collect(channel.getMessageVersions(serial))
    expect(versions.length).toBeGreaterThanOrEqual(2)
    await channel.annotations.publish(serial, { type: "reactions:distinct.v1", name: "👍" })
    const annotations = await collect(channel.annotations.get(serial))
    expect(annotations.map((a) => [a.type, a.name])).toEqual([["reactions:distinct.v1", "👍"]])
    await channel.deleteMessage({ serial })
    expect((await channel.getMessage(serial)).action).toBe("message.delete")
  })

  it("RSA8/RSA9 - auth.requestToken and createTokenRequest; a token client built from one", async () => {
    const { client } = await open()
    const request = await client.auth.createTokenRequest({ clientId: "alice" })
    expect(request.clientId).toBe("alice")
    expect(typeof request.mac).toBe("string")
    const token = await client.auth.requestToken({ clientId: "bob", ttl: 60_000 })
    expect(token.clientId).toBe("bob")
    expect(await client.auth.method()).toBe("basic")
    expect(await client.auth.clientId()).toBeUndefined()
  })

  it("RSH1 - push.admin: save a device, list it, get it, remove it", async () => {
    const { client } = await open()
    const device = {
      id: "device-1",
      clientId: "alice",
      platform: "android",
      formFactor: "phone",
      push: { recipient: { transportType: "fcm", registrationToken: "t" } }
    } as const
    await client.push.admin.deviceRegistrations.save(device)
    expect((await collect(client.push.admin.deviceRegistrations.list({ clientId: "alice" }))).map((d) => d.id))
      .toEqual(["device-1"])
    expect((await client.push.admin.deviceRegistrations.get("device-1")).clientId).toBe("alice")
    await client.push.admin.deviceRegistrations.remove("device-1")
    const missing = await rejection(client.push.admin.deviceRegistrations.get("device-1"))
    expect(missing).toBeInstanceOf(PromiseClient.AblyError)
    expect(missing).toMatchObject({ code: 40400, statusCode: 404 })
  })
})

describe("errors are AblyError rejections", () => {
  it("RSL1 - publishing without the publish capability rejects with 40160", async () => {
    const { client } = await open({}, 3)
    const error = await rejection(client.channels.get("anything").publish("n", "d"))
    expect(error).toBeInstanceOf(PromiseClient.AblyError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ code: 40160, statusCode: 401, href: "https://help.ably.io/error/40160" })
  })

  it("RSL11 - an unknown serial rejects with 40400, with the request id", async () => {
    const { client } = await open({ addRequestIds: true })
    const error = await rejection(client.channels.get("mutable:chat").getMessage("nope@1"))
    expect(error).toMatchObject({ code: 40400, statusCode: 404 })
    expect(PromiseClient.isAblyError(error) && typeof error.requestId).toBe("string")
  })

  it("a wrong secret rejects with 40101 (401), the secret in no message or cause", async () => {
    const { app, http } = await open()
    const client = PromiseClient.fromLayer(
      Rest.layer({ key: `${app.keys[0]!.keyName}:wrongsecret` }).pipe(Layer.provide(http))
    )
    track(client)
    for (
      const call of [() => client.channels.get("c").historyPage(), () => collect(client.channels.get("c").history())]
    ) {
      const error = await rejection(call())
      expect(error).toBeInstanceOf(PromiseClient.AblyError)
      expect(error).toMatchObject({ code: 40101, statusCode: 401 })
      expect(JSON.stringify(error)).not.toContain("wrongsecret")
      expect(String(error)).not.toContain("wrongsecret")
    }
  })

  it("local checks reject too: an invalid channel name (40010), arguments that are no messages (40013), invalid options", async () => {
    const { client, http } = await open()
    expect(await rejection(client.channels.get("").publish("n", "d"))).toMatchObject({ code: 40010 })
    // A plain-JavaScript caller can pass anything: core checks it at runtime.
    // @ts-expect-error numbers are not messages
    expect(await rejection(client.channels.get("c").publish([1, 2]))).toMatchObject({ code: 40013 })
    const badOptions = PromiseClient.fromLayer(Rest.layer({ key: "no-colon-in-this-key" }).pipe(Layer.provide(http)))
    track(badOptions)
    const error = await rejection(badOptions.time())
    expect(error).toBeInstanceOf(PromiseClient.AblyError)
    expect(error).toMatchObject({ code: 40101, statusCode: 401 })
    expect((error as Error).message).toContain("Invalid key")
    expect(await rejection(badOptions.channels.get("c").publish("n", "d"))).toBe(error)
  })
})
