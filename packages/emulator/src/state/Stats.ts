/**
 * Application statistics: per-minute records from posted fixtures and live publishes,
 * aggregated on read to hour, day and month, in the current `entries` shape.
 *
 * @since 0.1.0
 */
import { Errors, Stats } from "@effect-ably/core"
import { StatsLegacy } from "@effect-ably/core/wire"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"

/**
 * Per-minute records (minute start in ms → entries as recorded, without derived totals).
 *
 * @since 0.1.0
 * @category models
 */
export type StatsStore = HashMap.HashMap<number, Readonly<Record<string, number>>>

/**
 * The schema URI the records name.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Stats from "./Stats.js"
 * Stats.schemaUri // "https://schemas.ably.com/json/app-stats-0.0.5.json"
 */
export const schemaUri = "https://schemas.ably.com/json/app-stats-0.0.5.json"

const minuteMillis = 60_000

/**
 * The start of the interval of `unit` that contains `time` (UTC).
 *
 * @since 0.1.0
 * @category intervals
 * @example
 * import * as StatsState from "./Stats.js"
 * StatsState.intervalStart(Date.UTC(2024, 4, 6, 7, 8, 9), "hour") === Date.UTC(2024, 4, 6, 7) // true
 */
export const intervalStart = (time: number, unit: Stats.StatsUnit): number => {
  const date = new Date(time)
  switch (unit) {
    case "minute":
      return time - (((time % minuteMillis) + minuteMillis) % minuteMillis)
    case "hour":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours())
    case "day":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
    case "month":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
  }
}

const nextIntervalStart = (start: number, unit: Stats.StatsUnit): number => {
  const date = new Date(start)
  switch (unit) {
    case "minute":
      return start + minuteMillis
    case "hour":
      return start + 60 * minuteMillis
    case "day":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1)
    case "month":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
  }
}

const pad = (n: number) => String(n).padStart(2, "0")

/**
 * The intervalId of an interval: `yyyy-mm-dd:hh:mm` for minutes, `yyyy-mm-dd:hh` otherwise.
 *
 * @since 0.1.0
 * @category intervals
 * @example
 * import * as StatsState from "./Stats.js"
 * StatsState.intervalId(Date.UTC(2015, 1, 3, 15, 5), "minute") // "2015-02-03:15:05"
 */
