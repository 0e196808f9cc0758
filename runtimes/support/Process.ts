/**
 * Child processes for the runtime suites: run one to its end (asynchronously, so the in-process
 * emulator keeps answering), or keep one running until it is stopped. Output is kept in memory.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { createServer } from "node:net"

export interface Finished {
  readonly code: number | null
  readonly signal: string | null
  readonly stdout: string
  readonly stderr: string
}

const collect = (child: ChildProcess) => {
  const out = { stdout: "", stderr: "" }
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (out.stdout += chunk))
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (out.stderr += chunk))
  return out
}

const env = { ...process.env, NO_COLOR: "1" }

/** Runs `command` to its end; killed (SIGKILL) after `timeoutMs`. */
export const run = (command: string, args: ReadonlyArray<string>, timeoutMs: number): Promise<Finished> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env })
    const out = collect(child)
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
    child.on("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, ...out })
    })
  })

export interface Running {
  readonly output: () => string
  readonly exited: () => boolean
  readonly stop: () => Promise<void>
}

/** Starts `command` and leaves it running; `stop` sends SIGTERM, then SIGKILL after 2 s. */
export const start = (command: string, args: ReadonlyArray<string>): Running => {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env })
  const out = collect(child)
  let closed = false
  const done = new Promise<void>((resolve) =>
    child.on("close", () => {
      closed = true
      resolve()
    })
  )
  return {
    output: () => `${out.stdout}${out.stderr}`,
    exited: () => closed,
    stop: async () => {
      if (closed) return
      child.kill("SIGTERM")
      const timer = setTimeout(() => child.kill("SIGKILL"), 2_000)
      await done
      clearTimeout(timer)
    }
  }
}

/** A port of 127.0.0.1 that was free a moment ago (for servers that take a port, not a socket). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => (port === 0 ? reject(new Error("no port")) : resolve(port)))
    })
  })
