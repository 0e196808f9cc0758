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
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { join, relative, resolve as resolvePath } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { type Esbuild as Loaded, loadEsbuild } from "./esbuild.js"
import { annotatePure } from "./pure.js"

interface Metafile {
  readonly inputs: Readonly<
    Record<string, { readonly imports: ReadonlyArray<{ readonly path: string; readonly kind: string }> }>
  >
  readonly outputs: Readonly<Record<string, { readonly entryPoint?: string; readonly exports: ReadonlyArray<string> }>>
}
type Esbuild = Loaded<{ readonly errors: ReadonlyArray<unknown>; readonly metafile?: Metafile }>

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

// The kernel: every module an entry below loads statically (`Rest.ts`: what @effect-ably/node and
// @effect-ably/browser always load) goes into ONE chunk, not the dozens esbuild's splitting makes
// of it (a chunk per set of entries that reach a module). Node resolves, reads and compiles each
// module on its own (each bare `effect/*` import resolved again per module, through effect's
// exports map): 33 chunks cost ~2× what one file of the same code does (bench/startup.ts). Any
// importer outside the kernel (another public entry, a lazy `import()` part) and every public
// entry that is itself a kernel module reach it through a proxy (`export { … } from` the hub), so
// the kernel is loaded once, by one chunk, and lazy parts stay lazy.
const kernelRoots: Partial<Record<Package, ReadonlyArray<string>>> = { core: ["Rest.ts"] }

type Options = Record<string, unknown>

/** The kernel's modules (absolute paths) and each one's export names, from two metafile passes. */
const kernelOf = async (
  esbuild: Esbuild,
  options: Options,
  cwd: string,
  roots: ReadonlyArray<string>
): Promise<ReadonlyMap<string, ReadonlyArray<string>>> => {
  const pass = async (entryPoints: ReadonlyArray<string>) => {
    const { metafile } = await esbuild.build({ ...options, entryPoints, write: false, metafile: true, plugins: [] })
    if (metafile === undefined) throw new Error("esbuild answered no metafile")
    return metafile
  }
  const graph = (await pass(roots)).inputs
  const modules = new Set<string>()
  const visit = (input: string): void => {
    const abs = resolvePath(cwd, input)
    if (modules.has(abs) || graph[input] === undefined) return
    modules.add(abs)
    for (const edge of graph[input].imports) if (edge.kind === "import-statement") visit(edge.path)
  }
  for (const root of roots) visit(relative(cwd, root))
  const outputs = (await pass([...modules])).outputs
  const exports = new Map<string, ReadonlyArray<string>>()
  for (const output of Object.values(outputs)) {
    // Only the entries asked for: a lazy `import()` target is an entry of the metafile too.
    const path = output.entryPoint === undefined ? undefined : resolvePath(cwd, output.entryPoint)
    if (path !== undefined && modules.has(path)) exports.set(path, output.exports)
  }
  return exports
}

const hubSpecifier = "kernel:hub"
// A kernel module's export `name` as the hub re-exports it.
const alias = (index: number, name: string) => `${name}$k${index}`

