/**
 * Latency samples to a summary: throughput, p50/p99 and CPU time per operation.
 */
export interface Summary {
  readonly ops: number
  readonly elapsedMs: number
  readonly opsPerSec: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** Process CPU (user + system) per operation: client and in-process emulator together. */
  readonly cpuUsPerOp: number
}

/** Nearest-rank percentile of ascending `sorted` (`p` in 0–1). */
export const percentile = (sorted: ReadonlyArray<number>, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN

export const summarize = (latenciesMs: ReadonlyArray<number>, elapsedMs: number, cpuMicros: number): Summary => {
  const sorted = [...latenciesMs].sort((a, b) => a - b)
  return {
    ops: sorted.length,
    elapsedMs,
    opsPerSec: (sorted.length * 1000) / elapsedMs,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    cpuUsPerOp: cpuMicros / sorted.length
  }
}
