/**
 * Bundles a runtime entry with esbuild the way an app would: `@effect-ably/*` imports resolve to the
 * workspace packages' sources (as the tests use them), everything else from node_modules, for the
 * browser platform (so a `node:` import anywhere in the graph fails the build).
 */
import * as esbuild from "esbuild"
import { fileURLToPath } from "node:url"

const packages = fileURLToPath(new URL("../../packages/", import.meta.url))

// `@effect-ably/core` → packages/core/src/index.ts; `@effect-ably/core/wire` → packages/core/src/wire.ts.
const workspaceSources: esbuild.Plugin = {
  name: "effect-ably-sources",
  setup(build) {
    build.onResolve({ filter: /^@effect-ably\/[a-z]+(\/[A-Za-z]+)?$/ }, (args) => {
      const [, name, sub] = args.path.split("/")
      return { path: `${packages}${name}/src/${sub ?? "index"}.ts` }
    })
  }
}

/** The bundle's text and its size; `entry` is a path relative to `runtimes/`. */
export interface Bundled {
  readonly text: string
  readonly bytes: number
}

export const bundle = async (entry: string): Promise<Bundled> => {
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: false,
    write: false,
    logLevel: "silent",
    plugins: [workspaceSources]
  })
  const [output] = result.outputFiles
  if (output === undefined) throw new Error(`esbuild wrote nothing for ${entry}`)
  return { text: output.text, bytes: output.contents.byteLength }
}
