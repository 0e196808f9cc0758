/**
 * The bench: raw undici, the Effect + undici floor, ably-js and effect-ably, each in a fresh
 * process per scenario, against the Ably-shaped server (`bench/server/main.ts`, its own process).
 *
 *   tsx bench/run.ts [--quick] [--rounds N] [--no-valgrind] [--valgrind-repeat] [--only <scenario>]...
 *                    [--client <name>]... [--against <checkout>] [--report bench/results/latest.json]
 *
 * Rounds are interleaved (every scenario and client once per round, the client order rotated),
 * then instruction counts under valgrind. Prints the tables (progress on stderr), writes
 * bench/results/latest.json, and after a full run the results section of bench/README.md.
 *
 * `--against <checkout>` (another checkout of this repo, installed) is a same-round A/B: it adds
 * the client `effect-ably@base`, this checkout's effect-ably bench client with every package it
 * imports resolved from `<checkout>` (`client/against.mjs` under tsx, an esbuild plugin for
 * valgrind's bundle; both follow that checkout's tsconfig `paths` to its packages' sources, as
 * `effect-ably` follows this one's), in every round and under valgrind next to `effect-ably`,
 * its ratios to raw undici taken in the same round. Such a run leaves bench/README.md as it is.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { loadEsbuild } from "../scripts/esbuild.js"
import type { Job, Outcome, Scenario } from "./client/Job.js"
import { perUnit, render, type Run, type ValgrindRun } from "./report.js"
import * as Settings from "./settings.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const settings = Settings.fromArgs(process.argv.slice(2))
const log = (line: string) => process.stderr.write(`${line}\n`)
const against = settings.against === undefined ? undefined : resolve(settings.against)
if (against !== undefined && !existsSync(join(against, "bench", "node_modules"))) {
  throw new Error(`--against ${against}: no bench/node_modules there (install that checkout first)`)
}
const isBase = (job: Job) => job.client === "effect-ably@base"

const collect = (child: ChildProcess) =>
  new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    let stdout = ""
    let stderr = ""
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.on("error", reject)
    child.on("close", (code) => resolve({ stdout, stderr, code }))
  })

const startServer = () =>
  new Promise<{ port: number; child: ChildProcess }>((resolve, reject) => {
    const child = spawn(process.execPath, [
      "--import",
      "tsx",
      here("server/main.ts"),
      "--list-pages",
      String(settings.listPages)
    ], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"]
    })
    child.on("error", reject)
    child.on("exit", (code) => reject(new Error(`bench server exited (${code})`)))
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString())
      if (match !== null) resolve({ port: Number(match[1]), child })
    })
  })

const clientArgs = (job: Job) => [
  "--expose-gc",
  "--import",
  "tsx",
  ...(isBase(job) ? ["--import", here("client/against.mjs")] : []),
  here("client/main.ts"),
  JSON.stringify(job)
]

const runClient = async (job: Job): Promise<Outcome> => {
  const env = isBase(job) ? { ...process.env, BENCH_AGAINST: against } : process.env
  // Its tsx reads the tsconfig of the process's folder: the checkout's own `paths` to its packages.
  const cwd = isBase(job) && against !== undefined ? against : root
  const { code, stderr, stdout } = await collect(spawn(process.execPath, clientArgs(job), { cwd, env }))
  if (code !== 0) throw new Error(`${job.client} ${job.format} ${job.scenario} failed (${code}):\n${stderr}`)
  return JSON.parse(stdout.trim().split("\n").pop() ?? "") as Outcome
}

/** The little of esbuild's plugin API that `fromCheckout` uses (esbuild's types are not ours). */
interface PluginBuild {
  readonly onResolve: (
    options: { readonly filter: RegExp },
    callback: (args: { readonly path: string; readonly importer: string; readonly kind: string }) => unknown
  ) => void
  readonly resolve: (
    path: string,
    options: { readonly kind: string; readonly resolveDir: string }
  ) => Promise<{ readonly path: string; readonly errors: ReadonlyArray<unknown> }>
}

