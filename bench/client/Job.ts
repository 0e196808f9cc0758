/**
 * One client process's job, passed from `bench/run.ts` as JSON in `argv[2]`, and what it
 * prints back (one JSON line on stdout).
 */
import type { ClientName, Format } from "./Client.js"

export type Scenario = "publish-c1" | "publish-c16" | "history-100" | "stream-1m" | "list-1m" | "time"

export interface Job {
  readonly client: ClientName
  readonly format: Format
  readonly scenario: Scenario
  readonly port: number
  /** Measured size: ops (publish, time), full reads of 100 pages (history-100), pages (stream, list). */
  readonly size: number
  readonly warmup: number
}

export interface Outcome {
  /** Units done in the measured loop: ops, or messages / names for the paged scenarios. */
  readonly units: number
  readonly wallMs: number
  /** `process.cpuUsage()` (user + system) around the measured loop, forced GCs excluded. */
  readonly cpuUs: number
  /** Heap used after a full GC at 10%, 20%, … 100% of the stream (stream and list only). */
  readonly heapMB: ReadonlyArray<number>
  /** The server's requests and own CPU during the measured loop. */
  readonly serverRequests: number
  readonly serverCpuUs: number
}
