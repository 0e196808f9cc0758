/**
 * The `effect-ably` bin as a user runs it: a child process (the source entry through tsx, with
 * the root tsconfig's paths to the workspace sources), its exit code, stdout and stderr, and its
 * peak resident memory (VmHWM, sampled from /proc while it runs, on Linux).
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../../..", import.meta.url))
const bin = fileURLToPath(new URL("../../src/bin.ts", import.meta.url))

export interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  /** stdout lines counted as they came (also when `keepStdout` is false). */
  readonly lines: number
  /** The highest VmHWM seen, in kB (0 where /proc is not there). */
  readonly peakKb: number
  /** User + system CPU time of the child, in ms, as last sampled (0 where /proc is not there). */
  readonly cpuMs: number
}

const hwm = (pid: number | undefined): number => {
  if (pid === undefined) return 0
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
    return match === null ? 0 : Number(match[1])
  } catch {
    return 0
  }
}

// utime + stime (fields 14 and 15 of /proc/<pid>/stat), in clock ticks (100 a second on Linux).
const cpu = (pid: number | undefined): number => {
  if (pid === undefined) return 0
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return 0
  }
}

export const start = (
  args: ReadonlyArray<string>,
  options: { readonly keepStdout?: boolean; readonly nodeOptions?: ReadonlyArray<string> } = {}
): {
  readonly child: ChildProcessWithoutNullStreams
  readonly finished: Promise<Finished>
  readonly firstOutput: Promise<string>
} => {
  const env: Record<string, string | undefined> = { ...process.env }
  delete env["ABLY_API_KEY"]
  delete env["ABLY_ENDPOINT"]
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), "--import", "tsx", bin, ...args], {
    cwd: root,
    env,
    stdio: "pipe"
  })
  const keep = options.keepStdout ?? true
  let stdout = ""
  let stderr = ""
  let lines = 0
  let peakKb = 0
  let cpuMs = 0
  const sample = () => {
    peakKb = Math.max(peakKb, hwm(child.pid))
    cpuMs = Math.max(cpuMs, cpu(child.pid))
  }
  const sampler = setInterval(sample, 25)
  let resolveFirst: (text: string) => void = () => undefined
  const firstOutput = new Promise<string>((resolve) => (resolveFirst = resolve))
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    sample()
    for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) lines++
    if (keep) stdout += chunk
    else stdout = (stdout + chunk).slice(-4096)
    resolveFirst(chunk)
  })
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  child.stdin.end()
  const finished = new Promise<Finished>((resolve) =>
    child.once("close", (code, signal) => {
      clearInterval(sampler)
      resolveFirst("")
      resolve({ code, signal, stdout, stderr, lines, peakKb, cpuMs })
    })
  )
  return { child, finished, firstOutput }
}

export const run = (args: ReadonlyArray<string>) => start(args).finished
