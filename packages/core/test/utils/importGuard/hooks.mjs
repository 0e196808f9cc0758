// Module hooks of the import guard (registered by `probe.ts`): every resolved ES module edge,
// `parent<TAB>url` one a line, appended to the file in `data.file`.
import { appendFileSync } from "node:fs"

let file
export const initialize = (data) => {
  file = data.file
}
export const resolve = async (specifier, context, next) => {
  const resolved = await next(specifier, context)
  appendFileSync(file, `${context.parentURL ?? ""}\t${resolved.url}\n`)
  return resolved
}