/** `--against` in a bundle: packages imported from `bench/` resolve from the same folder of `checkout`. */
const fromCheckout = (checkout: string) => ({
  name: "against",
  setup: (build: PluginBuild) =>
    build.onResolve(
      { filter: /^[^./]/ },
      (args) =>
        args.path.startsWith("node:") || !args.importer.startsWith(here("."))
          ? undefined
          : build.resolve(args.path, {
            kind: args.kind,
            resolveDir: join(checkout, "bench", relative(here("."), dirname(args.importer)))
          }).then(({ errors, path }) => (errors.length > 0 ? { errors } : { path }))
    )
})

/**
 * The client as one ES module (esbuild, which tsx brings), for valgrind: no transpiling or
 * transpile cache in the counts. Built once per run (and once more over the `--against`
 * checkout's packages), in the system's temporary folder (out of the linted tree).
 */
const bundleClient = async (checkout?: string): Promise<string> => {
  const esbuild = loadEsbuild()
  const outfile = join(await mkdtemp(join(tmpdir(), "effect-ably-bench-")), "client.mjs")
  await esbuild.build({
    entryPoints: [here("client/main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    // ably-js and undici are CommonJS: their `require`s of Node's modules need a real one.
    banner: { js: "import { createRequire as __bench } from 'node:module'; const require = __bench(import.meta.url);" },
    plugins: checkout === undefined ? [] : [fromCheckout(checkout)],
    logLevel: "warning"
  })
  return outfile
}

/** Total instructions of a process under valgrind (cachegrind without cache simulation: its `I refs`). */
const instructions = async (bundle: string, job: Job): Promise<number> => {
  const args = [
    "--tool=cachegrind",
    "--cache-sim=no",
    "--cachegrind-out-file=/dev/null",
    process.execPath,
    "--expose-gc",
    bundle,
    JSON.stringify(job)
  ]
  const { code, stderr } = await collect(spawn("valgrind", args, { cwd: root }))
  const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr)?.[1]
  if (code !== 0 || refs === undefined) {
    throw new Error(`valgrind ${job.client} ${job.scenario} failed (${code}):\n${stderr.slice(-2000)}`)
  }
  return Number(refs.replaceAll(",", ""))
}

const hasValgrind = () => collect(spawn("valgrind", ["--version"])).then((r) => r.code === 0, () => false)

// Instructions per unit as a slope: the same job at two sizes after the same warm-up, so
// start-up, module loading, warm-up and JIT tier-up cancel out; only the measured loop's
// difference is left. (Subtracting a run that stops before the loop did not cancel them.)
const countInstructions = async (port: number, into: Array<ValgrindRun>, onDone: () => Promise<void>) => {
  if (!settings.valgrind || !(await hasValgrind())) return log("valgrind: skipped")
  const ours = await bundleClient()
  const base = against === undefined ? ours : await bundleClient(against)
  const bundleFor = (job: Job) => (isBase(job) ? base : ours)
  const jobs = settings.valgrindScenarios.flatMap(([scenario, { sizes, warmup }]) =>
    settings.valgrindVariants.map((variant) => ({ variant, scenario, sizes, warmup }))
  )
  // History reads 100 pages of 100 per unit of size, the list pages of 1000 names.
  const unitsOf = (scenario: Scenario, size: number) =>
    scenario === "history-100" ? size * 10_000 : scenario === "list-1m" ? size * 1000 : size
  for (const { scenario, sizes, variant, warmup } of jobs) {
    const sized = (size: number): Job => ({ ...variant, scenario, port, size, warmup })
    const pair = async (): Promise<readonly [number, number]> => [
      await instructions(bundleFor(sized(sizes[0])), sized(sizes[0])),
      await instructions(bundleFor(sized(sizes[1])), sized(sizes[1]))
    ]
    const counted = await pair()
    const run: ValgrindRun = {
      client: variant.client,
      format: variant.format,
      scenario,
      units: [unitsOf(scenario, sizes[0]), unitsOf(scenario, sizes[1])],
      instructions: counted,
      repeat: settings.valgrindRepeat ? await pair() : undefined
    }
    into.push(run)
    await onDone()
    const again = run.repeat === undefined ? "" : ` (again: ${(perUnit(run, run.repeat) / 1000).toFixed(1)}k)`
    log(
      `valgrind ${scenario} ${variant.client} ${variant.format}: ${
        (perUnit(run) / 1000).toFixed(1)
      }k instr/unit${again}`
    )
  }
}

const rotate = <A>(items: ReadonlyArray<A>, by: number) => items.map((_, i) => items[(i + by) % items.length]!)

interface Saved {
  readonly date: string
  readonly node: string
  /** Missing in files written before this field. */
  readonly minutes?: number | undefined
  readonly settings: Settings.Settings
  readonly runs: ReadonlyArray<Run>
  readonly valgrind: ReadonlyArray<ValgrindRun>
}

/** Every outcome so far, rewritten after each process, so an interrupted run keeps its figures. */
const save = async (saved: Saved) => {
  await mkdir(here("results"), { recursive: true })
  await writeFile(here("results/latest.json"), `${JSON.stringify(saved, null, 2)}\n`)
}

/** Prints the tables and, after a full run, rewrites the results section of bench/README.md. */
const publish = async (saved: Saved) => {
  const table = render(saved.runs, saved.valgrind, saved.settings, saved.minutes ?? Number.NaN)
  process.stdout.write(`${table}\n`)
  // A smoke run, a run of some scenarios or clients only, or an A/B run leaves the README's tables as they are.
  const { against, clients, only, quick } = saved.settings
  if (quick || only !== undefined || clients !== undefined || against !== undefined) return
  const readme = here("README.md")
  const text = await readFile(readme, "utf8")
  const [before, rest] = text.split("<!-- results:start -->")
  const after = rest?.split("<!-- results:end -->")[1]
  if (before === undefined || after === undefined) throw new Error("bench/README.md has no results markers")
  await writeFile(readme, `${before}<!-- results:start -->\n${table}\n<!-- results:end -->${after}`)
  log("wrote bench/README.md")
}

const main = async () => {
  if (settings.report !== undefined) {
    // Re-render a saved run (e.g. `--report bench/results/latest.json`).
    return publish(JSON.parse(await readFile(settings.report, "utf8")) as Saved)
  }
  const started = Date.now()
  const server = await startServer()
  server.child.removeAllListeners("exit")
  const port = server.port
  const runs: Array<Run> = []
  const valgrind: Array<ValgrindRun> = []
  const snapshot = (): Saved => ({
    date: new Date().toISOString(),
    node: process.version,
    minutes: (Date.now() - started) / 60_000,
    settings,
    runs,
    valgrind
  })
  try {
    // Valgrind alongside the rounds, one process at a time: instruction counts do not depend
    // on contention (the rounds' times do, a little more).
    const counting = countInstructions(port, valgrind, () => save(snapshot()))
    for (let round = 0; round < settings.rounds; round++) {
      for (const [scenario, { size, warmup }] of settings.scenarios) {
        for (const variant of rotate(settings.variants, round)) {
          const outcome = await runClient({ ...variant, scenario, port, size, warmup })
          runs.push({ ...variant, scenario, round, outcome })
          await save(snapshot())
          const perSec = (outcome.units * 1000) / outcome.wallMs
          log(
            `round ${round + 1} ${scenario} ${variant.client} ${variant.format}: ${perSec.toFixed(0)}/s, ${
              (outcome.cpuUs / outcome.units).toFixed(2)
            } us cpu/unit`
          )
        }
      }
    }
    await counting
    const saved = snapshot()
    await save(saved)
    await publish(saved)
  } finally {
    server.child.kill("SIGTERM")
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
