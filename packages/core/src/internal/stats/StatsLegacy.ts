/**
 * The older nested stats shape (TS2–TS14: `all`, `inbound`, `outbound`, `persisted`,
 * `connections`, `channels`, `apiRequests`, `tokenRequests`, `push`…) mapped onto the dotted
 * `entries` keys of the current shape, so code written for one reads the other.
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"

/**
 * The top-level fields of the nested shape.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as StatsLegacy from "./StatsLegacy.js"
 * StatsLegacy.legacyFields.has("inbound") // true
 */
export const legacyFields: ReadonlySet<string> = new Set([
  "all",
  "inbound",
  "outbound",
  "persisted",
  "connections",
  "channels",
  "apiRequests",
  "tokenRequests",
  "push",
  "xchgProducer",
  "xchgConsumer",
  "pushStats",
  "processed"
])

// Where each nested top-level field lives in the dotted key space of the current shape.
const prefixes: Readonly<Record<string, string>> = {
  all: "messages.all",
  inbound: "messages.inbound",
  outbound: "messages.outbound",
  persisted: "messages.persisted",
  processed: "messages.processed",
  apiRequests: "apiRequests.all",
  tokenRequests: "apiRequests.tokenRequests"
}

/**
 * Flattens a nested value into dotted keys, keeping the finite numbers. Iterative, so a value
 * of any depth costs no stack; keys come out in the order of a depth-first walk.
 *
 * @since 0.1.0
 * @category conversions
 * @example
 * import * as StatsLegacy from "./StatsLegacy.js"
 * StatsLegacy.flattenNumbers({ a: { b: 1, c: { d: 2 } } }, "x") // { "x.a.b": 1, "x.a.c.d": 2 }
 */
export const flattenNumbers = (
  value: unknown,
  prefix: string,
  into: Record<string, number> = {}
): Record<string, number> => {
  const stack: Array<readonly [unknown, string]> = [[value, prefix]]
  while (stack.length > 0) {
    const [node, path] = stack.pop()!
    if (typeof node === "number" && Number.isFinite(node)) {
      into[path] = node
    } else if (Predicate.isRecord(node)) {
      const children = Object.entries(node)
      // Pushed in reverse so the first child is flattened first.
      for (let index = children.length - 1; index >= 0; index--) {
        const [key, child] = children[index]!
        stack.push([child, path === "" ? key : `${path}.${key}`])
      }
    }
  }
  return into
}

/**
 * `true` when a stats record carries any field of the nested shape.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import * as StatsLegacy from "./StatsLegacy.js"
 * StatsLegacy.isLegacy({ intervalId: "2015-02-03:15:03", inbound: {} }) // true
 */
export const isLegacy = (record: Readonly<Record<string, unknown>>): boolean =>
  Object.keys(record).some((key) => legacyFields.has(key))

/**
 * The nested fields of a record as current `entries` keys: `inbound.realtime.messages.count`
 * becomes `messages.inbound.realtime.messages.count`, `apiRequests.succeeded` becomes
 * `apiRequests.all.succeeded`, `tokenRequests.failed` becomes `apiRequests.tokenRequests.failed`;
 * `connections`, `channels` and `push` keep their paths.
 *
 * @since 0.1.0
 * @category conversions
 * @example
 * import * as StatsLegacy from "./StatsLegacy.js"
 * StatsLegacy.entriesFromLegacy({ inbound: { realtime: { messages: { count: 50 } } }, channels: { peak: 3 } })
 * // { "messages.inbound.realtime.messages.count": 50, "channels.peak": 3 }
 */
export const entriesFromLegacy = (record: Readonly<Record<string, unknown>>): Record<string, number> => {
  const entries: Record<string, number> = {}
  for (const [field, value] of Object.entries(record)) {
    if (legacyFields.has(field)) flattenNumbers(value, prefixes[field] ?? field, entries)
  }
  return entries
}

/**
 * The nested fields of a record, as received.
 *
 * @since 0.1.0
 * @category conversions
 * @example
 * import * as StatsLegacy from "./StatsLegacy.js"
 * StatsLegacy.legacyPart({ intervalId: "2015-02-03:15", inbound: {} }) // { inbound: {} }
 */
export const legacyPart = (record: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const part: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(record)) {
    if (legacyFields.has(field)) part[field] = value
  }
  return part
}
