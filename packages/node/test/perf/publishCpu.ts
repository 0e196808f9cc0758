/**
 * Client CPU per publish against a tiny Ably-shaped server in another process.
 *
 *   node --import tsx packages/node/test/perf/publishCpu.ts <raw|effect> <concurrency> <ops>
 *
 * Prints one JSON line: client CPU µs/op (process.cpuUsage, user + system) and ops/s. For
 * instructions per op, run it under `valgrind --tool=callgrind` with two op counts and divide
 * the difference (the server child is not traced).
 */
import { Rest } from "@effect-ably/core"
import { Codec } from "@effect-ably/core/wire"
import { NodeRest } from "@effect-ably/node"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { spawn } from "node:child_process"
import { Agent } from "undici"

const serverCode = `
const http = require("node:http")
const body = Buffer.from(JSON.stringify({ channel: "bench", messageId: "abc:0" }))
const server = http.createServer({ keepAliveTimeout: 60000 }, (req, res) => {
  req.on("data", () => {})
  req.on("end", () => {
    res.writeHead(201, { "content-type": "application/json", "content-length": body.length })
    res.end(body)
  })
})
server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"))
`

const startServer = () =>
  new Promise<{ port: number; stop: () => void }>((resolve) => {
    const child = spawn(process.execPath, ["-e", serverCode], { stdio: ["ignore", "pipe", "inherit"] })
    child.stdout.once("data", (chunk: Buffer) =>
      resolve({ port: Number(chunk.toString().trim()), stop: () => child.kill() }))
  })

const [kind = "effect", concurrencyText = "16", opsText = "20000"] = process.argv.slice(2)
const concurrency = Number(concurrencyText)
const ops = Number(opsText)
const warmup = Math.min(2_000, ops)

type Runner = { readonly run: (n: number) => Promise<void>; readonly close: () => Promise<void> }

const rawRunner = (port: number): Runner => {
  const agent = new Agent()
  const origin = `http://127.0.0.1:${port}`
  const headers = {
    authorization: `Basic ${Buffer.from("app.key:secret").toString("base64")}`,
    accept: "application/x-msgpack",
    "content-type": "application/x-msgpack",
    "x-ably-version": "6"
  }
  const one = async () => {
    const response = await agent.request({
      origin,
      path: "/channels/bench/messages",
      method: "POST",
      headers,
      body: Either.getOrThrow(Codec.encode("msgpack", [{ name: "greeting", data: "hello" }]))
    })
    await response.body.arrayBuffer()
  }
  const run = async (n: number) => {
    let left = n
    const worker = async () => {
      while (left-- > 0) await one()
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
  }
  return { run, close: () => agent.close() }
}

const effectRunner = (port: number): Runner => {
  const runtime = ManagedRuntime.make(
    NodeRest.layer({ key: "app.key:secret", endpoint: "127.0.0.1", port, tls: false })
  )
  const publish = Effect.flatMap(Rest.Rest, (rest) => rest.channels.get("bench").publish("greeting", "hello"))
  const run = (n: number) =>
    runtime.runPromise(Effect.asVoid(Effect.forEach(Array.from({ length: n }), () => publish, { concurrency })))
  return { run, close: () => runtime.dispose() }
}

const main = async () => {
  const server = await startServer()
  const runner = kind === "raw" ? rawRunner(server.port) : effectRunner(server.port)
  await runner.run(warmup)
  const cpu = process.cpuUsage()
  const started = performance.now()
  await runner.run(ops)
  const elapsed = performance.now() - started
  const used = process.cpuUsage(cpu)
  await runner.close()
  server.stop()
  process.stdout.write(
    JSON.stringify({
      kind,
      concurrency,
      ops,
      cpuMicrosPerOp: Math.round((used.user + used.system) / ops),
      opsPerSecond: Math.round(ops / (elapsed / 1000))
    }) + "\n"
  )
}

void main()
