/**
 * The results as Markdown tables: per scenario and client, throughput and its ratio to raw
 * undici in the same round, client CPU per unit, the server's CPU per request, instructions per
 * unit under valgrind, and for the two 1M scenarios the heap after GC from 10% to 100%.
 */
import type { ClientName, Format } from "./client/Client.js"
import type { Outcome, Scenario } from "./client/Job.js"
import type { Settings } from "./settings.js"

export interface Run {
  readonly client: ClientName
  readonly format: Format
  readonly scenario: Scenario
  readonly round: number
  readonly outcome: Outcome
}

export interface ValgrindRun {
  readonly client: ClientName
  readonly format: Format
  readonly scenario: Scenario
  /** Units measured by the small and the large run (same set-up and warm-up). */
  readonly units: readonly [number, number]
  /** Instructions of the whole process (all threads) for each run. */
  readonly instructions: readonly [number, number]
  /** The same pair measured again when the settings ask for it: the figure's spread. */
  readonly repeat?: readonly [number, number] | undefined
}

/** Instructions per unit: the slope between the two runs, so start-up and warm-up cancel out. */
export const perUnit = (v: ValgrindRun, instructions: readonly [number, number] = v.instructions): number =>
  (instructions[1] - instructions[0]) / (v.units[1] - v.units[0])

const unit: Record<Scenario, string> = {
  "publish-c1": "op",
  "publish-c16": "op",
  "history-100": "msg",
  "stream-1m": "msg",
  "list-1m": "name",
  time: "op"
}

const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const fmt = (n: number) =>
  n >= 100_000 ? `${(n / 1000).toFixed(0)}k` : n >= 1000 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)

/** `median (min–max)`, or the one value of a single round. */
const spread = (xs: ReadonlyArray<number>, show: (n: number) => string = fmt) =>
  xs.length === 0
    ? ""
    : xs.length === 1
    ? show(xs[0]!)
    : `${show(median(xs))} (${show(Math.min(...xs))}–${show(Math.max(...xs))})`

// The spread of repeated pairs, when measured: how far a figure can be trusted.
const repeats = (valgrind: ReadonlyArray<ValgrindRun>) => {
  const spreads = valgrind.flatMap((v) =>
    v.repeat === undefined ? [] : [Math.abs(perUnit(v) - perUnit(v, v.repeat)) / perUnit(v)]
  )
  return spreads.length === 0
    ? ""
    : ` Repeated pairs differ by ${(Math.max(...spreads) * 100).toFixed(1)}% at most (median ${
      (median(spreads) * 100).toFixed(1)
    }%).`
}

const ratio = (n: number) => `${n.toFixed(2)}×`

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>) =>
  [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)]
    .join("\n")

const perSec = (o: Outcome) => (o.units * 1000) / o.wallMs
const cpuPer = (o: Outcome) => o.cpuUs / o.units

export const render = (
  runs: ReadonlyArray<Run>,
  valgrind: ReadonlyArray<ValgrindRun>,
  settings: Settings,
  minutes: number
): string => {
  const scenarios = settings.scenarios.map(([s]) => s)
  const rows: Array<Array<string>> = []
  for (const scenario of scenarios) {
    const raw = runs.filter((r) => r.scenario === scenario && r.client === "raw-undici")
    const rawIn = (round: number) => raw.find((r) => r.round === round)?.outcome
    const rawInstr = valgrind.find((v) => v.scenario === scenario && v.client === "raw-undici")
    for (const variant of settings.variants) {
      const mine = runs.filter((r) =>
        r.scenario === scenario && r.client === variant.client && r.format === variant.format
      )
      if (mine.length === 0) continue
      const vsRaw = (f: (o: Outcome) => number) =>
        mine.flatMap((r) => {
          const base = rawIn(r.round)
          return base === undefined ? [] : [f(r.outcome) / f(base)]
        })
      const instr = valgrind.find((v) =>
        v.scenario === scenario && v.client === variant.client && v.format === variant.format
      )
      const per = (v: ValgrindRun) => perUnit(v)
      rows.push([
        `${scenario} (per ${unit[scenario]})`,
        variant.client,
        variant.format,
        spread(mine.map((r) => perSec(r.outcome))),
        spread(vsRaw(perSec), ratio),
        spread(mine.map((r) => cpuPer(r.outcome))),
        spread(vsRaw(cpuPer), ratio),
        fmt(median(mine.map((r) => r.outcome.serverCpuUs / Math.max(1, r.outcome.serverRequests)))),
        instr === undefined ? "" : `${(per(instr) / 1000).toFixed(instr.scenario === "history-100" ? 1 : 0)}k`,
        instr === undefined || rawInstr === undefined ? "" : ratio(per(instr) / per(rawInstr))
      ])
    }
  }
  const speed = table(
    [
      "scenario",
      "client",
      "fmt",
      "units/s",
      "÷ raw (same round)",
      "client CPU µs/unit",
      "÷ raw CPU",
      "server CPU µs/req",
      "instructions/unit",
      "÷ raw instr"
    ],
    rows
  )
  const heapRows: Array<Array<string>> = []
  for (const scenario of scenarios.filter((s) => s === "stream-1m" || s === "list-1m")) {
    for (const variant of settings.variants) {
      const mine = runs.filter((r) =>
        r.scenario === scenario && r.client === variant.client && r.format === variant.format &&
        r.outcome.heapMB.length > 0
      )
      if (mine.length === 0) continue
      const at = (i: number) => median(mine.map((r) => r.outcome.heapMB[i] ?? Number.NaN))
      const drift = mine.map((r) => Math.max(...r.outcome.heapMB.map((h) => Math.abs(h - r.outcome.heapMB[0]!))))
      const worst = Math.max(...drift)
      heapRows.push([
        scenario,
        variant.client,
        variant.format,
        at(0).toFixed(1),
        at(4).toFixed(1),
        at(9).toFixed(1),
        worst.toFixed(1),
        worst <= 5 ? "yes" : "no"
      ])
    }
  }
  const heap = table(
    [
      "scenario",
      "client",
      "fmt",
      "heap MB at 10%",
      "at 50%",
      "at 100%",
      "max \\|Δ\\| from 10%, MB (worst round)",
      "flat ±5 MB"
    ],
    heapRows
  )
  const sizes = settings.scenarios.map(([s, { size, warmup }]) => `${s} ${size} (warm-up ${warmup})`).join(", ")
  const vg = settings.valgrindScenarios.map(([s, { sizes, warmup }]) =>
    `${s} ${sizes.join(" and ")} (warm-up ${warmup})`
  )
    .join(", ")
  return [
    `${settings.quick ? "Quick" : "Full"} run, ${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, ` +
    `${settings.rounds} round(s), ${minutes.toFixed(1)} min. Sizes: ${sizes} ` +
    "(publish/time: ops; history-100: full reads of 100 pages × 100 msgs; stream/list: pages of 1000).",
    valgrind.length === 0
      ? "No valgrind figures in this run."
      : `Valgrind (cachegrind I refs, slope between two runs: (I(N2) − I(N1)) / (N2 − N1)): ${vg}.${repeats(valgrind)}`,
    ...(settings.against === undefined
      ? []
      : [`effect-ably@base: the same client over ${settings.against}'s packages.`]),
    "",
    speed,
    "",
    heap
  ].join("\n")
}
