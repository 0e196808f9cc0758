/**
 * The `effect-ably-emulator` CLI as a user runs it: a child process (the source entry through
 * tsx, as `pnpm emulator` runs it), its exit codes, its one stdout line, and the official
 * `ably` client against it.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Ably from "ably"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../..", import.meta.url))
const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url))

interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

const start = (args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, ["--import", "tsx", bin, ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"]
  })
  let stdout = ""
  let stderr = ""
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const finished = new Promise<Finished>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr }))
  )
  // The first stdout line: the CLI prints it once it listens.
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const newline = stdout.indexOf("\n")
      if (newline !== -1) resolve(stdout.slice(0, newline))
    })
    void finished.then((result) => reject(new Error(`exited ${result.code} before listening: ${result.stderr}`)))
  })
  // Awaited only by the tests that expect the server to listen.
  firstLine.catch(() => undefined)
  return { child, finished, firstLine }
}

const run = (args: ReadonlyArray<string>) => start(args).finished

const stop = async (child: ChildProcess, finished: Promise<Finished>) => {
  child.kill("SIGTERM")
  return finished
}

interface Listening {
  readonly url: string
  readonly host: string
  readonly port: number
  readonly apps: ReadonlyArray<
    { readonly appId: string; readonly keys: ReadonlyArray<{ readonly keyStr: string; readonly capability: string }> }
  >
}

const isListening = (u: unknown): u is Listening =>
  typeof u === "object" && u !== null && "url" in u && "port" in u && typeof u.port === "number" && "apps" in u &&
  Array.isArray(u.apps)

const parseListening = (line: string): Listening => {
  const parsed: unknown = JSON.parse(line)
  if (!isListening(parsed)) throw new Error(`not a listening line: ${line}`)
  return parsed
}

const ablyClient = (listening: Pick<Listening, "host" | "port">, key: string) =>
  new Ably.Rest({
    key,
    endpoint: listening.host,
    port: listening.port,
    tls: false,
    useBinaryProtocol: false,
    logLevel: 0
  })

const errorCode = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => "resolved",
    (error: unknown) => (typeof error === "object" && error !== null && "code" in error ? error.code : error)
  )

const timeout = { timeout: 120_000 }

// Concurrent: each case is its own process on its own port.
describe.concurrent("effect-ably-emulator CLI", () => {
  it("--help: the usage on stdout, exit 0", timeout, async () => {
    const result = await run(["--help"])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: effect-ably-emulator \[options\]/)
    expect(result.stdout).not.toContain("pnpm emulator")
    for (const option of ["--port", "--host", "--key", "--app-file", "--max-rate", "--max-requests", "--json"]) {
      expect(result.stdout).toContain(option)
    }
    expect(result.stderr).toBe("")
  })

  it(
    "an unknown option: one line + usage on stderr, exit 2 (the other bad values: cliArgs.test.ts)",
    timeout,
    async () => {
      const result = await run(["--bogus"])
      expect(result.code).toBe(2)
      expect(result.stdout).toBe("")
      const [first, second, usage] = result.stderr.split("\n")
      expect([first, second, usage]).toEqual([
        "effect-ably-emulator: unknown option '--bogus'",
        "",
        "Usage: effect-ably-emulator [options]"
      ])
    }
  )

  it("a busy port: one clear line, exit 1", timeout, async () => {
    const busy: Server = createServer()
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve))
    const address = busy.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    expect(port).toBeGreaterThan(0)
    try {
      const result = await run(["--port", String(port)])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe("")
      expect(result.stderr).toBe(`effect-ably-emulator: port ${port} on 127.0.0.1 is in use\n`)
    } finally {
      await new Promise((resolve) => busy.close(resolve))
    }
  })

  it(
    "--key: a fixed, known key works with the official ably client (publish + history); SIGTERM exits 0",
    timeout,
    async () => {
      const { child, finished, firstLine } = start([
        "--port",
        "0",
        "--key",
        "app.root:secret",
        "--key",
        "app.second:other"
      ])
      const line = await firstLine
      // One line: the URL and every key.
      const match =
        /^effect-ably-emulator listening on http:\/\/127\.0\.0\.1:(\d+) keys app\.root:secret app\.second:other$/.exec(
          line
        )
      expect(match).not.toBeNull()
      const listening = { host: "127.0.0.1", port: Number(match?.[1]) }
      const channel = ablyClient(listening, "app.root:secret").channels.get("cli-test")
      await channel.publish("greeting", "hello")
      // The other key of the same app sees the same channel.
      const page = await ablyClient(listening, "app.second:other").channels.get("cli-test").history()
      expect(page.items.map((message) => [message.name, message.data])).toEqual([["greeting", "hello"]])
      expect(await errorCode(ablyClient(listening, "app.root:wrong").channels.get("cli-test").history())).toBe(40101)
      const result = await stop(child, finished)
      expect(result.code).toBe(0)
      expect(result.stdout.trim().split("\n")).toEqual([line])
    }
  )

  it("--max-rate: the CLI's apps refuse a channel's publishes past n a second with 42910", timeout, async () => {
    const { child, finished, firstLine } = start(["--port", "0", "--key", "app.root:secret", "--max-rate", "2"])
    const match = /127\.0\.0\.1:(\d+)/.exec(await firstLine)
    const channel = ablyClient({ host: "127.0.0.1", port: Number(match?.[1]) }, "app.root:secret").channels.get(
      "limited"
    )
    expect(await errorCode(channel.publish([{ name: "a" }, { name: "b" }]))).toBe("resolved")
    expect(await errorCode(channel.publish("c", "over the limit"))).toBe(42910)
    expect((await stop(child, finished)).code).toBe(0)
  })

  it("--app-file: apps with fixed keys, capabilities, presence fixtures and seeded messages", timeout, async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-cli-"))
    const file = join(dir, "apps.json")
    writeFileSync(
      file,
      JSON.stringify({
        apps: [{
          appId: "demo",
          keys: [
            { keyId: "root", keySecret: "rootsecret" },
            { keyId: "reader", keySecret: "readsecret", capability: { "*": ["subscribe", "history", "presence"] } }
          ],
          channels: [{ name: "lobby", presence: [{ clientId: "carol", data: "here" }] }],
          messages: { seeded: [{ name: "one", data: "first" }, { name: "two", data: { n: 2 } }] }
        }]
      })
    )
    const { child, finished, firstLine } = start(["--json", "--app-file", file])
    const listening = parseListening(await firstLine)
    expect(listening.url).toBe(`http://127.0.0.1:${listening.port}`)
    expect(listening.apps).toEqual([{
      appId: "demo",
      keys: [
        { keyStr: "demo.root:rootsecret", capability: "{\"*\":[\"*\"]}" },
        // Echoed in canonical form (operations sorted), as Ably does.
        { keyStr: "demo.reader:readsecret", capability: "{\"*\":[\"history\",\"presence\",\"subscribe\"]}" }
      ]
    }])
    const reader = ablyClient(listening, "demo.reader:readsecret")
    const history = await reader.channels.get("seeded").history({ direction: "forwards" })
    expect(history.items.map((message) => [message.name, message.data])).toEqual([["one", "first"], ["two", { n: 2 }]])
    const members = await reader.channels.get("lobby").presence.get()
    expect(members.items.map((member) => [member.clientId, member.data])).toEqual([["carol", "here"]])
    expect(await errorCode(reader.channels.get("seeded").publish("x", "y"))).toBe(40160)
    expect((await stop(child, finished)).code).toBe(0)
  })

  it("--app-file that is missing or malformed: one line naming the file, exit 2", timeout, async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-cli-"))
    const bad = join(dir, "bad.json")
    writeFileSync(bad, JSON.stringify({ apps: [{ appId: "has.dot" }] }))
    const missing = join(dir, "missing.json")
    const [badResult, missingResult] = await Promise.all([run(["--app-file", bad]), run(["--app-file", missing])])
    expect(badResult.code).toBe(2)
    expect(badResult.stderr).toMatch(
      new RegExp(`^effect-ably-emulator: app file ${bad}: \\.apps\\[0\\]\\.appId: ids are 1 to 64`)
    )
    expect(missingResult.code).toBe(2)
    expect(missingResult.stderr).toMatch(new RegExp(`^effect-ably-emulator: cannot read app file ${missing}`))
  })
})
