/**
 * Bun: the smoke scenario bundled from `@effect-ably/browser`, run by `bun`.
 */
import * as Process from "./support/Process.js"
import { smokeSuite } from "./support/SmokeSuite.js"

smokeSuite("bun", "scenario/bun.ts", async (binary, bundlePath, target) => {
  const finished = await Process.run(binary, [bundlePath, JSON.stringify(target)], 90_000)
  return { output: `${finished.stdout}\n${finished.stderr}`, succeeded: finished.code === 0 }
})
