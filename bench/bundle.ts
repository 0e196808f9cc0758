/**
 * Bundle sizes for browsers: four small apps (bench/bundle/*.ts) bundled by esbuild as a user's
 * build would (minified ESM, browser platform, the packages' built `dist`), gzip -9.
 *
 *   tsx bench/bundle.ts [--json] [--all]      (after `pnpm build`; --all: every module (a) adds)
 *
 * (a) publish + history with effect-ably, (b) publish only, (c) the same publish + history by
 * hand with Effect alone (FetchHttpClient, Schema, Stream.paginateEffect): what an Effect app
 * already pays, (d) ably-js's modular REST build (BaseRest + Rest + FetchRequest). Prints the
 * sizes, the marginal cost of effect-ably (a − c), the biggest contributors of (a) by package
 * and module (esbuild's metafile), and which optional features the publish-only app carries.
 */
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import { loadEsbuild } from "../scripts/esbuild.js"

interface MetaOutput {
  readonly entryPoint?: string
  readonly inputs: Readonly<Record<string, { readonly bytesInOutput: number }>>
  readonly imports: ReadonlyArray<{ readonly path: string; readonly kind: string }>
}
interface Metafile {
  readonly outputs: Readonly<Record<string, MetaOutput>>
}
interface BuildResult {
  readonly outputFiles: ReadonlyArray<{ readonly path: string; readonly contents: Uint8Array; readonly text: string }>
  readonly metafile: Metafile
}
type Esbuild = ReturnType<typeof loadEsbuild<BuildResult>>

const apps = {
  "publish-history": "(a) effect-ably publish + history",
  "publish-only": "(b) effect-ably publish only",
  "publish-history-deep": "(a2) publish + history, deep imports",
  "effect-baseline": "(c) Effect alone: publish + history by hand",
  "ably-modular": "(d) ably-js modular REST"
} as const
type App = keyof typeof apps

