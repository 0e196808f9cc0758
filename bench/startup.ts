/**
 * The startup bench: what importing the SDK costs over an Effect application, and how long a
 * fresh Node process takes to its first publish. Built dist only (`pnpm build` first); every
 * measure is a fresh plain-node process (`startup/probe.mjs`, no tsx), runs interleaved.
 *
 *   tsx bench/startup.ts [--runs N] [--quick] [--root DIR]…
 *
 * - **import**: the process imports `effect/Effect`, `effect/Schema`, `effect/Stream` and
 *   `effect/Layer` first (the baseline an Effect app has already paid), then times
 *   `await import(entry)`: wall ms and process CPU ms of that import alone. `(baseline only)`
 *   imports nothing more: its figure is the noise floor.
 * - **modules**: a separate, untimed run per entry with `startup/count-hooks.mjs` (module
 *   hooks) lists every ES module loaded; the figure is the count over the baseline's, plus the
 *   CommonJS modules (`require.cache`) the entry adds (undici, @msgpack/msgpack).
 * - **first publish**: a process imports `@effect-ably/node`, builds `NodeRest.layer` against
 *   the bench server (`server/main.ts`, its own process) and publishes one message: ms from the
 *   process's time origin to the answer, and the process's CPU ms by then; `raw undici` does
 *   the same POST by hand.
 *
 * `--root DIR` measures another checkout's built packages; given twice or more (before/after
 * figures), every checkout's jobs run interleaved in the same rounds.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { realpathSync } from "node:fs"
import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const argv = process.argv.slice(2)
const flag = (name: string) => argv.includes(name)
const value = (name: string): string | undefined => {
  const at = argv.indexOf(name)
  return at === -1 ? undefined : argv[at + 1]
}
const runs = Number(value("--runs") ?? (flag("--quick") ? 3 : 15))
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a positive integer")
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const roots = argv.flatMap((arg, i) => (arg === "--root" && argv[i + 1] !== undefined ? [argv[i + 1]!] : []))
if (roots.length === 0) roots.push(here(".."))
const log = (line: string) => process.stderr.write(`${line}\n`)

const dist = (root: string, pkg: string, file: string) => pathToFileURL(join(root, "packages", pkg, "dist", file)).href
/** A dependency's ESM file as the SDK resolves it (pnpm links each package's own copy; realpath it). */
const dependency = (root: string, pkg: string, name: string, file: string) =>
  pathToFileURL(join(realpathSync(join(root, "packages", pkg, "node_modules", name)), file)).href
const effect = (root: string, module: string) => dependency(root, "core", "effect", `dist/esm/${module}.js`)
const baseline = (root: string) => ["Effect", "Schema", "Stream", "Layer"].map((module) => effect(root, module))
const tag = (root: string, name: string) => (roots.length === 1 ? name : `${name} [${root}]`)

const entries = (root: string): ReadonlyArray<readonly [string, string | null]> => [
  [tag(root, "(baseline only)"), null],
  [tag(root, "@effect-ably/core"), dist(root, "core", "index.js")],
  [tag(root, "@effect-ably/core/AblyOptions"), dist(root, "core", "AblyOptions.js")],
  [tag(root, "@effect-ably/core/Message"), dist(root, "core", "Message.js")],
  [tag(root, "@effect-ably/core/Rest"), dist(root, "core", "Rest.js")],
  [tag(root, "@effect-ably/node"), dist(root, "node", "index.js")],
  [tag(root, "@effect-ably/browser"), dist(root, "browser", "index.js")]
]

interface Outcome {
  readonly entryMs?: number
  readonly entryCpuMs?: number
  readonly startToPublishMs?: number
  readonly cpuMs?: number
  readonly cjs?: number
}

const collect = (child: ChildProcess) =>
  new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    let stdout = ""
    let stderr = ""
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.on("error", reject)
    child.on("close", (code) => resolve({ stdout, stderr, code }))
  })

const probe = async (root: string, job: object, options: { readonly hooks?: string } = {}): Promise<Outcome> => {
  const args = options.hooks === undefined
    ? [here("startup/probe.mjs"), JSON.stringify(job)]
    : ["--import", here("startup/count.mjs"), here("startup/probe.mjs"), JSON.stringify(job)]
  const env = options.hooks === undefined
    ? process.env
    : { ...process.env, STARTUP_COUNT: "1", STARTUP_COUNT_FILE: options.hooks }
  const { code, stderr, stdout } = await collect(spawn(process.execPath, args, { cwd: root, env }))
  if (code !== 0) throw new Error(`probe ${JSON.stringify(job)} failed (${code}):\n${stderr}`)
  return JSON.parse(stdout.trim().split("\n").pop() ?? "") as Outcome
}

