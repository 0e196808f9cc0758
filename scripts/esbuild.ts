/**
 * The esbuild that tsx brings (no dependency of our own): for the dist build
 * (`scripts/build-js.ts`), the bundle-size bench and the valgrind client bundle. `R` is what
 * the caller's options make `build` answer (esbuild's own result type, which is not in our
 * dependencies' types).
 */
import { createRequire } from "node:module"

export interface Esbuild<R> {
  readonly build: (options: Record<string, unknown>) => Promise<R>
}

const isEsbuild = (u: unknown): u is Esbuild<never> =>
  typeof u === "object" && u !== null && "build" in u && typeof u.build === "function"

export const loadEsbuild = <R = unknown>(): Esbuild<R> => {
  const fromTsx = createRequire(createRequire(import.meta.url).resolve("tsx/package.json"))
  const esbuild: unknown = fromTsx("esbuild")
  if (!isEsbuild(esbuild)) throw new Error("esbuild (through tsx) has no build function")
  return esbuild
}
