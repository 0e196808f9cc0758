/**
 * Deno: the smoke scenario bundled from `@effect-ably/browser`, run by `deno run` with network
 * access to 127.0.0.1 only.
 */
import * as Process from "./support/Process.js"
import { smokeSuite } from "./support/SmokeSuite.js"

smokeSuite("deno", "scenario/deno.ts", async (binary, bundlePath, target) => {
  const finished = await Process.run(
    binary,
    ["run", "--no-prompt", "--allow-net=127.0.0.1", bundlePath, JSON.stringify(target)],
    90_000
  )
  return { output: `${finished.stdout}\n${finished.stderr}`, succeeded: finished.code === 0 }
})
