/**
 * The bin as a process: exit codes 0/1/2, `--help`, Ctrl-C (SIGINT) during a long history
 * (exit 130, every written line whole), a 100k-message export in bounded memory, and the
 * `emulator` command serving the other commands over real HTTP.
 */
import { Emulator } from "@effect-ably/emulator"
import { EmulatorAddress, layerServer } from "@effect-ably/emulator/server"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { run, start } from "./utils/spawnCli.js"

const total = 100_000
const payload = "x".repeat(500)
const server = ManagedRuntime.make(layerServer({ port: 0 }))
let endpoint = ""
const key = "big.k:s3cretvalue"

beforeAll(async () => {
  endpoint = await server.runPromise(Effect.gen(function*() {
    const emulator = yield* Emulator
    yield* emulator.createApp({ appId: "big", keys: [{ keyId: "k", keySecret: "s3cretvalue" }] })
    for (let sent = 0; sent < total; sent += 1000) {
      yield* emulator.publish(
        "big",
        "export",
        Array.from({ length: 1000 }, (_, i) => ({ name: `m${sent + i}`, data: payload }))
      )
    }
    return (yield* EmulatorAddress).url
  }))
}, 60_000)
afterAll(() => server.dispose())

const against = () => ["--endpoint", endpoint, "--key", key]

describe("effect-ably bin", () => {
  it("--help exits 0 with the usage; a subcommand's --help too", async () => {
    const help = await run(["--help"])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("effect-ably")
    expect(help.stdout).toContain("history")
    const sub = await run(["history", "--help"])
    expect(sub.code).toBe(0)
    expect(sub.stdout).toContain("--direction")
  })

  it("time --emulator exits 0 with one JSON line", async () => {
    const ran = await run(["time", "--emulator"])
    expect(ran.code).toBe(0)
    expect(JSON.parse(ran.stdout)).toMatchObject({ time: expect.any(Number) })
  })

  it("a usage error exits 2; an Ably error exits 1 with code, status and href, and no secret", async () => {
    const usage = await run(["history"])
    expect(usage.code).toBe(2)
    const wrongKey = await run(["history", "export", "--endpoint", endpoint, "--key", "big.k:notthesecret"])
    expect(wrongKey.code).toBe(1)
    expect(wrongKey.stderr).toMatch(
      /^effect-ably: .+ \(code 401\d\d, status 401, href https:\/\/help\.ably\.io\/error\/401\d\d\)\n$/
    )
    expect(wrongKey.stderr).not.toContain("notthesecret")
  })

  it("exports 100k messages as NDJSON in bounded memory (a lazy Stream, not a collect)", async () => {
    const started = Date.now()
    // A 64 MB heap: the 100k payloads alone are 50 MB; `Stream.runCollect` of the same history
    // runs out of heap under this limit (and peaks at ~300 MB RSS without it).
    const ran = await start(["history", "export", "--limit", String(total), ...against()], {
      keepStdout: false,
      nodeOptions: ["--max-old-space-size=64"]
    }).finished
    expect(ran.stderr).toBe("")
    expect(ran.code).toBe(0)
    expect(ran.lines).toBe(total)
    // newest first: the last line is the first message published
    expect(JSON.parse(ran.stdout.split("\n").at(-2) ?? "")).toMatchObject({ name: "m0", data: payload })
    console.log(
      `100k export: ${Date.now() - started} ms wall, ${ran.cpuMs} ms CPU, peak RSS ${Math.round(ran.peakKb / 1024)} MB`
    )
    if (ran.peakKb > 0) expect(ran.peakKb).toBeLessThan(256 * 1024)
  }, 180_000)

  it("Ctrl-C (SIGINT) during a long history: exit 130, what was written is whole lines", async () => {
    const running = start(["history", "export", ...against()])
    await running.firstOutput
    running.child.kill("SIGINT")
    const ran = await running.finished
    expect(ran.code).toBe(130)
    expect(ran.lines).toBeGreaterThan(0)
    expect(ran.lines).toBeLessThan(total)
    expect(ran.stdout.endsWith("\n")).toBe(true)
    for (const line of ran.stdout.split("\n").slice(0, -1)) expect(JSON.parse(line)).toHaveProperty("name")
  }, 30_000)

  it("emulator serves the other commands over HTTP until Ctrl-C", async () => {
    const emulator = start(["emulator", "--key", "app.root:secret", "--json"])
    const listening = JSON.parse(await emulator.firstOutput) as { url: string; keys: ReadonlyArray<string> }
    expect(listening.keys).toEqual(["app.root:secret"])
    const options = ["--endpoint", listening.url, "--key", "app.root:secret"]
    expect((await run(["publish", "orders", "created", "{\"id\":1}", ...options])).code).toBe(0)
    const history = await run(["history", "orders", ...options, "--protocol", "json"])
    expect(history.code).toBe(0)
    expect(JSON.parse(history.stdout)).toMatchObject({ name: "created", data: { id: 1 } })
    emulator.child.kill("SIGINT")
    expect((await emulator.finished).code).toBe(130)
  }, 30_000)
})
