/**
 * Import guards (#11 "nothing done at import", #13 "Guards"): importing core, the browser
 * package or the emulator's in-memory entry starts no timer, opens no socket and calls no
 * `fetch`; core and browser reach no `node:` module. Each entry is imported in a fresh Node
 * process (`utils/importGuard/probe.ts`, sources through tsx and the workspace's paths) that
 * records every module edge, ES and CommonJS; a fixture that does all of it shows the probe
 * sees each thing it guards against.
 */
import { describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = fileURLToPath(new URL("../../..", import.meta.url))
const probe = fileURLToPath(new URL("./utils/importGuard/probe.ts", import.meta.url))

interface Imported {
  readonly started: ReadonlyArray<string>
  readonly active: ReadonlyArray<string>
  /** Built-in modules reachable from the entry, each with the module that imports it. */
  readonly builtins: ReadonlyArray<string>
  /** The packages (under node_modules) whose modules are reachable from the entry. */
  readonly packages: ReadonlyArray<string>
}

const packageOf = (url: string): string | undefined =>
  /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(decodeURIComponent(url))?.[1]

const importInFreshProcess = async (entry: string): Promise<Imported> => {
  const dir = await mkdtemp(join(tmpdir(), "import-guard-"))
  try {
    const edgesFile = join(dir, "edges.tsv")
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ["--import", "tsx", probe, join(root, entry), edgesFile],
        { cwd: root, timeout: 120_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out))
      )
    )
    const edges = new Map<string, Array<string>>()
    for (const line of (await readFile(edgesFile, "utf8")).split("\n")) {
      const [parent, child] = line.split("\t")
      if (parent === undefined || child === undefined) continue
      edges.set(parent, [...(edges.get(parent) ?? []), child])
    }
    // Everything reachable from the entry (the probe's own imports are not the entry's).
    const start = pathToFileURL(join(root, entry)).href
    const seen = new Set([start])
    const builtins: Array<string> = []
    const queue = [start]
    while (queue.length > 0) {
      const from = queue.pop()!
      for (const to of edges.get(from) ?? []) {
        if (to.startsWith("node:")) builtins.push(`${to} (from ${from.replace(pathToFileURL(root).href, "")})`)
        else if (!seen.has(to)) {
          seen.add(to)
          queue.push(to)
        }
      }
    }
    const { active, started } = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Omit<
      Imported,
      "builtins" | "packages"
    >
    const packages = new Set([...seen].flatMap((url) => packageOf(url) ?? []))
    return { started, active, builtins: [...new Set(builtins)], packages: [...packages].sort() }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe("import guards", () => {
  it("the probe sees a timer, a socket and a node: module imported at load (the fixture)", async () => {
    const imported = await importInFreshProcess("packages/core/test/utils/importGuard/fixture.ts")
    expect(imported.started).toEqual(expect.arrayContaining(["setTimeout", "socket"]))
    expect(imported.builtins.some((name) => name.startsWith("node:net"))).toBe(true)
  })

  it("the probe follows CommonJS requires (undici, under the platform adapter, needs node: modules)", async () => {
    const imported = await importInFreshProcess("packages/node/src/internal/UndiciHttpClient.ts")
    expect(imported.builtins.some((name) => name.includes("undici"))).toBe(true)
    expect(imported.packages).toContain("undici")
    expect(imported.started).toEqual([])
  })

  // Loaded when a layer that needs them is built (Codec.loadMsgpack, NodeRest.EngineLive), not at import.
  for (
    const [name, entry] of [
      ["@effect-ably/core", "packages/core/src/index.ts"],
      ["@effect-ably/browser", "packages/browser/src/index.ts"],
      ["@effect-ably/node", "packages/node/src/index.ts"],
      ["@effect-ably/emulator", "packages/emulator/src/index.ts"]
    ] as const
  ) {
    it(`${name}: neither @msgpack/msgpack nor undici in its import graph`, async () => {
      const imported = await importInFreshProcess(entry)
      expect(imported.packages.filter((pkg) => pkg === "@msgpack/msgpack" || pkg === "undici")).toEqual([])
      expect(imported.packages).toContain("effect")
    })
  }

  for (
    const [name, entry] of [
      ["@effect-ably/core", "packages/core/src/index.ts"],
      ["@effect-ably/browser", "packages/browser/src/index.ts"]
    ] as const
  ) {
    it(`${name}: nothing started at import, no node: module in its import graph`, async () => {
      const imported = await importInFreshProcess(entry)
      expect({ ...imported, packages: [] }).toEqual({ started: [], active: [], builtins: [], packages: [] })
    })
  }

  it("@effect-ably/emulator (the in-memory entry): nothing started at import", async () => {
    const imported = await importInFreshProcess("packages/emulator/src/index.ts")
    expect({ started: imported.started, active: imported.active }).toEqual({ started: [], active: [] })
  })
})