const importJob = (root: string, entry: string | null) => ({ mode: "import", baseline: baseline(root), entry })

/** ES modules (count hooks) and CommonJS modules (`require.cache`) an entry loads. */
const countModules = async (root: string, entry: string | null) => {
  const dir = await mkdtemp(join(tmpdir(), "startup-count-"))
  try {
    const file = join(dir, "loaded.txt")
    const outcome = await probe(root, importJob(root, entry), { hooks: file })
    const esm = new Set((await readFile(file, "utf8")).split("\n").filter((line) => line !== ""))
    return { esm, cjs: outcome.cjs ?? 0 }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const startServer = () =>
  new Promise<{ port: number; child: ChildProcess }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", here("server/main.ts"), "--list-pages", "3"], {
      cwd: here(".."),
      stdio: ["ignore", "pipe", "inherit"]
    })
    child.on("error", reject)
    child.on("exit", (code) => reject(new Error(`bench server exited (${code})`)))
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString())
      if (match !== null) resolve({ port: Number(match[1]), child })
    })
  })

const stats = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! }
}
const ms = (n: number) => n.toFixed(1)
const cell = (values: ReadonlyArray<number>) => {
  const { max, median, min } = stats(values)
  return `${ms(median)} (${ms(min)}–${ms(max)})`
}

interface Job {
  readonly root: string
  readonly name: string
  readonly job: object
}

const publishJobs = (root: string, port: number): ReadonlyArray<Job> => {
  const urls = {
    core: dist(root, "core", "index.js"),
    node: dist(root, "node", "index.js"),
    effect: effect(root, "Effect"),
    runtime: effect(root, "ManagedRuntime"),
    undici: dependency(root, "node", "undici", "index.js")
  }
  return [
    { root, name: tag(root, "raw undici (json)"), job: { mode: "publish-raw", urls, port } },
    { root, name: tag(root, "@effect-ably/node (json)"), job: { mode: "publish", urls, port, format: "json" } },
    {
      root,
      name: tag(root, "@effect-ably/node (msgpack, the default)"),
      job: { mode: "publish", urls, port, format: "msgpack" }
    }
  ]
}

const main = async () => {
  const server = await startServer()
  try {
    const imports: ReadonlyArray<Job> = roots.flatMap((root) =>
      entries(root).map(([name, url]) => ({ root, name, job: importJob(root, url) }))
    )
    const publishes = roots.flatMap((root) => publishJobs(root, server.port))
    const all = [...imports, ...publishes]
    const wall = new Map<string, Array<number>>()
    const cpu = new Map<string, Array<number>>()
    const push = (map: Map<string, Array<number>>, key: string, n: number) => map.set(key, [...(map.get(key) ?? []), n])
    // One warm-up pass (file cache), then `runs` rounds, the order rotated each round.
    for (const { job, root } of all) await probe(root, job)
    for (let round = 0; round < runs; round++) {
      log(`round ${round + 1}/${runs}`)
      for (let i = 0; i < all.length; i++) {
        const { job, name, root } = all[(i + round) % all.length]!
        const outcome = await probe(root, job)
        push(wall, name, outcome.entryMs ?? outcome.startToPublishMs ?? NaN)
        push(cpu, name, outcome.entryCpuMs ?? outcome.cpuMs ?? NaN)
      }
    }
    const lines = [
      `Node ${process.version}, ${runs} interleaved runs, ${new Date().toISOString().slice(0, 16)}Z.`,
      "",
      "| import (after effect/Effect, Schema, Stream, Layer) | wall ms, median (min–max) | CPU ms | ES modules added | CJS modules added |",
      "|---|---|---|---|---|"
    ]
    for (const root of roots) {
      const base = await countModules(root, null)
      for (const [name, url] of entries(root)) {
        const counted = url === null ? base : await countModules(root, url)
        const added = url === null
          ? `${base.esm.size} (total)`
          : String([...counted.esm].filter((u) => !base.esm.has(u)).length)
        lines.push(
          `| ${name} | ${cell(wall.get(name)!)} | ${cell(cpu.get(name)!)} | ${added} | ${counted.cjs - base.cjs} |`
        )
      }
    }
    lines.push(
      "",
      "| first publish, fresh process | ms from process start, median (min–max) | process CPU ms |",
      "|---|---|---|"
    )
    for (const { name } of publishes) lines.push(`| ${name} | ${cell(wall.get(name)!)} | ${cell(cpu.get(name)!)} |`)
    process.stdout.write(`${lines.join("\n")}\n`)
  } finally {
    server.child.removeAllListeners("exit")
    server.child.kill()
  }
}

await main()
