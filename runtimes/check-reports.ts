/**
 * Run by `.ci/run` after the tests: every runtime suite (Chromium, Deno, Bun, workerd) must have
 * left a passing report in this run. A suite that was skipped, filtered out or found no runtime
 * leaves none, and this exits 1. Prints each suite's runtime, checks and time.
 */
import * as Schema from "effect/Schema"
import { existsSync, readFileSync } from "node:fs"
import { reportDir, suites } from "./support/Report.js"

const ReportFile = Schema.parseJson(Schema.Struct({
  suite: Schema.String,
  runtime: Schema.String,
  binary: Schema.optional(Schema.String),
  ok: Schema.Boolean,
  ms: Schema.Number,
  results: Schema.Array(Schema.Struct({ name: Schema.String, ok: Schema.Boolean, detail: Schema.String }))
}))

const problems: Array<string> = []
for (const suite of suites) {
  const path = `${reportDir}/${suite}.json`
  if (!existsSync(path)) {
    problems.push(`${suite}: no report (the suite was skipped or did not run)`)
    continue
  }
  const report = Schema.decodeUnknownSync(ReportFile)(readFileSync(path, "utf8"))
  const passed = report.results.filter((result) => result.ok).length
  const binary = report.binary === undefined ? "" : ` [${report.binary}]`
  console.log(`${suite}: ${report.runtime}${binary}: ${passed}/${report.results.length} checks, ${report.ms} ms`)
  if (!report.ok || report.results.length === 0 || passed !== report.results.length) {
    problems.push(`${suite}: ${report.results.length - passed} of ${report.results.length} checks failed`)
  }
}
if (problems.length > 0) {
  console.error(`runtime suites:\n  ${problems.join("\n  ")}`)
  process.exitCode = 1
} else {
  console.log(`runtime suites: all ${suites.length} ran and passed`)
}
