/**
 * Each runtime suite leaves a report: which runtime and version ran, every check's outcome and
 * how long the suite took. `.ci/run` reads them after the tests (`runtimes/check-reports.ts`), so a
 * suite that was skipped or found no runtime fails CI instead of passing quietly.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { CheckResult } from "../scenario/Scenario.js"

export const suites = ["chromium", "deno", "bun", "workerd"] as const
export type Suite = (typeof suites)[number]

export const reportDir = process.env["EFFECT_ABLY_RUNTIME_REPORTS"] ??
  fileURLToPath(new URL("../.reports/", import.meta.url))

export interface Report {
  readonly suite: Suite
  readonly runtime: string
  /** What the binary says of its version (`--version`), for the runtimes run from npm packages. */
  readonly binary?: string | undefined
  readonly ok: boolean
  readonly ms: number
  readonly results: ReadonlyArray<CheckResult>
}

export const write = (report: Report): void => {
  mkdirSync(reportDir, { recursive: true })
  writeFileSync(`${reportDir}/${report.suite}.json`, `${JSON.stringify(report, null, 2)}\n`)
}

/**
 * Whether a missing runtime fails the suite instead of skipping it: always in CI (`CI` set, as
 * `.ci/run` runs) or with `EFFECT_ABLY_RUNTIMES=required`.
 */
export const required = (process.env["CI"] ?? "") !== "" && process.env["CI"] !== "false" ||
  process.env["EFFECT_ABLY_RUNTIMES"] === "required"
