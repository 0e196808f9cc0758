/* global process, URL */
// `node --import ./against.mjs main.ts …` with BENCH_AGAINST=<checkout>: the client "effect-ably@base".
// Registers against-hooks.mjs, which resolves every package this folder's files import (effect,
// @effect-ably/*, undici…) from the other checkout's `bench/client/` instead: the same client code over
// that checkout's packages. bench/run.ts starts the process in that checkout, so tsx follows its
// tsconfig `paths` (@effect-ably/* to its packages' sources) as it follows this one's otherwise.
import { register } from "node:module"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"

const from = new URL("./", import.meta.url).href
const to = pathToFileURL(join(resolve(process.env.BENCH_AGAINST ?? "."), "bench", "client") + "/").href
register("./against-hooks.mjs", import.meta.url, { data: { from, to } })
