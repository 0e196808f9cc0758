/**
 * Runs `count` operations with at most `concurrency` in flight and times each one.
 */
import { performance } from "node:perf_hooks"
import { summarize, type Summary } from "./stats.js"

export const timeOps = async (
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>
): Promise<Summary> => {
  const latencies = new Array<number>(count).fill(0)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      const start = performance.now()
      await op(i)
      latencies[i] = performance.now() - start
    }
  }
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  const elapsedMs = performance.now() - start
  const cpu = process.cpuUsage(cpuBefore)
  return summarize(latencies, elapsedMs, cpu.user + cpu.system)
}

/** Runs `count` operations untimed, to warm the JIT, the connection pool and caches. */
export const warmUp = async (
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>
): Promise<void> => {
  await timeOps(count, concurrency, op)
}