const kernelChunk = (kernel: ReadonlyMap<string, ReadonlyArray<string>>, src: string, skip: object) => {
  const index = new Map([...kernel.keys()].map((path, i) => [path, i]))
  return {
    name: "kernel-chunk",
    setup: (build: {
      readonly onResolve: (
        options: { readonly filter: RegExp },
        callback: (args: {
          readonly path: string
          readonly importer: string
          readonly namespace: string
          readonly kind: string
          readonly resolveDir: string
          readonly pluginData: unknown
        }) => Promise<{ path: string; namespace: string } | undefined>
      ) => void
      readonly onLoad: (
        options: { readonly filter: RegExp; readonly namespace: string },
        callback: (args: { readonly path: string }) => { contents: string; loader: "js"; resolveDir: string }
      ) => void
      readonly resolve: (
        path: string,
        options: { kind: string; importer: string; resolveDir: string; pluginData: unknown }
      ) => Promise<{ readonly path: string; readonly errors: ReadonlyArray<unknown> }>
    }) => {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.path === hubSpecifier) return { path: "hub", namespace: "kernel-hub" }
        if (args.pluginData === skip || args.namespace === "kernel-hub") return undefined
        if (args.kind === "entry-point") {
          return kernel.has(args.path)
            ? { path: args.path, namespace: "kernel-proxy" }
            : undefined
        }
        if (!args.path.startsWith(".")) return undefined
        // Inside the kernel, static imports stay as they are; an `import()` goes through a proxy too.
        if (args.namespace === "file" && kernel.has(args.importer) && args.kind !== "dynamic-import") return undefined
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: skip
        })
        return resolved.errors.length === 0 && kernel.has(resolved.path)
          ? { path: resolved.path, namespace: "kernel-proxy" }
          : undefined
      })
      build.onLoad({ filter: /.*/, namespace: "kernel-proxy" }, (args) => {
        const i = index.get(args.path) ?? -1
        const names = kernel.get(args.path) ?? []
        return {
          contents: `export { ${
            names.map((name) => `${alias(i, name)} as ${name}`).join(", ")
          } } from "${hubSpecifier}"\n`,
          loader: "js",
          resolveDir: src
        }
      })
      build.onLoad({ filter: /.*/, namespace: "kernel-hub" }, () => ({
        contents: [...kernel].map(([path, names], i) =>
          `export { ${names.map((name) => `${name} as ${alias(i, name)}`).join(", ")} } from ${JSON.stringify(path)}\n`
        ).join(""),
        loader: "js",
        resolveDir: src
      }))
    }
  }
}

// A chunk of nothing but proxies' re-exports comes out empty; it goes, and each `import` of it
// becomes an empty line (the source maps stay line for line).
const dropEmptyChunks = (dist: string): void => {
  const chunks = join(dist, "internal", "chunks")
  const empty = readdirSync(chunks).filter((name) =>
    name.endsWith(".js") &&
    readFileSync(join(chunks, name), "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, "").trim() === ""
  )
  if (empty.length === 0) return
  for (const name of empty) {
    rmSync(join(chunks, name))
    rmSync(join(chunks, `${name}.map`), { force: true })
  }
  const names = new Set(empty)
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) visit(path)
      else if (name.endsWith(".js")) {
        const text = readFileSync(path, "utf8")
        const out = text.replace(
          /^import "(?:\.\/internal\/chunks\/|\.\/)([^"/]+\.js)";$/gm,
          (line, chunk: string) => (names.has(chunk) ? "" : line)
        )
        if (out !== text) writeFileSync(path, out)
      }
    }
  }
  visit(dist)
}

/** Builds one package's JavaScript into `dist` (its `dist/` unless told another directory). */
export const build = async (esbuild: Esbuild, pkg: Package, outdir?: string): Promise<void> => {
  const root = fileURLToPath(new URL(`../packages/${pkg}/`, import.meta.url))
  const src = join(root, "src")
  const dist = outdir ?? join(root, "dist")
  const entryPoints = readdirSync(src).filter((name) => name.endsWith(".ts")).map((name) => join(src, name))
  rmSync(join(dist, "internal", "chunks"), { recursive: true, force: true })
  try {
    removeJs(dist)
  } catch {
    // no dist yet
  }
  const options: Options = {
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
    treeShaking: true
  }
  const cwd = process.cwd()
  const roots = (kernelRoots[pkg] ?? []).map((name) => join(src, name))
  const kernel = roots.length === 0
    ? new Map<string, ReadonlyArray<string>>()
    : await kernelOf(esbuild, options, cwd, roots)
  await esbuild.build({
    ...options,
    // Named entries: a kernel entry is a proxy module, whose output name esbuild cannot derive.
    entryPoints: Object.fromEntries(entryPoints.map((path) => [relative(src, path).replace(/\.ts$/, ""), path])),
    plugins: [siblingsOfIndex(join(src, "index.ts")), kernelChunk(kernel, src, {}), pureAnnotations(src)]
  })
  if (kernel.size > 0) dropEmptyChunks(dist)
}

const main = async (): Promise<void> => {
  const names = process.argv.slice(2)
  const chosen = names.length === 0 ? packages : names.filter(isPackage)
  if (chosen.length !== names.length && names.length > 0) throw new Error(`unknown package in ${names.join(" ")}`)
  const esbuild = loadEsbuild<{ readonly errors: ReadonlyArray<unknown> }>()
  for (const pkg of chosen) await build(esbuild, pkg)
}

// Run as a script (`tsx scripts/build-js.ts`), not when a test imports `build`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
