/**
 * The Deno, Bun and workerd binaries, from the npm packages that ship them: each wrapper package
 * (`deno`, `bun`, `workerd`) lists one optional dependency per platform holding the binary, and the
 * package manager installs the one for this machine. The binary is taken from there, so the
 * wrappers' postinstall scripts (which only copy or download it) never have to run.
 */
import { existsSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"

export type Runtime = "deno" | "bun" | "workerd"

// Where the binary sits inside each platform package.
const binaryPath: Record<Runtime, string> = { deno: "deno", bun: "bin/bun", workerd: "bin/workerd" }

const require = createRequire(import.meta.url)

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

/** The binary's path, or a message saying why there is none (never a guess). */
export const locate = (runtime: Runtime): { readonly path: string } | { readonly missing: string } => {
  const wrapper = require.resolve(`${runtime}/package.json`)
  const manifest: unknown = require(wrapper)
  const optional = isRecord(manifest) && isRecord(manifest.optionalDependencies) ? manifest.optionalDependencies : {}
  const fromWrapper = createRequire(wrapper)
  for (const name of Object.keys(optional)) {
    let dir: string
    try {
      dir = dirname(fromWrapper.resolve(`${name}/package.json`))
    } catch {
      continue // not this platform's package: not installed
    }
    const path = join(dir, binaryPath[runtime])
    if (existsSync(path)) return { path }
  }
  return {
    missing: `no ${runtime} binary in any of ${Object.keys(optional).join(", ")} (is this platform one of them?)`
  }
}