// Features a publish-only app should not carry, by the modules that implement them.
const features: ReadonlyArray<readonly [string, RegExp]> = [
  ["cipher", /^@effect-ably\/core\/(Crypto\.js|internal\/crypto\/)/],
  ["stats", /^@effect-ably\/core\/(Stats\w*\.js|internal\/stats\/|internal\/params\/StatsQuery\.js)/],
  ["enumeration", /^@effect-ably\/core\/(ListParams\.js|internal\/enumeration\/|internal\/params\/ListQuery\.js)/],
  ["batch", /^@effect-ably\/core\/(Batch\w*\.js|internal\/batch\/)/],
  [
    "presence",
    /^@effect-ably\/core\/((RestPresence|PresenceMessage|PresenceParams)\.js|internal\/presence\/|internal\/params\/PresenceQuery\.js)/
  ],
  ["push", /^@effect-ably\/core\/(Push\.js|internal\/push\/)/],
  ["token sources", /^@effect-ably\/core\/internal\/auth\/(AuthUrl|TokenSource)\.js/],
  ["msgpack", /^@msgpack\/msgpack\//]
]

export interface AppSize {
  readonly app: App
  /** What loads before the app's first call: the entry chunk and what it imports statically. */
  readonly minified: number
  readonly gzip: number
  readonly inputs: Readonly<Record<string, number>>
  /** The chunks loaded on first use (`import()`), minified and gzip -9. */
  readonly lazyMinified: number
  readonly lazyGzip: number
}

const base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// The source-map "mappings" VLQ: each generated line's segments as [column, source index] (deltas summed).
const segments = (mappings: string): Array<Array<readonly [number, number]>> => {
  const lines: Array<Array<readonly [number, number]>> = []
  let source = 0
  for (const line of mappings.split(";")) {
    const out: Array<readonly [number, number]> = []
    let column = 0
    for (const segment of line.split(",")) {
      if (segment === "") continue
      const fields: Array<number> = []
      let value = 0
      let shift = 0
      for (const char of segment) {
        const digit = base64.indexOf(char)
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      column += fields[0] ?? 0
      if (fields.length >= 4) {
        source += fields[1]!
        out.push([column, source])
      } else out.push([column, -1])
    }
    lines.push(out)
  }
  return lines
}

const isSourceMap = (u: unknown): u is { readonly sources: Array<string>; readonly mappings: string } =>
  typeof u === "object" && u !== null && "sources" in u && Array.isArray(u.sources) && "mappings" in u &&
  typeof u.mappings === "string"

// Output bytes per original source file: each segment owns the columns up to the next segment.
const bytesBySource = (code: string, mapText: string): Record<string, number> => {
  const map: unknown = JSON.parse(mapText)
  if (!isSourceMap(map)) throw new Error("esbuild wrote no source map")
  const lengths = code.split("\n").map((line) => line.length)
  const bytes: Record<string, number> = {}
  segments(map.mappings).forEach((line, index) => {
    line.forEach(([column, source], i) => {
      if (source < 0) return
      const end = line[i + 1]?.[0] ?? lengths[index] ?? column
      const path = map.sources[source]!
      bytes[path] = (bytes[path] ?? 0) + end - column
    })
  })
  return bytes
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

const build = async (esbuild: Esbuild, app: App): Promise<AppSize> => {
  const result = await esbuild.build({
    entryPoints: [here(`bundle/${app}.ts`)],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    // As Vite, Rollup and webpack do by default: each `import()` target in a chunk of its own.
    splitting: true,
    // Through the packages' own source maps back to their sources: the modules an app carries are
    // the same figures whether a package's dist is one file per module (tsc) or bundled chunks.
    sourcemap: "external",
    write: false,
    metafile: true,
    outdir: here("bundle/out"),
    logLevel: "silent",
    // The repo's tsconfig maps @effect-ably/* to sources: a user's build sees the packages.
    tsconfigRaw: "{}"
  })
  const outputs = result.metafile.outputs
  // The entry chunk and every chunk it reaches by static imports load first. (Each `import()`
  // target is an entry point of its own in the metafile: start from the app's.)
  const initial = new Set(
    Object.keys(outputs).filter((path) => outputs[path]!.entryPoint?.endsWith(`bundle/${app}.ts`) === true)
  )
  for (const path of initial) {
    for (const imported of outputs[path]!.imports) {
      if (imported.kind === "import-statement" && imported.path in outputs) initial.add(imported.path)
    }
  }
  const isInitial = (file: string) => [...initial].some((path) => file.endsWith(path.replace(/^(\.\.\/)+/, "")))
  const size = { minified: 0, gzip: 0, lazyMinified: 0, lazyGzip: 0 }
  const inputs: Record<string, number> = {}
  for (const code of result.outputFiles.filter((file) => file.path.endsWith(".js"))) {
    const gzip = gzipSync(code.contents, { level: 9 }).length
    if (!isInitial(code.path)) {
      size.lazyMinified += code.contents.length
      size.lazyGzip += gzip
      continue
    }
    size.minified += code.contents.length
    size.gzip += gzip
    const map = result.outputFiles.find((file) => file.path === `${code.path}.map`)
    if (map === undefined) throw new Error(`esbuild wrote no source map for ${code.path}`)
    for (const [path, bytes] of Object.entries(bytesBySource(code.text, map.text))) {
      inputs[path] = (inputs[path] ?? 0) + bytes
    }
  }
  return { app, ...size, inputs }
}

// "../node_modules/.pnpm/effect@3.22.4/node_modules/effect/dist/esm/Stream.js" → "effect/Stream.js";
// "../packages/core/src/internal/http/Transport.ts" → "@effect-ably/core/internal/http/Transport.js"
// (sources, through the source maps of the packages' dist).
const moduleOf = (path: string): string => {
  const workspace = /packages\/([^/]+)\/(?:dist|src)\/(.*?)(?:\.ts)?$/.exec(path)
  if (workspace !== null) return `@effect-ably/${workspace[1]}/${workspace[2]!.replace(/\.js$/, "")}.js`
  const dependency = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path)
  if (dependency !== null) return `${dependency[1]}/${dependency[2]!.replace(/^(dist\/(esm\/)?|src\/)/, "")}`
  return path.replace(/^(\.\.\/)+/, "")
}

const packageOf = (path: string): string => {
  const module = moduleOf(path)
  return /^((?:@[^/]+\/)?[^/]+)\//.exec(module)?.[1] ?? module
}

const sum = (values: Iterable<number>) => {
  let total = 0
  for (const value of values) total += value
  return total
}

const grouped = (inputs: Readonly<Record<string, number>>, key: (path: string) => string) => {
  const groups = new Map<string, number>()
  for (const [path, bytes] of Object.entries(inputs)) groups.set(key(path), (groups.get(key(path)) ?? 0) + bytes)
  return [...groups].sort((a, b) => b[1] - a[1])
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/**
 * Every app's sizes and the publish-only app's feature check.
 */
export const measure = async () => {
  const esbuild = loadEsbuild<BuildResult>()
  const sizes = await Promise.all((Object.keys(apps) as Array<App>).map((app) => build(esbuild, app)))
  const by = (app: App) => sizes.find((size) => size.app === app)!
  const publishOnly = Object.keys(by("publish-only").inputs).map(moduleOf)
  const carried = features.filter(([, pattern]) => publishOnly.some((module) => pattern.test(module))).map(([name]) =>
    name
  )
  return {
    sizes,
    marginalGzip: by("publish-history").gzip - by("effect-baseline").gzip,
    marginalMinified: by("publish-history").minified - by("effect-baseline").minified,
    publishOnlyCarries: carried
  }
}

const main = async () => {
  const result = await measure()
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ ...result, sizes: result.sizes.map(({ inputs: _, ...size }) => size) }, null, 2))
    return
  }
  console.log(
    "| app | loaded first: minified | gzip -9 | loaded on first use: minified | gzip -9 |\n|---|---|---|---|---|"
  )
  for (const size of result.sizes) {
    console.log(
      `| ${apps[size.app]} | ${kib(size.minified)} | ${kib(size.gzip)} | ${kib(size.lazyMinified)} | ${
        kib(size.lazyGzip)
      } |`
    )
  }
  console.log(
    `\nMarginal cost of effect-ably, (a) − (c): ${kib(result.marginalGzip)} gzip (${
      kib(result.marginalMinified)
    } minified).`
  )
  const full = result.sizes.find((size) => size.app === "publish-history")!
  const baseline = new Set(Object.keys(result.sizes.find((size) => size.app === "effect-baseline")!.inputs))
  console.log(`\n(a) by package (minified bytes in output, before gzip):`)
  for (const [pkg, bytes] of grouped(full.inputs, packageOf)) console.log(`  ${kib(bytes).padStart(10)}  ${pkg}`)
  const shown = process.argv.includes("--all") ? Infinity : 15
  console.log(`\n(a) the ${shown === Infinity ? "" : "15 "}biggest modules that (c) does not have:`)
  const extra = Object.fromEntries(Object.entries(full.inputs).filter(([path]) => !baseline.has(path)))
  console.log(`  (${kib(sum(Object.values(extra)))} in ${Object.keys(extra).length} modules)`)
  for (const [module, bytes] of grouped(extra, moduleOf).slice(0, shown)) {
    console.log(`  ${kib(bytes).padStart(10)}  ${module}`)
  }
  console.log(
    `\n(b) publish-only carries: ${
      result.publishOnlyCarries.length === 0 ? "none of" : result.publishOnlyCarries.join(", ")
    } (of ${features.map(([name]) => name).join(", ")})`
  )
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
