// Module hooks for the startup bench's module count (`--import ./count.mjs`, registered by it): every URL the
// process loads, one per line, appended to the file in `data.file`. Runs on Node's hooks
// thread; only the count run uses it, never the timed runs.
import { appendFileSync } from "node:fs"

let file
export const initialize = (data) => {
  file = data.file
}
export const load = async (url, context, next) => {
  appendFileSync(file, `${url}\n`)
  return next(url, context)
}
