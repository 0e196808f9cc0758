import { describe, expect, it } from "vitest"
import { loadEsbuild } from "./esbuild.js"
import { annotatePure } from "./pure.js"

const module = `import * as Schema from "effect/Schema"
export const Used = Schema.Struct({ a: Schema.String })
export const Unused = Schema.Struct({ b: Schema.optional(Schema.Number) }).pipe(Schema.brand("Unused"))
export const tagged = Symbol.for("tagged").description?.toUpperCase()
export const make = (n: number) => { const inner = Schema.Literal(n); return inner }
`

interface Output {
  readonly outputFiles: ReadonlyArray<{ readonly text: string }>
}

// What a user's bundler keeps of the module when the app imports only `Used`.
const bundle = async (text: string) => {
  const result = await loadEsbuild<Output>().build({
    stdin: { contents: `import { Used } from "./module.ts"; console.log(Used)`, resolveDir: "/", loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    external: ["effect/*"],
    plugins: [{
      name: "module",
      setup: (build: {
        onResolve: (o: { filter: RegExp }, f: () => { path: string; namespace: string }) => void
        onLoad: (o: { filter: RegExp; namespace: string }, f: () => { contents: string; loader: string }) => void
      }) => {
        build.onResolve({ filter: /^\.\/module\.ts$/ }, () => ({ path: "module.ts", namespace: "m" }))
        build.onLoad({ filter: /.*/, namespace: "m" }, () => ({ contents: text, loader: "ts" }))
      }
    }]
  })
  return result.outputFiles[0]!.text
}

describe("annotatePure", () => {
  it("annotates every call of a top-level initialiser, chained callees in parentheses", () => {
    const out = annotatePure(module, "module.ts")
    expect(out).toContain(
      `export const Unused = /* @__PURE__ */ (/* @__PURE__ */ Schema.Struct({ b: /* @__PURE__ */ Schema.optional(Schema.Number) })).pipe(/* @__PURE__ */ Schema.brand("Unused"))`
    )
    expect(out).toContain(`/* @__PURE__ */ (/* @__PURE__ */ Symbol.for("tagged")).description?.toUpperCase()`)
  })

  it("leaves function bodies as written", () => {
    expect(annotatePure(module, "module.ts")).toContain(`const inner = Schema.Literal(n)`)
  })

  it("lets a bundler drop an unused top-level schema that it keeps without the annotations", async () => {
    expect(await bundle(module)).toContain(`"Unused"`)
    const shaken = await bundle(annotatePure(module, "module.ts"))
    expect(shaken).not.toContain(`"Unused"`)
    expect(shaken).toContain("Schema.Struct({ a: Schema.String })")
  })
})
