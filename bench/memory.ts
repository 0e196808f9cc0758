/**
 * Heap and RSS around an async task: baseline after a full GC, peaks sampled every 5 ms, and
 * what is still retained after another full GC. Uses `global.gc` when Node runs with
 * `--expose-gc`, and otherwise turns the flag on at run time.
 */
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"

const gc = ((): () => void => {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed !== undefined) return exposed
  setFlagsFromString("--expose_gc")
  return runInNewContext("gc") as () => void
})()

export interface MemoryUse {
  /** Heap used after a GC, before the task. */
  readonly heapBaseMB: number
  /** Highest sampled heap used, minus the baseline: the task's transient garbage and live data. */
  readonly heapPeakDeltaMB: number
  /** Heap used after the task and a GC, minus the baseline. */
  readonly heapRetainedDeltaMB: number
  /** Highest sampled RSS of the whole process (client and emulator). */
  readonly rssPeakMB: number
}

const mb = (bytes: number) => bytes / (1024 * 1024)

export const measureMemory = async <A>(
  task: () => Promise<A>
): Promise<{ readonly result: A; readonly memory: MemoryUse }> => {
  gc()
  const before = process.memoryUsage()
  let heapPeak = before.heapUsed
  let rssPeak = before.rss
  const sample = () => {
    const now = process.memoryUsage()
    heapPeak = Math.max(heapPeak, now.heapUsed)
    rssPeak = Math.max(rssPeak, now.rss)
  }
  const timer = setInterval(sample, 5)
  let result: A
  try {
    result = await task()
  } finally {
    clearInterval(timer)
  }
  sample()
  gc()
  const after = process.memoryUsage()
  return {
    result,
    memory: {
      heapBaseMB: mb(before.heapUsed),
      heapPeakDeltaMB: mb(heapPeak - before.heapUsed),
      heapRetainedDeltaMB: mb(after.heapUsed - before.heapUsed),
      rssPeakMB: mb(rssPeak)
    }
  }
}
