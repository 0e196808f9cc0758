// Module hooks for `--against` (registered by against.mjs): a bare specifier ("effect/Effect",
// "@effect-ably/node") imported from a file under `data.from` resolves as if imported from the same file
// under `data.to`, the other checkout. Relative imports and `node:` modules are left alone.
let from = ""
let to = ""
export const initialize = (data) => {
  from = data.from
  to = data.to
}
const bare = (specifier) => !/^(\.|\/|[a-z][a-z\d+.-]*:)/i.test(specifier)
export const resolve = (specifier, context, next) =>
  bare(specifier) && context.parentURL?.startsWith(from) === true
    ? next(specifier, { ...context, parentURL: to + context.parentURL.slice(from.length) })
    : next(specifier, context)
