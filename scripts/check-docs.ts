/**
 * Docs that cannot rot. Checks, and exits 1 on any problem:
 *
 * 1. every public export of the packages has TSDoc, and every exported value (const, function,
 *    class) has an `@example`;
 * 2. every `@example` in `packages/*\/src/**\/*.ts` (public modules and `internal/` alike)
 *    type-checks and contains code (a statement other than an import: a commented-out call is
 *    not an example);
 * 3. every ```ts block of `README.md`, `packages/*\/README.md` and `docs/*.md` type-checks, unless its fence
 *    says ```ts no-check.
 *
 * Each example and block is a complete module (its own imports). An example is type-checked as a
 * virtual file beside the file it comes from (so an internal module's example may import
 * `./Codec.js`), a README block as one in examples/ (a user's app: effect, @effect/platform), both
 * with the root tsconfig.json's options and paths, plus a path for every subpath in each
 * package's `exports` (`@effect-ably/core/wire` → packages/core/src/wire.ts), against the
 * workspace sources. Unused locals are allowed. Errors are reported at the source file's line.
 * `--write DIR` also writes the generated files under DIR, for a look.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import ts from "typescript"

const started = performance.now()
const root = resolve(import.meta.dirname, "..")
const packageDirs = readdirSync(join(root, "packages"))
  .map((name) => join(root, "packages", name))
  .filter((dir) => existsSync(join(dir, "package.json")) && existsSync(join(dir, "src")))

const files = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : []
  })
const sources = packageDirs.flatMap((dir) => files(join(dir, "src")))
const show = (path: string) => relative(root, path)
const problems: Array<string> = []

// 1. TSDoc on every export, an @example on every exported value.
const exportPattern = /^export (?:declare )?(const|function|class|interface|type|namespace) (\w+)/
for (const file of sources) {
  if (file.endsWith("bin.ts")) continue
  const lines = readFileSync(file, "utf8").split("\n")
  lines.forEach((line, index) => {
    const match = exportPattern.exec(line)
    if (match === null) return
    const [, kind, name] = match
    // The doc block ends on the line before the export (decorators and blank lines not allowed).
    const end = index - 1
    if (lines[end]?.trim() !== "*/") {
      problems.push(`${show(file)}:${index + 1} ${kind} ${name}: no TSDoc`)
      return
    }
    let start = end
    while (start > 0 && !lines[start]!.trim().startsWith("/**")) start--
    const doc = lines.slice(start, end + 1).join("\n")
    const isValue = kind === "const" || kind === "function" || kind === "class"
    if (isValue && !doc.includes("@example")) problems.push(`${show(file)}:${index + 1} ${kind} ${name}: no @example`)
  })
}

// 2. and 3. Extract the snippets. `lines[i]` of a snippet is line `line + i` of `origin`;
// `column` is the number of characters stripped before each line (the ` * ` of a TSDoc block).
interface Snippet {
  readonly kind: "example" | "README block"
  readonly origin: string
  readonly line: number
  readonly column: number
  readonly lines: ReadonlyArray<string>
}

const examplesOf = (file: string): Array<Snippet> => {
  const lines = readFileSync(file, "utf8").split("\n")
  const found: Array<Snippet> = []
  let inDoc = false
  let current: { line: number; column: number; lines: Array<string> } | undefined
  const close = () => {
    if (current === undefined) return
    // Trailing blank lines and a ``` fence (docgen style) are not part of the code.
    while (current.lines.length > 0 && current.lines.at(-1)!.trim() === "") current.lines.pop()
    const fenced = current.lines[0]?.trim().startsWith("```") === true
    const body = fenced ? current.lines.map((text, i) => (i === 0 || text.trim() === "```" ? "" : text)) : current.lines
    found.push({ kind: "example", origin: file, line: current.line, column: current.column, lines: body })
    current = undefined
  }
  lines.forEach((text, index) => {
    const trimmed = text.trim()
    if (!inDoc) {
      if (trimmed.startsWith("/**") && !trimmed.endsWith("*/")) inDoc = true
      return
    }
    const end = trimmed.endsWith("*/")
    const prefix = /^\s*\*? ?/.exec(text)![0]
    const content = end ? "" : text.slice(prefix.length)
    if (/^@\w/.test(content.trim()) && content.trimStart() === content) {
      close()
      if (content.startsWith("@example")) {
        const rest = content.slice("@example".length).trim() // `@example code` on one line
        current = rest === ""
          ? { line: index + 2, column: prefix.length, lines: [] }
          : { line: index + 1, column: prefix.length, lines: [rest] }
      }
    } else if (current !== undefined && !end) current.lines.push(content)
    if (end) {
      close()
      inDoc = false
    }
  })
  return found
}

