/**
 * The real-browser suite: Debian's Chromium, driven by playwright-core, loads a page bundled from
 * `@effect-ably/browser` and core's public modules. The page comes from one origin (a Node server
 * that also answers the `authUrl`), the emulator listens on another, so every Ably request is
 * cross-origin (with CORS preflights). The page runs every scenario check; this test asserts each.
 */
import { describe, expect, it } from "@effect/vitest"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { chromium } from "playwright-core"
import { all } from "./scenario/Scenario.js"
import { bundle } from "./support/Bundle.js"
import * as Loopback from "./support/Loopback.js"
import * as PageServer from "./support/PageServer.js"
import * as Report from "./support/Report.js"
import { parse } from "./support/Smoke.js"

const executablePath = "/usr/bin/chromium"
const flags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
]
const present = existsSync(executablePath)

describe("Chromium (real browser)", () => {
  it.skipIf(!present && !Report.required)("runs every check from another origin than the emulator", {
    timeout: 120_000
  }, async () => {
    expect(present, `${executablePath} is missing (apt-get install -y chromium)`).toBe(true)
    const started = performance.now()
    const loopback = await Loopback.start()
    const page = await bundle("scenario/page.ts")
    const server = await PageServer.start(loopback.target, page.text)
    const userDataDir = mkdtempSync(join(tmpdir(), "effect-ably-chromium-"))
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: flags
    })
    const log: Array<string> = []
    try {
      const tab = context.pages()[0] ?? (await context.newPage())
      tab.on("console", (message) => log.push(`console.${message.type()}: ${message.text()}`))
      tab.on("pageerror", (error) => log.push(`pageerror: ${error.message}`))
      const target = { ...loopback.target, authUrl: PageServer.authPath }
      await tab.goto(`${server.url}/#${encodeURIComponent(JSON.stringify(target))}`)
      await tab.waitForFunction(() => window.__results !== undefined, undefined, { timeout: 90_000 })
      const outcome = parse(await tab.evaluate(() => window.__results ?? ""))
      const version = context.browser()?.version() ?? "unknown"
      const requests = await loopback.requests()
      const encodings = await loopback.encodings("encrypted")
      Report.write({
        suite: "chromium",
        runtime: `chromium ${version}`,
        ok: outcome?.ok === true,
        ms: Math.round(performance.now() - started),
        results: outcome?.results ?? []
      })
      console.log(`chromium ${version}: page bundle ${page.bytes} bytes, ${requests.length} requests to the emulator`)
      expect(outcome?.results, log.join("\n")).toEqual(
        all.map((name) => ({ name, ok: true, detail: expect.any(String) }))
      )
      // Cross-origin with an Authorization header: the browser asked first.
      expect(requests.some((request) => request.method === "OPTIONS")).toBe(true)
      expect(requests.filter((request) => request.method === "POST").length).toBeGreaterThan(0)
      // The authUrl endpoint signed the page's TokenRequests; the token's clientId is the server's.
      expect(server.tokenRequests()).toBeGreaterThan(0)
      expect(outcome?.results.find((result) => result.name === "token auth (authUrl)")?.detail).toContain(
        PageServer.authClientId
      )
      // The server stored only ciphertext.
      expect(encodings.length).toBe(2)
      for (const encoding of encodings) expect(encoding).toContain("cipher+aes-128-cbc")
    } finally {
      await context.close()
      await server.close()
      await loopback.close()
      rmSync(userDataDir, { recursive: true, force: true })
    }
  })
})
