/**
 * The Deno smoke entry: `deno run --allow-net=127.0.0.1 deno.js '<target json>'`. Exits 1 when a
 * check fails.
 */
import { runSmoke } from "./Smoke.js"

declare const Deno: {
  readonly args: ReadonlyArray<string>
  readonly version: { readonly deno: string }
  readonly exit: (code: number) => never
}

const { line, ok } = await runSmoke(`deno ${Deno.version.deno}`, Deno.args[0] ?? "")
console.log(line)
Deno.exit(ok ? 0 : 1)