export const intervalId = (start: number, unit: Stats.StatsUnit): string => {
  const d = new Date(start)
  const hour = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}:${pad(d.getUTCHours())}`
  return unit === "minute" ? `${hour}:${pad(d.getUTCMinutes())}` : hour
}

const timestamp = (time: number) => {
  const d = new Date(time)
  return `${intervalId(time, "minute")}:${pad(d.getUTCSeconds())}`
}

const addInto = (into: Record<string, number>, key: string, value: number) => {
  into[key] = (into[key] ?? 0) + value
}

/**
 * Adds the totals Ably derives: per-direction and overall message counts from the
 * `messages.<direction>.<transport>.<type>.<field>` leaves, and persisted totals. A key that
 * was recorded explicitly keeps its value.
 *
 * @since 0.1.0
 * @category aggregation
 * @example
 * import * as StatsState from "./Stats.js"
 * StatsState.withTotals({ "messages.inbound.rest.messages.count": 2 })["messages.all.all.count"] // 2
 */
export const withTotals = (entries: Readonly<Record<string, number>>): Record<string, number> => {
  const derived: Record<string, number> = {}
  for (const [key, value] of Object.entries(entries)) {
    const parts = key.split(".")
    if (parts[0] !== "messages") continue
    const [, direction, transport, type, field] = parts
    if (
      (direction === "inbound" || direction === "outbound") && parts.length === 5 && transport !== "all" &&
      type !== "all"
    ) {
      addInto(derived, `messages.${direction}.all.${type}.${field}`, value)
      addInto(derived, `messages.${direction}.${transport}.all.${field}`, value)
      addInto(derived, `messages.${direction}.all.all.${field}`, value)
      addInto(derived, `messages.all.${type}.${field}`, value)
      addInto(derived, `messages.all.all.${field}`, value)
    } else if (direction === "persisted" && parts.length === 4 && transport !== "all") {
      addInto(derived, `messages.persisted.all.${type}`, value)
    }
  }
  return { ...derived, ...entries }
}

// Peaks take the maximum, minimums the minimum, means the average; everything else adds up.
const aggregate = (records: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> => {
  const result: Record<string, number> = {}
  const means: Record<string, Array<number>> = {}
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      const current = result[key]
      if (key.endsWith(".peak")) result[key] = current === undefined ? value : Math.max(current, value)
      else if (key.endsWith(".min")) result[key] = current === undefined ? value : Math.min(current, value)
      else if (key.endsWith(".mean")) (means[key] ??= []).push(value)
      else addInto(result, key, value)
    }
  }
  for (const [key, values] of Object.entries(means)) result[key] = values.reduce((a, b) => a + b, 0) / values.length
  return result
}

const merge = (store: StatsStore, minute: number, entries: Readonly<Record<string, number>>): StatsStore =>
  HashMap.set(store, minute, aggregate([Option.getOrElse(HashMap.get(store, minute), () => ({})), entries]))

/**
 * Stores posted fixtures (`POST /stats`): records in the older nested shape (as the sandbox
 * takes them) or with `entries`, each replacing the record of its interval. A record without
 * a valid `intervalId` fails with 400 / 40003.
 *
 * @since 0.1.0
 * @category updates
 * @example
 * import * as StatsState from "./Stats.js"
 * import { HashMap } from "effect"
 * StatsState.post(HashMap.empty(), [{ intervalId: "2015-02-03:15:03", inbound: { realtime: { messages: { count: 50 } } } }])
 */
export const post = (
  store: StatsStore,
  records: ReadonlyArray<Readonly<Record<string, unknown>>>
): Either.Either<StatsStore, Errors.AblyError> =>
  Either.gen(function*() {
    let next = store
    for (const record of records) {
      const id = record["intervalId"]
      const start = typeof id === "string" ? Stats.intervalTime(id) : Either.left("missing intervalId")
      if (Either.isLeft(start)) {
        return yield* Either.left(Errors.ablyError(40003, 400, `Invalid stats fixture: ${start.left}`))
      }
      const explicit = StatsLegacy.flattenNumbers(record["entries"], "")
      next = HashMap.set(next, intervalStart(start.right, "minute"), {
        ...StatsLegacy.entriesFromLegacy(record),
        ...explicit
      })
    }
    return next
  })

/**
 * Counts a REST publish in the minute it happened: inbound REST messages and their bytes, and
 * persisted messages on persisted channels.
 *
 * @since 0.1.0
 * @category updates
 * @example
 * import * as StatsState from "./Stats.js"
 * import { HashMap } from "effect"
 * StatsState.recordPublish(HashMap.empty(), 0, { count: 2, bytes: 10, persisted: false })
 */
export const recordPublish = (
  store: StatsStore,
  now: number,
  publish: { readonly count: number; readonly bytes: number; readonly persisted: boolean }
): StatsStore =>
  merge(store, intervalStart(now, "minute"), {
    "messages.inbound.rest.messages.count": publish.count,
    "messages.inbound.rest.messages.data": publish.bytes,
    ...(publish.persisted
      ? { "messages.persisted.messages.count": publish.count, "messages.persisted.messages.data": publish.bytes }
      : {})
  })

/**
 * A validated stats query.
 *
 * @since 0.1.0
 * @category models
 */
export interface StatsQuery {
  readonly start: number
  readonly end: number
  readonly unit: Stats.StatsUnit
  readonly direction: "backwards" | "forwards"
  readonly limit: number
  /** The interval start to continue from. */
  readonly cursor?: number | undefined
}

/**
 * One page of aggregated records in the current shape; `next` is the interval start to
 * continue from. An interval that has not ended yet carries `inProgress`.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as StatsState from "./Stats.js"
 * import { HashMap } from "effect"
 * StatsState.page(HashMap.empty(), { start: 0, end: 1, unit: "hour", direction: "forwards", limit: 10 }, { now: 1, appId: "a" })
 */
export const page = (
  store: StatsStore,
  query: StatsQuery,
  context: { readonly now: number; readonly appId: string }
): { readonly items: ReadonlyArray<Stats.WireStats>; readonly next: number | undefined } => {
  const buckets = new Map<number, Array<Readonly<Record<string, number>>>>()
  const from = intervalStart(query.start, query.unit)
  for (const [minute, entries] of HashMap.entries(store)) {
    const start = intervalStart(minute, query.unit)
    if (start < from || start > query.end) continue
    const bucket = buckets.get(start)
    if (bucket === undefined) buckets.set(start, [entries])
    else bucket.push(entries)
  }
  const forwards = query.direction === "forwards"
  const starts = Array.from(buckets.keys())
    .filter((start) => query.cursor === undefined || (forwards ? start >= query.cursor : start <= query.cursor))
    .sort((a, b) => (forwards ? a - b : b - a))
  const items = starts.slice(0, query.limit).map((start): Stats.WireStats => ({
    intervalId: intervalId(start, query.unit),
    unit: query.unit,
    ...(start <= context.now && context.now < nextIntervalStart(start, query.unit)
      ? { inProgress: timestamp(context.now) }
      : {}),
    entries: withTotals(aggregate(buckets.get(start) ?? [])),
    schema: schemaUri,
    appId: context.appId
  }))
  return { items, next: starts[query.limit] }
}
