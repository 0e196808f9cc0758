/**
 * One smoke suite (Deno, Bun or workerd): starts the loopback emulator, bundles the runtime's entry,
 * lets `execute` run it against the emulator, then asserts each smoke check, the runtime's exit,
 * and what the emulator stored. A missing binary skips the suite outside CI and fails it in CI.
 */
import { describe, expect, it } from "@effect/vitest"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { smoke, type Target } from "../scenario/Scenario.js"
import * as Binaries from "./Binaries.js"
import { bundle } from "./Bundle.js"
import * as Loopback from "./Loopback.js"
import * as Process from "./Process.js"
import * as Report from "./Report.js"
import { parse } from "./Smoke.js"

export interface Execution {
  /** What the runtime printed (or answered), with the `SMOKE` line. */
  readonly output: string
  /** Whether the runtime said it succeeded (exit code 0, or HTTP 200 for workerd). */
  readonly succeeded: boolean
}

export type Execute = (binary: string, bundlePath: string, target: Target, dir: string) => Promise<Execution>

export const smokeSuite = (runtime: Binaries.Runtime, entry: string, execute: Execute): void => {
  const binary = Binaries.locate(runtime)
  describe(`${runtime} smoke suite`, () => {
    it.skipIf(!("path" in binary) && !Report.required)(
      "publish, history Stream, token auth via authCallback, cipher round trip",
      { timeout: 120_000 },
      async () => {
        if (!("path" in binary)) return expect.fail(binary.missing)
        const started = performance.now()
        const loopback = await Loopback.start()
        const dir = mkdtempSync(join(tmpdir(), `effect-ably-${runtime}-`))
        try {
          const bundled = await bundle(entry)
          const bundlePath = join(dir, "smoke.js")
          writeFileSync(bundlePath, bundled.text)
          const execution = await execute(binary.path, bundlePath, loopback.target, dir)
          const outcome = parse(execution.output)
          // `deno 2.9.6 (stable, …)`, `1.4.5`, `workerd 2026-11-17`: the binary's own word.
          const version = (await Process.run(binary.path, ["--version"], 10_000)).stdout.split("\n")[0] ?? ""
          Report.write({
            suite: runtime,
            runtime: outcome?.runtime ?? runtime,
            binary: version.trim(),
            ok: outcome?.ok === true && execution.succeeded,
            ms: Math.round(performance.now() - started),
            results: outcome?.results ?? []
          })
          console.log(`${outcome?.runtime ?? runtime}: bundle ${bundled.bytes} bytes`)
          expect(outcome?.results, execution.output).toEqual(
            smoke.map((name) => ({ name, ok: true, detail: expect.any(String) }))
          )
          expect(execution.succeeded, execution.output).toBe(true)
          const encodings = await loopback.encodings("encrypted")
          expect(encodings.length).toBe(2)
          for (const encoding of encodings) expect(encoding).toContain("cipher+aes-128-cbc")
          const requests = await loopback.requests()
          expect(requests.some((request) => request.path.endsWith("/requestToken"))).toBe(true)
        } finally {
          await loopback.close()
          rmSync(dir, { recursive: true, force: true })
        }
      }
    )
  })
}
