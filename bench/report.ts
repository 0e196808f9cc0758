/**
 * The results as compact tables for stdout, and as JSON for `bench/results/latest.json`.
 * Ratios are throughput ratios of effect-ably to a baseline in the same scenario (raw undici:
 * its JSON run; ably-js: the same format): above 1 is faster, below 1 slower.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { dirname } from "node:path"
import type { Result } from "./scenarios.js"
import type { Settings } from "./settings.js"

export interface Ratios {
  readonly vsRaw: number | undefined
  readonly vsAblyJs: number | undefined
}

const find = (results: ReadonlyArray<Result>, of: Result, client: Result["client"], format: Result["format"]) =>
  results.find((r) => r.scenario === of.scenario && r.client === client && r.format === format)

/** CPU per op above raw undici's in the same scenario: an estimate of the client's own cost. */
export const cpuOverRaw = (results: ReadonlyArray<Result>, of: Result): number | undefined => {
  const raw = find(results, of, "raw undici", "json")
  return raw === undefined || of.client === "raw undici" ? undefined : of.summary.cpuUsPerOp - raw.summary.cpuUsPerOp
}

export const ratios = (results: ReadonlyArray<Result>, of: Result): Ratios => {
  if (of.client !== "effect-ably") return { vsRaw: undefined, vsAblyJs: undefined }
  const ratio = (
    base: Result | undefined
  ) => (base === undefined ? undefined : of.summary.opsPerSec / base.summary.opsPerSec)
  return {
    vsRaw: ratio(find(results, of, "raw undici", "json")),
    vsAblyJs: ratio(find(results, of, "ably-js", of.format))
  }
}

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)))
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n")
}

const fixed = (digits: number) => (n: number | undefined) => (n === undefined ? "" : n.toFixed(digits))
const signed = (n: number | undefined) => (n === undefined ? "" : `${n >= 0 ? "+" : ""}${n.toFixed(0)}`)
const times = (n: number | undefined) => (n === undefined ? "" : `${n.toFixed(2)}x`)

export const render = (results: ReadonlyArray<Result>, settings: Settings): string => {
  const speed = table(
    ["scenario", "client", "fmt", "ops/s", "p50 ms", "p99 ms", "cpu us/op", "- raw", "vs raw", "vs ably-js"],
    results.map((r) => {
      const { vsAblyJs, vsRaw } = ratios(results, r)
      const s = r.summary
      return [
        r.scenario,
        r.client,
        r.format,
        fixed(0)(s.opsPerSec),
        fixed(3)(s.p50Ms),
        fixed(3)(s.p99Ms),
        fixed(0)(s.cpuUsPerOp),
        signed(cpuOverRaw(results, r)),
        times(vsRaw),
        times(vsAblyJs)
      ]
    })
  )
  const memory = table(
    ["history memory", "client", "fmt", "heap base MB", "heap peak +MB", "heap kept +MB", "RSS peak MB"],
    results.flatMap((r) =>
      r.memory === undefined
        ? []
        : [[
          r.scenario,
          r.client,
          r.format,
          fixed(1)(r.memory.heapBaseMB),
          fixed(1)(r.memory.heapPeakDeltaMB),
          fixed(2)(r.memory.heapRetainedDeltaMB),
          fixed(0)(r.memory.rssPeakMB)
        ]]
    )
  )
  const sizes =
    `${settings.quick ? "quick" : "full"} run: ${settings.publishes} publishes (seq and c${settings.concurrency}), ` +
    `history ${settings.historyRounds} x ${settings.historyMessages} msgs (limit ${settings.historyLimit}), ${settings.timeCalls} time calls; ` +
    "history op = one full read; cpu = whole process (client + in-process emulator), - raw = that minus raw undici's; " +
    "vs = effect-ably ops/s over the baseline's (raw: json, ably-js: same format)"
  return [sizes, "", speed, "", memory].join("\n")
}

export const writeJson = async (path: string, results: ReadonlyArray<Result>, settings: Settings): Promise<void> => {
  const document = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    settings,
    results: results.map((r) => ({
      ...r,
      cpuUsPerOpOverRaw: cpuOverRaw(results, r),
      ...(r.client === "effect-ably" ? { ratios: ratios(results, r) } : {})
    }))
  }
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`)
}
