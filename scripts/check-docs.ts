/**
 * Checks that every public export of the packages has TSDoc, and that every exported value
 * (const, function, class) has an `@example`. Prints offenders and exits 1 if there are any.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"

const roots = ["packages/core/src", "packages/node/src", "packages/browser/src", "packages/emulator/src"]
const exportPattern = /^export (?:declare )?(const|function|class|interface|type|namespace) (\w+)/

const files = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : []
  })

const problems: Array<string> = []
for (const file of roots.flatMap(files)) {
  if (file.endsWith("bin.ts")) continue
  const lines = readFileSync(file, "utf8").split("\n")
  lines.forEach((line, index) => {
    const match = exportPattern.exec(line)
    if (match === null) return
    const [, kind, name] = match
    // The doc block ends on the line before the export (decorators and blank lines not allowed).
    const end = index - 1
    if (lines[end]?.trim() !== "*/") {
      problems.push(`${file}:${index + 1} ${kind} ${name}: no TSDoc`)
      return
    }
    let start = end
    while (start > 0 && !lines[start]!.trim().startsWith("/**")) start--
    const doc = lines.slice(start, end + 1).join("\n")
    const isValue = kind === "const" || kind === "function" || kind === "class"
    if (isValue && !doc.includes("@example")) problems.push(`${file}:${index + 1} ${kind} ${name}: no @example`)
  })
}
if (problems.length > 0) {
  console.error(problems.join("\n"))
  console.error(`\n${problems.length} public exports without TSDoc or an example`)
  process.exit(1)
}
console.log("docs: every public export has TSDoc, every exported value an @example")
