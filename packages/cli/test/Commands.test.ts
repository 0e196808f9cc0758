/**
 * Every command in process against one in-memory emulator (`layerState` in the context, so
 * `publish` then `history` see the same channel): output, exit codes, error lines.
 */
import { Emulator, layerState } from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { runCli } from "./utils/runCli.js"

const emptyEnv = ConfigProvider.fromMap(new Map())

const emu = ["--emulator", "--protocol", "json"]

describe("effect-ably commands (in process, --emulator)", () => {
  it.live("time (RSC16) prints the server time as one JSON line", () =>
    Effect.gen(function*() {
      const ran = yield* runCli(["time", "--emulator"])
      expect(ran.code).toBe(0)
      expect(ran.lines).toHaveLength(1)
      const [line] = ran.lines as ReadonlyArray<{ time: number; iso: string }>
      expect(Math.abs(line!.time - Date.now())).toBeLessThan(60_000)
      expect(new Date(line!.iso).getTime()).toBe(line!.time)
    }).pipe(Effect.provide(layerState)))

  it.effect("publish (RSL1) then history (RSL2): JSON or text data, newest first, --direction, --limit", () =>
    Effect.gen(function*() {
      expect((yield* runCli(["publish", "orders", "created", "{\"id\":1}", ...emu])).lines).toEqual([{
        published: 1,
        serials: [expect.any(String)]
      }])
      expect((yield* runCli(["publish", "orders", "note", "plain text", "--emulator"])).code).toBe(0)
      expect((yield* runCli(["publish", "orders", "count", "42", ...emu])).code).toBe(0)
      const all = yield* runCli(["history", "orders", ...emu])
      expect(all.code).toBe(0)
      expect(all.lines.map((m) => [(m as { name: string }).name, (m as { data: unknown }).data])).toEqual([
        ["count", "42"],
        ["note", "plain text"],
        ["created", { id: 1 }]
      ])
      expect(all.lines[0]).toMatchObject({
        id: expect.any(String),
        timestamp: expect.any(Number),
        serial: expect.any(String)
      })
      const forwards = yield* runCli(["history", "orders", "--direction", "forwards", "--limit", "2", "--emulator"])
      expect(forwards.lines.map((m) => (m as { name: string }).name)).toEqual(["created", "note"])
    }).pipe(Effect.provide(layerState)))

  it.effect("progress (items, pages, rate) goes to stderr only when it is a TTY", () =>
    Effect.gen(function*() {
      const stdin = Array.from({ length: 30 }, (_, i) => `"m${i}"`)
      expect((yield* runCli(["publish", "p", "n", "-", "--emulator"], stdin)).code).toBe(0)
      const quiet = yield* runCli(["history", "p", "--emulator"])
      expect(quiet.lines).toHaveLength(30)
      expect(quiet.stderr).toBe("")
      const shown = yield* runCli(["history", "p", "--emulator", "--limit", "25"], undefined, { stderrIsTTY: true })
      expect(shown.lines).toHaveLength(25)
      expect(shown.stderr).toMatch(/\r25 items, 1 pages, \d+\/s\n$/)
    }).pipe(Effect.provide(layerState)))

  it.effect("publish - reads NDJSON from stdin: messages, bare values and text, in batches", () =>
    Effect.gen(function*() {
      const stdin = [
        "{\"name\":\"a\",\"data\":{\"x\":1},\"clientId\":\"bob\",\"ignored\":true}",
        "",
        "7",
        "not json",
        ...Array.from({ length: 247 }, (_, i) => JSON.stringify({ data: `m${i}` }))
      ]
      const ran = yield* runCli(["publish", "bulk", "dflt", "-", "--batch", "100", ...emu], stdin)
      expect(ran.code).toBe(0)
      expect(ran.lines).toEqual([{ published: 250 }])
      const emulator = yield* Emulator
      const [app] = yield* Effect.map(emulator.app("cli"), (state) => [state])
      expect(app).toBeDefined()
      const stored = yield* emulator.messages("cli", "bulk")
      expect(stored).toHaveLength(250)
      expect(stored.slice(0, 3).map((m) => [m.name, m.data, m.clientId])).toEqual([
        ["a", "{\"x\":1}", "bob"],
        ["dflt", "7", undefined],
        ["dflt", "not json", undefined]
      ])
      // three POSTs of at most 100 messages
      const posts = (yield* emulator.faults.requests).filter((r) =>
        r.method === "POST" && r.path.endsWith("/bulk/messages")
      )
      expect(posts).toHaveLength(3)
      // no data and stdin not a TTY: stdin too
      expect((yield* runCli(["publish", "bulk", ...emu], ["{\"name\":\"z\"}"])).lines).toEqual([{ published: 1 }])
    }).pipe(Effect.provide(layerState)))

  it.effect("publish --file: JSON, text, and binary data (base64 with encoding in history)", () =>
    Effect.gen(function*() {
      const dir = mkdtempSync(join(tmpdir(), "effect-ably-cli-"))
      writeFileSync(join(dir, "a.json"), "{\"k\":[1,2]}")
      writeFileSync(join(dir, "b.bin"), Buffer.from([0xff, 0x00, 0xfe]))
      expect((yield* runCli(["publish", "files", "j", "--file", join(dir, "a.json"), "--emulator"])).code).toBe(0)
      expect((yield* runCli(["publish", "files", "b", "--file", join(dir, "b.bin"), "--emulator"])).code).toBe(0)
      const ran = yield* runCli(["history", "files", "--direction", "forwards", "--emulator"])
      expect(ran.lines).toMatchObject([{ name: "j", data: { k: [1, 2] } }, {
        name: "b",
        data: "/wD+",
        encoding: "base64"
      }])
      const missing = yield* runCli(["publish", "files", "x", "--file", join(dir, "nope"), "--emulator"])
      expect(missing.code).toBe(2)
    }).pipe(Effect.provide(layerState)))

  it.effect("presence (RSP3) and presence --history (RSP4); status (RSL8)", () =>
    Effect.gen(function*() {
      expect((yield* runCli(["time", "--emulator"])).code).toBe(0) // creates the app
      const emulator = yield* Emulator
      yield* emulator.admin.updatePresence("cli", "room", [
        { action: "enter", clientId: "alice", data: "hi" },
        { action: "enter", clientId: "bob" },
        { action: "leave", clientId: "bob" }
      ])
      const members = yield* runCli(["presence", "room", ...emu])
      expect(members.code).toBe(0)
      expect(members.lines).toMatchObject([{ clientId: "alice", data: "hi", action: "present" }])
      const history = yield* runCli(["presence", "room", "--history", "--emulator"])
      expect(history.lines).toHaveLength(3)
      const status = yield* runCli(["status", "room", "--emulator"])
      expect(status.code).toBe(0)
      expect(status.lines).toMatchObject([{ channelId: "room", status: { isActive: true } }])
    }).pipe(Effect.provide(layerState)))

  it.effect("channels (RSC26): --prefix, --by value, --limit, streamed one per line", () =>
    Effect.gen(function*() {
      for (const name of ["room:1", "room:2", "other"]) {
        expect((yield* runCli(["publish", name, "m", "1", "--emulator"])).code).toBe(0)
      }
      const all = yield* runCli(["channels", "--emulator"])
      expect([...all.lines].sort()).toEqual(["other", "room:1", "room:2"])
      const rooms = yield* runCli(["channels", "--prefix", "room:", ...emu])
      expect([...rooms.lines].sort()).toEqual(["room:1", "room:2"])
      const details = yield* runCli(["channels", "--by", "value", "--prefix", "other", "--emulator"])
      expect(details.lines).toMatchObject([{ channelId: "other", status: { isActive: true } }])
      expect((yield* runCli(["channels", "--limit", "1", "--emulator"])).lines).toHaveLength(1)
    }).pipe(Effect.provide(layerState)))

  it.effect("stats (RSC6): --unit, --start/--end as ISO dates or ms", () =>
    Effect.gen(function*() {
      expect((yield* runCli(["time", "--emulator"])).code).toBe(0)
      const emulator = yield* Emulator
      yield* emulator.admin.postStats("cli", [
        { intervalId: "2015-02-03:15:03", inbound: { rest: { messages: { count: 5 } } } },
        { intervalId: "2015-02-03:15:04", inbound: { rest: { messages: { count: 6 } } } }
      ])
      const ran = yield* runCli([
        "stats",
        "--unit",
        "minute",
        "--start",
        "2015-02-03T15:00:00Z",
        "--end",
        String(Date.parse("2015-02-03T15:10:00Z")),
        "--direction",
        "forwards",
        "--emulator"
      ])
      expect(ran.code).toBe(0)
      expect(ran.lines.map((s) => (s as { intervalId: string }).intervalId)).toEqual([
        "2015-02-03:15:03",
        "2015-02-03:15:04"
      ])
      expect((yield* runCli(["stats", "--start", "yesterday", "--emulator"])).code).toBe(2)
    }).pipe(Effect.provide(layerState)))

  it.effect("token create (RSA9) and token request (RSA8) print JSON; the key secret is not in them", () =>
    Effect.gen(function*() {
      const created = yield* runCli(["token", "create", "--client-id", "alice", "--ttl", "60000", "--emulator"])
      expect(created.code).toBe(0)
      expect(created.lines).toMatchObject([{
        keyName: "cli.root",
        clientId: "alice",
        ttl: 60000,
        mac: expect.any(String)
      }])
      const requested = yield* runCli([
        "token",
        "request",
        "--capability",
        "{\"orders\":[\"subscribe\"]}",
        "--emulator"
      ])
      expect(requested.code).toBe(0)
      expect(requested.lines).toMatchObject([{ token: expect.any(String), capability: "{\"orders\":[\"subscribe\"]}" }])
      expect(created.stdout + requested.stdout).not.toContain(":emulator")
    }).pipe(Effect.provide(layerState)))

  it.effect("revoke (RSA17) by clientId with a revocable key; a key that is not revocable: exit 1", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      yield* emulator.createApp({ appId: "rev", keys: [{ keyId: "k", keySecret: "s3cret", revocableTokens: true }] })
      const ran = yield* runCli([
        "revoke",
        "--type",
        "clientId",
        "--value",
        "alice",
        "--key",
        "rev.k:s3cret",
        "--emulator"
      ])
      expect(ran.code).toBe(0)
      expect(ran.lines).toMatchObject([{ _tag: "Success", target: "clientId:alice", issuedBefore: expect.any(Number) }])
      const denied = yield* runCli(["revoke", "--type", "channel", "--value", "x", "--emulator"])
      expect(denied.code).toBe(1)
      expect(denied.stderr).toMatch(
        /^effect-ably: .+ \(code 4\d{4}, status 4\d\d, href https:\/\/help\.ably\.io\/error\/4\d{4}\)\n$/
      )
    }).pipe(Effect.provide(layerState)))

  it.effect("request (RSC19): GET with --param, POST with --body; an error answer exits 1 (40400)", () =>
    Effect.gen(function*() {
      const posted = yield* runCli([
        "request",
        "post",
        "/channels/raw/messages",
        "--body",
        "{\"name\":\"r\",\"data\":\"x\"}",
        "--emulator"
      ])
      expect(posted.code).toBe(0)
      const got = yield* runCli(["request", "GET", "/channels/raw/messages", "--param", "limit=1", "--emulator"])
      expect(got.code).toBe(0)
      expect(got.lines).toMatchObject([{ name: "r", data: "x" }])
      const missing = yield* runCli(["request", "get", "/no/such/route", "--emulator", "--json"])
      expect(missing.code).toBe(1)
      const error = JSON.parse(missing.stderr) as { error: { code: number; statusCode: number; href: string } }
      expect(error.error).toMatchObject({
        kind: "ably",
        code: 40400,
        statusCode: 404,
        href: "https://help.ably.io/error/40400"
      })
      expect((yield* runCli(["request", "post", "/x", "--body", "{nope", "--emulator"])).code).toBe(2)
    }).pipe(Effect.provide(layerState)))

  it.effect("a denied capability fails with 40160, exit 1, one line (text and --json), no secret", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator
      yield* emulator.createApp({
        appId: "ro",
        keys: [{ keyId: "sub", keySecret: "topsecretvalue", capability: "{\"*\":[\"subscribe\"]}" }]
      })
      const ran = yield* runCli(["publish", "orders", "n", "1", "--key", "ro.sub:topsecretvalue", "--emulator"])
      expect(ran.code).toBe(1)
      expect(ran.stdout).toBe("")
      expect(ran.stderr).toMatch(
        /^effect-ably: .+ \(code 40160, status 401, href https:\/\/help\.ably\.io\/error\/40160\)\n$/
      )
      const json = yield* runCli([
        "publish",
        "orders",
        "n",
        "1",
        "--key",
        "ro.sub:topsecretvalue",
        "--emulator",
        "--json"
      ])
      expect(json.code).toBe(1)
      expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 40160, statusCode: 401 } })
      expect(ran.stderr + json.stderr).not.toContain("topsecretvalue")
    }).pipe(Effect.provide(layerState)))

  it.effect("usage errors exit 2: no command, unknown command, missing argument, bad choice, no key", () =>
    Effect.gen(function*() {
      expect((yield* runCli([])).code).toBe(2)
      expect((yield* runCli(["nope"])).code).toBe(2)
      expect((yield* runCli(["history", "--emulator"])).code).toBe(2)
      expect((yield* runCli(["channels", "--by", "name", "--emulator"])).code).toBe(2)
      expect((yield* runCli(["history", "x", "--limit", "0", "--emulator"])).code).toBe(2)
      const noKey = yield* runCli(["time"]).pipe(Effect.withConfigProvider(emptyEnv))
      expect(noKey.code).toBe(2)
      expect(noKey.stderr).toContain("no API key")
    }).pipe(Effect.provide(layerState)))

  it.effect("--help on every command exits 0 and describes it", () =>
    Effect.gen(function*() {
      for (
        const command of [
          [],
          ["time"],
          ["publish"],
          ["history"],
          ["presence"],
          ["status"],
          ["channels"],
          ["stats"],
          ["token"],
          ["token", "create"],
          ["token", "request"],
          ["revoke"],
          ["request"],
          ["emulator"]
        ]
      ) {
        const ran = yield* runCli([...command, "--help"])
        expect(ran.code, command.join(" ")).toBe(0)
        expect(ran.stdout, command.join(" ")).toContain("USAGE")
      }
    }).pipe(Effect.provide(layerState)))
})
