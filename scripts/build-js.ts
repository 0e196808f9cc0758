/**
 * The JavaScript of each package's `dist`: esbuild over the sources, ESM with code splitting, one
 * entry per public module (every top-level `src/*.ts`, which is what `exports` `./*` reaches),
 * dependencies external, linked source maps to `src`. Shared code goes to chunks under
 * `dist/internal/chunks/` (blocked by `exports` `./internal/*`), and a lazy `import()` stays a lazy
 * chunk; top-level calls carry pure annotations (`scripts/pure.ts`). tsc (`tsc -b tsconfig.build.json`,
 * `emitDeclarationOnly`) writes the `.d.ts` next to it.
 * Node loads a dozen chunks instead of ~90 modules per entry (measured by `bench/startup.ts`).
 *
 *   tsx scripts/build-js.ts [core|node|browser|emulator|cli]…   (all packages when none is named)
 */
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Esbuild as Loaded, loadEsbuild } from "./esbuild.js"
import { annotatePure } from "./pure.js"

type Esbuild = Loaded<{ readonly errors: ReadonlyArray<unknown> }>

const packages = ["core", "node", "browser", "emulator", "cli"] as const
type Package = (typeof packages)[number]
const isPackage = (name: string): name is Package => packages.some((p) => p === name)
// Core and the browser package must run anywhere (no node: modules; ImportGuards checks it).
const platform: Record<Package, "neutral" | "node"> = {
  core: "neutral",
  browser: "neutral",
  node: "node",
  emulator: "node",
  cli: "node"
}

// Old tsc-emitted JavaScript (one file per module) must not linger next to the bundle.
const removeJs = (dir: string): void => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) removeJs(path)
    else if (/\.js(\.map)?$/.test(name)) rmSync(path)
  }
}

// `index.ts` re-exports the public modules (`export * as Rest from "./Rest.js"`): kept as real ES
// re-exports of the sibling entries, not bundled into namespace objects (`__export` getters) that
// a downstream bundler could not see through.
const siblingsOfIndex = (index: string) => ({
  name: "siblings-of-index",
  setup: (build: {
    readonly onResolve: (
      options: { readonly filter: RegExp },
      callback: (args: { readonly path: string; readonly importer: string }) => { external: true } | undefined
    ) => void
  }) =>
    build.onResolve({ filter: /^\.\/[^/]+\.js$/ }, (args) => (args.importer === index ? { external: true } : undefined))
})

// Each source module's top-level calls annotated pure (`scripts/pure.ts`) on its way in.
const pureAnnotations = (src: string) => ({
  name: "pure-annotations",
  setup: (build: {
    readonly onLoad: (
      options: { readonly filter: RegExp },
      callback: (args: { readonly path: string }) => { contents: string; loader: "ts" } | undefined
    ) => void
  }) =>
    build.onLoad({ filter: /\.ts$/ }, (args) =>
      args.path.startsWith(src)
        ? { contents: annotatePure(readFileSync(args.path, "utf8"), args.path), loader: "ts" }
        : undefined)
})

const build = async (esbuild: Esbuild, pkg: Package): Promise<void> => {
  const root = fileURLToPath(new URL(`../packages/${pkg}/`, import.meta.url))
  const src = join(root, "src")
  const dist = join(root, "dist")
  const entryPoints = readdirSync(src).filter((name) => name.endsWith(".ts")).map((name) => join(src, name))
  rmSync(join(dist, "internal", "chunks"), { recursive: true, force: true })
  try {
    removeJs(dist)
  } catch {
    // no dist yet
  }
  await esbuild.build({
    entryPoints,
    outdir: dist,
    outbase: src,
    // Not the root tsconfig.json: its `paths` point @effect-ably/* at the sources.
    tsconfig: join(root, "tsconfig.build.json"),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: platform[pkg],
    mainFields: ["module", "main"],
    target: "es2022",
    packages: "external",
    sourcemap: "linked",
    sourcesContent: false,
    chunkNames: "internal/chunks/[name]-[hash]",
    // Keep names as written (stack traces, `Function.name`); no minification: users' bundlers do it.
    minify: false,
    keepNames: false,
    legalComments: "none",
    logLevel: "warning",
    // Annotate top-level calls whose results a downstream bundler may drop when unused.
    ignoreAnnotations: false,
    treeShaking: true,
    plugins: [siblingsOfIndex(join(src, "index.ts")), pureAnnotations(src)]
  })
}

const main = async (): Promise<void> => {
  const names = process.argv.slice(2)
  const chosen = names.length === 0 ? packages : names.filter(isPackage)
  if (chosen.length !== names.length && names.length > 0) throw new Error(`unknown package in ${names.join(" ")}`)
  const esbuild = loadEsbuild<{ readonly errors: ReadonlyArray<unknown> }>()
  for (const pkg of chosen) await build(esbuild, pkg)
}

await main()
