/* global process */
// One fresh process of the startup bench (plain node: no tsx, built dist only). argv[2] is JSON:
//   { mode: "import", baseline: [url…], entry: url | null }
//     imports the baseline set, then the entry; prints the entry's marginal wall and CPU ms.
//   { mode: "publish", urls: { core, effect, runtime, node }, port, format }
//     imports @effect-ably/node, builds NodeRest.layer against the bench server, publishes one
//     message and prints the ms from the process's time origin (performance.now()) to done.
//   { mode: "publish-raw", urls: { undici }, port }
//     the same publish by hand with undici's `request`: the floor of a Node process.
// With STARTUP_COUNT=1 it also prints how many CommonJS modules are loaded (ESM modules are
// counted by count-hooks.mjs in a separate run: hooks slow the loader, so never in timed runs).
import { createRequire } from "node:module"
import { performance } from "node:perf_hooks"

const job = JSON.parse(process.argv[2])
const cpuMs = (start) => {
  const { system, user } = process.cpuUsage(start)
  return (user + system) / 1000
}
const body = JSON.stringify([{ name: "bench", data: "startup" }])
const out = (result) => {
  const cjs = process.env.STARTUP_COUNT === "1" ? Object.keys(createRequire(import.meta.url).cache).length : undefined
  // Exit at once: a keep-alive socket would otherwise hold the process open for seconds.
  process.stdout.write(`${JSON.stringify({ ...result, cjs })}\n`, () => process.exit(0))
}

if (job.mode === "import") {
  const t0 = performance.now()
  for (const url of job.baseline) await import(url)
  const t1 = performance.now()
  const cpu = process.cpuUsage()
  if (job.entry !== null) await import(job.entry)
  const t2 = performance.now()
  out({ baselineMs: t1 - t0, entryMs: t2 - t1, entryCpuMs: cpuMs(cpu) })
} else if (job.mode === "publish") {
  const [{ Rest }, Effect, ManagedRuntime, { NodeRest }] = await Promise.all(
    [job.urls.core, job.urls.effect, job.urls.runtime, job.urls.node].map((url) => import(url))
  )
  const runtime = ManagedRuntime.make(NodeRest.layer({
    key: "benchapp.benchkey:benchsecret",
    endpoint: "127.0.0.1",
    port: job.port,
    tls: false,
    useBinaryProtocol: job.format === "msgpack"
  }))
  await runtime.runPromise(
    Effect.flatMap(Rest.Rest, (rest) => rest.channels.get("bench-publish").publish("bench", "startup"))
  )
  const done = performance.now()
  const cpu = cpuMs()
  await runtime.dispose()
  out({ startToPublishMs: done, cpuMs: cpu })
} else if (job.mode === "publish-raw") {
  const { request } = await import(job.urls.undici)
  const response = await request(`http://127.0.0.1:${job.port}/channels/bench-publish/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Basic x" },
    body
  })
  if (response.statusCode !== 201) throw new Error(`publish answered ${response.statusCode}`)
  await response.body.json()
  out({ startToPublishMs: performance.now(), cpuMs: cpuMs() })
} else {
  throw new Error(`unknown mode ${job.mode}`)
}
