/**
 * docs/testing.md cannot rot: every ```ts block marked `file=PATH` is an excerpt of that file,
 * line for line (indentation aside), so the guide shows the code the tests run. Blocks without
 * `file=` are type-checked by scripts/check-docs.ts instead.
 */
import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))
const read = (path: string) => readFileSync(`${root}${path}`, "utf8")
const lines = (text: string) => text.split("\n").map((line) => line.trim()).filter((line) => line !== "")

interface Excerpt {
  readonly file: string
  readonly line: number
  readonly code: ReadonlyArray<string>
}

const excerptsOf = (markdown: string): Array<Excerpt> => {
  const found: Array<Excerpt> = []
  const source = markdown.split("\n")
  for (let i = 0; i < source.length; i++) {
    const fence = /^```ts\b.*\bfile=(\S+)/.exec(source[i]!)
    if (fence === null) continue
    const start = i + 1
    while (i + 1 < source.length && !source[i + 1]!.startsWith("```")) i++
    found.push({ file: fence[1]!, line: start, code: lines(source.slice(start, i + 1).join("\n")) })
    i++
  }
  return found
}

const contains = (haystack: ReadonlyArray<string>, needle: ReadonlyArray<string>) =>
  haystack.some((_, at) => needle.every((line, offset) => haystack[at + offset] === line))

describe("docs/testing.md", () => {
  const excerpts = excerptsOf(read("docs/testing.md"))

  it("has excerpts of the example tests", () => {
    expect(excerpts.length).toBeGreaterThanOrEqual(8)
  })

  for (const excerpt of excerpts) {
    it(`line ${excerpt.line}: an excerpt of ${excerpt.file}`, () => {
      expect(excerpt.code.length).toBeGreaterThan(0)
      expect(contains(lines(read(excerpt.file)), excerpt.code)).toBe(true)
    })
  }
})
