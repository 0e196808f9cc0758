/**
 * The main entry is browser-safe: `import * as Emulator from "@effect-ably/emulator"` bundles
 * for the browser with esbuild, with no error and no `node:` import left in the output.
 * esbuild is the copy vite (vitest's bundler) depends on: no extra dependency.
 */
import { describe, expect, it } from "@effect/vitest"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"

interface BuildResult {
  readonly errors: ReadonlyArray<{ readonly text: string }>
  readonly outputFiles?: ReadonlyArray<{ readonly text: string }>
}
interface Esbuild {
  readonly build: (options: Record<string, unknown>) => Promise<BuildResult>
}

const isEsbuild = (u: unknown): u is Esbuild =>
  typeof u === "object" && u !== null && "build" in u && typeof u.build === "function"

const loadEsbuild = (): Esbuild => {
  const fromVitest = createRequire(createRequire(import.meta.url).resolve("vitest/package.json"))
  const esbuild: unknown = createRequire(fromVitest.resolve("vite/package.json"))("esbuild")
  if (!isEsbuild(esbuild)) throw new Error("esbuild (through vite) has no build function")
  return esbuild
}

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

const bundle = (contents: string, minify: boolean) =>
  loadEsbuild().build({
    stdin: { contents, resolveDir: source("."), loader: "ts" },
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify,
    write: false,
    logLevel: "silent",
    // The workspace packages from source, as the tests use them.
    alias: {
      "@effect-ably/emulator": source("../src/index.ts"),
      "@effect-ably/core/wire": source("../../core/src/wire.ts"),
      "@effect-ably/core": source("../../core/src/index.ts")
    }
  }).catch((failure: unknown): BuildResult => ({
    errors: typeof failure === "object" && failure !== null && "errors" in failure && Array.isArray(failure.errors)
      ? failure.errors.map((error: unknown) => ({
        text: String(typeof error === "object" && error !== null && "text" in error ? error.text : error)
      }))
      : [{ text: String(failure) }]
  }))

describe("browser bundle of the main entry", () => {
  it("bundles for the browser with 0 errors and no node: import", { timeout: 60_000 }, async () => {
    const result = await bundle(`import * as Emulator from "@effect-ably/emulator"\nconsole.log(Emulator)`, true)
    expect(result.errors.map((error) => error.text)).toEqual([])
    const [output] = result.outputFiles ?? []
    const text = output?.text ?? ""
    expect(text.length).toBeGreaterThan(0)
    expect(text).not.toMatch(/["']node:/)
    expect(text).not.toContain("@effect/platform-node")
    // The size, for the record (min + gzip).
    console.log(
      `emulator main entry, browser bundle: ${text.length} bytes minified, ${gzipSync(text).length} bytes min+gzip`
    )
  })

  it(
    "the server subpath is what does not bundle for the browser (the check can fail)",
    { timeout: 60_000 },
    async () => {
      const result = await bundle(`import * as Server from "${source("../src/server.ts")}"\nconsole.log(Server)`, false)
      expect(result.errors.some((error) => error.text.includes("node:"))).toBe(true)
    }
  )
})
