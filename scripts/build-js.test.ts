import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { build } from "./build-js.js"
import { loadEsbuild } from "./esbuild.js"

// Core built into a scratch directory inside packages/core (so `effect` resolves as from dist).
const core = fileURLToPath(new URL("../packages/core/", import.meta.url))
let out = ""

// The files a module loads statically (relative imports followed; bare ones are dependencies).
const closure = (entry: string): ReadonlySet<string> => {
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, "utf8")
    for (const match of text.matchAll(/^(?:import|export)\b[^"]*?(?:from )?"(\.[^"]+)";$/gm)) {
      visit(resolve(dirname(file), match[1]!))
    }
  }
  visit(join(out, entry))
  return seen
}
// The source modules a set of chunks carries (esbuild's `// packages/core/src/…` markers).
const sources = (files: ReadonlySet<string>) =>
  new Set(
    [...files].flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/^\/\/ packages\/core\/src\/(\S+)$/gm)].map((m) => m[1]!)
    )
  )

describe("build-js: core's kernel chunk", () => {
  beforeAll(async () => {
    out = mkdtempSync(join(core, ".build-test-"))
    await build(loadEsbuild(), "core", out)
  }, 60_000)
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it("Rest.js loads its whole static graph from a few chunks, not one per set of entries", () => {
    const files = closure("Rest.js")
    expect(files.size).toBeLessThanOrEqual(4)
    const carried = sources(files)
    for (const module of ["Rest.ts", "AblyOptions.ts", "Errors.ts", "internal/http/Transport.ts"]) {
      expect(carried).toContain(module)
    }
  })

  it("lazy parts stay out of the kernel (loaded on first use)", () => {
    const carried = sources(closure("Rest.js"))
    for (
      const lazy of ["internal/presence/RestPresence.ts", "internal/stats/RestStats.ts", "internal/auth/TokenAuth.ts"]
    ) {
      expect(carried).not.toContain(lazy)
    }
  })

  it("no empty chunk is written", () => {
    const chunks = join(out, "internal", "chunks")
    for (const name of readdirSync(chunks).filter((n) => n.endsWith(".js"))) {
      expect(readFileSync(join(chunks, name), "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, "").trim()).not.toBe("")
    }
  })
})
