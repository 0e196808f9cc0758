/**
 * The Bun smoke entry: `bun bun.js '<target json>'`. Exits 1 when a check fails.
 */
import { runSmoke } from "./Smoke.js"

declare const Bun: { readonly version: string; readonly argv: ReadonlyArray<string> }

const { line, ok } = await runSmoke(`bun ${Bun.version}`, Bun.argv[2] ?? "")
console.log(line)
process.exitCode = ok ? 0 : 1
