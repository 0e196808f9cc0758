/**
 * workerd (Cloudflare's Workers runtime): the smoke scenario bundled from `@effect-ably/browser` as
 * a Worker module, served by `workerd serve` with a minimal config whose `internet` service may
 * reach loopback addresses only. The runner POSTs the target to the Worker, which runs the checks
 * through its own `fetch`.
 */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import * as Process from "./support/Process.js"
import { smokeSuite } from "./support/SmokeSuite.js"

const config = (port: number) =>
  `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smoke),
    (name = "internet", network = (allow = ["local"]))
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")]
);

const smoke :Workerd.Worker = (
  modules = [(name = "smoke.js", esModule = embed "smoke.js")],
  compatibilityDate = "2026-11-01"
);
`

const waitUntilListening = async (url: string, server: Process.Running): Promise<void> => {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (server.exited()) throw new Error(`workerd exited:\n${server.output()}`)
    const answered = await fetch(url, { method: "GET" }).then(() => true, () => false)
    if (answered) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`workerd did not listen within 30 s:\n${server.output()}`)
}

smokeSuite("workerd", "scenario/worker.ts", async (binary, _bundlePath, target, dir) => {
  const port = await Process.freePort()
  const configPath = join(dir, "config.capnp")
  writeFileSync(configPath, config(port))
  const server = Process.start(binary, ["serve", configPath])
  try {
    const url = `http://127.0.0.1:${port}/`
    await waitUntilListening(url, server)
    const response = await fetch(url, { method: "POST", body: JSON.stringify(target) })
    const body = await response.text()
    return { output: `${body}\n${server.output()}`, succeeded: response.status === 200 }
  } finally {
    await server.stop()
  }
})
