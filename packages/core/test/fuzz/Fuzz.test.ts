import { describe, expect, it } from "@effect/vitest"
import { report, runMany } from "./Harness.js"

// A slice of the fuzz suite in the normal test run; `pnpm fuzz` runs the full 100,000.
// FUZZ_SEED picks the seed, FUZZ_PATH replays one case (both are printed with a problem),
// FUZZ_COUNT the number of cases.
const seed = Number(process.env["FUZZ_SEED"] ?? 20_240_909)
const count = Number(process.env["FUZZ_COUNT"] ?? 3_000)
const path = process.env["FUZZ_PATH"]

describe("fuzz: generated server answers through every decode path", () => {
  it(`${count} cases: no defect, hang, stray request or unprintable error (seed ${seed})`, async () => {
    const totals = await runMany({
      seed,
      count: path === undefined ? count : 1,
      path,
      // The slice stops at its first problem; FUZZ_ALL=1 counts them all.
      stopOn: (problems) => count <= 10_000 && process.env["FUZZ_ALL"] === undefined && problems.length > 0
    })
    console.log(report(totals))
    const problems = Object.entries(totals.problems).filter(([, n]) => n > 0)
    expect(problems, report(totals)).toEqual([])
  }, Math.max(120_000, count * 20))
})
