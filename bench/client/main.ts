/**
 * A client process: builds one client, warms it up, runs one measured scenario and prints an
 * `Outcome` as one JSON line. Started by `bench/run.ts` (`node --expose-gc --import tsx`, or
 * under valgrind from an esbuild bundle of this file, so no transpiling is counted).
 */
import { request as httpGet } from "node:http"
import { performance } from "node:perf_hooks"
import type { BenchClient, Target } from "./Client.js"
import * as AblyJs from "./clients/ablyjs.js"
import * as EffectAbly from "./clients/effect.js"
import * as Floor from "./clients/floor.js"
import * as Raw from "./clients/raw.js"
import type { Job, Outcome } from "./Job.js"

const job = JSON.parse(process.argv[2] ?? "{}") as Job
const target: Target = {
  origin: `http://127.0.0.1:${job.port}`,
  host: "127.0.0.1",
  port: job.port,
  format: job.format
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {
  throw new Error("run with --expose-gc")
})

const mark = () =>
  new Promise<{ requests: number; cpuUs: number }>((resolve, reject) => {
    httpGet(`${target.origin}/_bench/mark`, { agent: false }, (res) => {
      let text = ""
      res.setEncoding("utf8")
      res.on("data", (chunk: string) => (text += chunk))
      res.on("end", () => resolve(JSON.parse(text) as { requests: number; cpuUs: number }))
    }).on("error", reject).end()
  })

const concurrently = async (count: number, concurrency: number, op: (i: number) => Promise<void>) => {
  let next = 0
  const worker = async () => {
    while (next < count) await op(next++)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
}

const makeClient = (): Promise<BenchClient> | BenchClient => {
  switch (job.client) {
    case "raw-undici":
      return Raw.make(target)
    case "floor":
      return Floor.make(target)
    case "ably-js":
      return AblyJs.make(target)
    case "effect-ably":
      return EffectAbly.make(target)
    case "effect-ably+spans":
      return EffectAbly.make(target, true)
    case "effect-ably@base":
      // The same code: this process resolves its packages from the `--against` checkout (against.mjs).
      return EffectAbly.make(target)
  }
}

/** Counts items, and at each tenth of `expected` takes a full GC and the heap (time and CPU set aside). */
const counter = (expected: number, sampleHeap: boolean) => {
  const heapMB: Array<number> = []
  let seen = 0
  let nextSample = expected / 10
  let gcCpuUs = 0
  let gcWallMs = 0
  const onItems = (n: number) => {
    seen += n
    while (sampleHeap && seen >= nextSample && heapMB.length < 10) {
      const cpu = process.cpuUsage()
      const start = performance.now()
      gc()
      heapMB.push(process.memoryUsage().heapUsed / 1048576)
      gcWallMs += performance.now() - start
      const spent = process.cpuUsage(cpu)
      gcCpuUs += spent.user + spent.system
      nextSample += expected / 10
    }
  }
  const check = (what: string) => {
    if (seen !== expected) throw new Error(`${job.client} ${job.format} ${what}: read ${seen} of ${expected}`)
  }
  return { onItems, check, heapMB, seen: () => seen, gcCpuUs: () => gcCpuUs, gcWallMs: () => gcWallMs }
}

const scenario = (client: BenchClient) => {
  const reads = async (channel: string, limit: number, pages: number, times: number, heap: boolean) => {
    const c = counter(pages * limit * times, heap)
    for (let i = 0; i < times; i++) await client.history(channel, limit, c.onItems)
    c.check(channel)
    return c
  }
  const list = async (prefix: string | undefined, pages: number, heap: boolean) => {
    const c = counter(pages * 1000, heap)
    await client.list(prefix, c.onItems)
    c.check("list")
    return c
  }
  const ops = (concurrency: number, op: (i: number) => Promise<void>) => ({
    warm: () => concurrently(job.warmup, concurrency, op),
    run: async () => {
      await concurrently(job.size, concurrency, op)
      return { seen: () => job.size, heapMB: [], gcCpuUs: () => 0, gcWallMs: () => 0 }
    }
  })
  switch (job.scenario) {
    case "publish-c1":
      return ops(1, client.publish)
    case "publish-c16":
      return ops(16, client.publish)
    case "time":
      return ops(1, client.time)
    case "history-100":
      return {
        warm: () => reads("pages-100", 100, 100, job.warmup, false),
        run: () => reads("pages-100", 100, 100, job.size, false)
      }
    case "stream-1m":
      return {
        warm: () => reads("pages-5", 1000, 5, job.warmup, false),
        run: () => reads(`pages-${job.size}`, 1000, job.size, 1, true)
      }
    case "list-1m":
      // `pages-N`: the server stops after N pages (of its `--list-pages`), so any size can run.
      return { warm: () => list("warm", 3, false), run: () => list(`pages-${job.size}`, job.size, true) }
  }
}

const main = async () => {
  const client = await makeClient()
  const { run, warm } = scenario(client)
  await warm()
  const before = await mark()
  gc()
  const cpu = process.cpuUsage()
  const start = performance.now()
  const done = await run()
  const wallMs = performance.now() - start
  const spent = process.cpuUsage(cpu)
  const after = await mark()
  const outcome: Outcome = {
    units: done.seen(),
    wallMs: wallMs - done.gcWallMs(),
    cpuUs: spent.user + spent.system - done.gcCpuUs(),
    heapMB: done.heapMB,
    serverRequests: after.requests - before.requests - 1,
    serverCpuUs: after.cpuUs - before.cpuUs
  }
  await client.close()
  process.stdout.write(`${JSON.stringify(outcome)}\n`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
