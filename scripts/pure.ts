/**
 * `/*#__PURE__*\/` annotations on the calls a module makes at its top level (as Effect's own
 * packages ship them): `const Message = Schema.Struct({ … })`, `Context.GenericTag(…)`,
 * `Symbol.for(…)`. A downstream bundler keeps a top-level call it cannot prove free of side
 * effects even when nothing uses its result; annotated, an unused schema or tag is dropped.
 *
 * Every call and `new` inside a top-level `const`/`let` initialiser is annotated, except inside
 * functions (their calls do not run at import). A call whose callee is itself a call
 * (`Schema.String.pipe(…)` is one call; `f(x).a.pipe(…)` is two) gets the inner call wrapped in
 * parentheses, because an annotation covers only the call it stands right before. Our modules
 * do nothing at import (ImportGuards.test.ts), so these calls are pure by construction.
 */
import ts from "typescript"

const isFunctionLike = (node: ts.Node): boolean => ts.isFunctionLike(node) || ts.isClassLike(node)

/** Insertions as [position, text], applied from the end so earlier positions stay valid. */
type Edit = readonly [number, string]

const callsIn = (initializer: ts.Expression, source: ts.SourceFile): Array<Edit> => {
  const edits: Array<Edit> = []
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node)) return
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const start = node.getStart(source)
      edits.push([start, "/* @__PURE__ */ "])
      // A call the callee starts with: `f(x).a.pipe(y)` → `(/* @__PURE__ */ f(x)).a.pipe(y)`.
      let inner: ts.Expression = node.expression
      while (
        ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) || ts.isNonNullExpression(inner)
      ) {
        inner = inner.expression
      }
      if (inner !== node.expression && (ts.isCallExpression(inner) || ts.isNewExpression(inner))) {
        edits.push([inner.getStart(source), "("], [inner.getEnd(), ")"])
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(initializer)
  return edits
}

/**
 * The module's text with its top-level calls annotated (the same text when it has none).
 */
export const annotatePure = (text: string, fileName: string): string => {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const edits: Array<Edit> = []
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.initializer !== undefined) edits.push(...callsIn(declaration.initializer, source))
    }
  }
  // Stable order at equal positions: an opening "(" goes before the annotation of its own call,
  // which was pushed first, so sort by position and keep "(" after the outer annotation.
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) =>
    b.edit[0] - a.edit[0] || b.index - a.index
  )
  let out = text
  for (const { edit: [position, insert] } of ordered) out = out.slice(0, position) + insert + out.slice(position)
  return out
}