const readmes = [join(root, "README.md"), ...packageDirs.map((dir) => join(dir, "README.md"))].filter((p) =>
  existsSync(p)
).concat(readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => join(root, "docs", name)))
const blocksOf = (file: string): Array<Snippet> => {
  const lines = readFileSync(file, "utf8").split("\n")
  const found: Array<Snippet> = []
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(```+|~~~+)\s*(ts|typescript)\b(.*)$/.exec(lines[i]!)
    if (fence === null) continue
    const [, indent, marks, , info] = fence
    const start = i + 1
    while (i + 1 < lines.length && !lines[i + 1]!.trim().startsWith(marks!)) i++
    const body = lines.slice(start, i + 1).map((text) => text.slice(Math.min(indent!.length, text.search(/\S|$/))))
    i++
    if (/\bno-check\b/.test(info!)) continue
    found.push({ kind: "README block", origin: file, line: start + 1, column: indent!.length, lines: body })
  }
  return found
}

const snippets = [...sources.flatMap(examplesOf), ...readmes.flatMap(blocksOf)]

// Compiler options: the root tsconfig.json's, a path for every `exports` subpath, unused locals allowed.
const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => problems.push(ts.flattenDiagnosticMessageText(d.messageText, "\n"))
})
if (config === undefined) throw new Error("cannot read tsconfig.json")
const paths: Record<string, Array<string>> = { ...config.options.paths }
for (const dir of packageDirs) {
  const manifest: unknown = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
  if (typeof manifest !== "object" || manifest === null || !("name" in manifest) || !("exports" in manifest)) continue
  const { name, exports } = manifest
  if (typeof name !== "string" || typeof exports !== "object" || exports === null) continue
  for (const [key, target] of Object.entries(exports)) {
    if (key === "." || typeof target !== "object" || target === null || !("types" in target)) continue
    const { types } = target
    if (typeof types !== "string" || !types.startsWith("./dist/")) continue
    const source = types.replace(/^\.\/dist\//, "./src/").replace(/\.d\.ts$/, ".ts")
    paths[`${name}${key.slice(1)}`] ??= [relative(root, join(dir, source))]
  }
}
const options: ts.CompilerOptions = {
  ...config.options,
  paths,
  noEmit: true,
  noUnusedLocals: false,
  noUnusedParameters: false,
  moduleDetection: ts.ModuleDetectionKind.Force
}

// An example sits beside its module; a README block is user code, so it sits in the examples/
// workspace package, which has effect, @effect/platform and the packages as dependencies.
const virtualName = (snippet: Snippet) =>
  snippet.kind === "example"
    ? `${snippet.origin}.example-${snippet.line}.ts`
    : join(root, "examples", ".readme", `${relative(root, snippet.origin)}.block-${snippet.line}.ts`)
const virtual = new Map(snippets.map((snippet) => [virtualName(snippet), snippet]))
const writeDir = process.argv.includes("--write")
  ? resolve(process.argv[process.argv.indexOf("--write") + 1] ?? "build/docs")
  : undefined
if (writeDir !== undefined) {
  for (const [name, snippet] of virtual) {
    const out = join(writeDir, relative(root, name))
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, snippet.lines.join("\n") + "\n")
  }
}

const host = ts.createCompilerHost(options)
const getSourceFile = host.getSourceFile.bind(host)
host.getSourceFile = (name, language, onError, create) => {
  const snippet = virtual.get(resolve(name))
  return snippet === undefined
    ? getSourceFile(name, language, onError, create)
    : ts.createSourceFile(name, snippet.lines.join("\n"), language, true, ts.ScriptKind.TS)
}
const fileExists = host.fileExists.bind(host)
host.fileExists = (name) => virtual.has(resolve(name)) || fileExists(name)
const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host })

const where = (snippet: Snippet, line: number, character: number) =>
  `${show(snippet.origin)}:${snippet.line + line}:${snippet.column + character + 1}`
let failed = 0
for (const [name, snippet] of virtual) {
  const file = program.getSourceFile(name)!
  const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
  const errors = diagnostics.map((d) => {
    const { line, character } = file.getLineAndCharacterOfPosition(d.start ?? 0)
    return `${where(snippet, line, character)} ${snippet.kind}: ${
      ts.flattenDiagnosticMessageText(d.messageText, "\n  ")
    }`
  })
  const hasCode = file.statements.some((s) => !ts.isImportDeclaration(s) && !ts.isImportEqualsDeclaration(s))
  if (!hasCode) errors.push(`${where(snippet, 0, 0)} ${snippet.kind}: no code (only comments or imports)`)
  if (errors.length > 0) failed++
  problems.push(...errors)
}

const examples = snippets.filter((s) => s.kind === "example").length
const blocks = snippets.length - examples
const summary =
  `${examples} examples in ${sources.length} files and ${blocks} README blocks in ${readmes.length} READMEs`
const seconds = ((performance.now() - started) / 1000).toFixed(1)
if (problems.length > 0) {
  console.error(problems.join("\n"))
  console.error(`\ndocs: ${problems.length} problems (${failed} of ${summary} fail), ${seconds} s`)
  process.exit(1)
}
console.log(`docs: every public export has TSDoc; ${summary} type-check (${seconds} s)`)
