/**
 * `Stats` (TS12): application statistics for one interval. The current shape carries an open
 * `entries` map of dotted keys; the older nested shape is still read and mapped onto it.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Legacy from "./internal/stats/StatsLegacy.js"

/**
 * The granularity of a stats interval.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Stats } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Stats.StatsUnit)("hour") // "hour"
 */
export const StatsUnit = Schema.Literal("minute", "hour", "day", "month")

/**
 * @since 0.1.0
 * @category models
 */
export type StatsUnit = typeof StatsUnit.Type

/**
 * Numeric metrics by dotted key (`messages.all.all.count`, `channels.peak`…); sparse: a
 * missing key means zero.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Stats } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Stats.Entries)({ "messages.all.all.count": 5, "channels.peak": 2 })
 */
export const Entries = Schema.Record({ key: Schema.String, value: Schema.Number })

/**
 * A stats record as it travels (current shape, protocol ≥ 3). Other fields, such as those of
 * the older nested shape, are kept.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Stats } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Stats.WireStats)({ intervalId: "2024-01-02:03:04", unit: "minute", entries: { "channels.peak": 2 } })
 */
export const WireStats = Schema.Struct(
  {
    intervalId: Schema.String,
    unit: Schema.optional(Schema.String),
    inProgress: Schema.optional(Schema.String),
    entries: Schema.optional(Entries),
    schema: Schema.optional(Schema.String),
    appId: Schema.optional(Schema.String)
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

/**
 * @since 0.1.0
 * @category models
 */
export type WireStats = typeof WireStats.Type

const intervalPattern = /^(\d{4})-(\d{2})(?:-(\d{2})(?::(\d{2})(?::(\d{2}))?)?)?$/

/**
 * The start of an interval in ms since the epoch (TS12p), from `yyyy-mm-dd:hh:mm`,
 * `yyyy-mm-dd:hh`, or the older `yyyy-mm-dd` and `yyyy-mm` forms (UTC).
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { Stats } from "@effect-ably/core"
 * Stats.intervalTime("2015-02-03:15:05") // Either.right(1422975900000)
 */
export const intervalTime = (intervalId: string): Either.Either<number, string> => {
  const match = intervalPattern.exec(intervalId)
  if (match === null) return Either.left(`invalid intervalId ${JSON.stringify(intervalId)}`)
  const [, year, month, day, hour, minute] = match
  return Either.right(
    Date.UTC(Number(year), Number(month) - 1, Number(day ?? 1), Number(hour ?? 0), Number(minute ?? 0))
  )
}

// The older shape had no `unit`: the intervalId's length tells it.
const unitFromIntervalId = (intervalId: string): StatsUnit => {
  const parts = intervalId.split(/[-:]/).length
  return parts >= 5 ? "minute" : parts === 4 ? "hour" : parts === 3 ? "day" : "month"
}

const isUnit = Schema.is(StatsUnit)

/**
 * A stats record as the API exposes it.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Stats } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Stats.StatsRecord)({ intervalId: "2024-01-02:03:04", intervalTime: 1704164640000, unit: "minute", entries: { "channels.peak": 2 } })
 */
export const StatsRecord = Schema.Struct({
  intervalId: Schema.String,
  /** The interval's start, ms since the epoch (TS12p). */
  intervalTime: Schema.Number,
  unit: StatsUnit,
  /** For an interval still open: the time of its latest data, `yyyy-mm-dd:hh:mm:ss`. */
  inProgress: Schema.optional(Schema.String),
  entries: Entries,
  /** The URI of the JSON schema describing the `entries` keys. */
  schema: Schema.optional(Schema.String),
  appId: Schema.optional(Schema.String),
  /** The nested objects of a record in the older shape, as received; their numbers are in `entries`. */
  legacy: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type Stats = typeof StatsRecord.Type

/**
 * Wire stats → API stats: `intervalTime` parsed, `unit` from the record (or, for the older
 * shape, from the intervalId), nested fields mapped onto `entries` and kept in `legacy`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Stats } from "@effect-ably/core"
 * import { Schema } from "effect"
 * const stats = Schema.decodeUnknownSync(Stats.Stats)({
 *   intervalId: "2015-02-03:15:03", inbound: { realtime: { messages: { count: 50 } } }
 * })
 * stats.entries["messages.inbound.realtime.messages.count"] // 50
 */
export const Stats = Schema.transformOrFail(WireStats, Schema.typeSchema(StatsRecord), {
  strict: true,
  decode: (wire, _, ast) => {
    const time = intervalTime(wire.intervalId)
    if (Either.isLeft(time)) return ParseResult.fail(new ParseResult.Type(ast, wire, time.left))
    const legacy = Legacy.isLegacy(wire) ? Legacy.legacyPart(wire) : undefined
    const entries = { ...(legacy === undefined ? {} : Legacy.entriesFromLegacy(legacy)), ...wire.entries }
    const unit = wire.unit !== undefined && isUnit(wire.unit) ? wire.unit : unitFromIntervalId(wire.intervalId)
    return ParseResult.succeed({
      intervalId: wire.intervalId,
      intervalTime: time.right,
      unit,
      entries,
      ...(wire.inProgress === undefined ? {} : { inProgress: wire.inProgress }),
      ...(wire.schema === undefined ? {} : { schema: wire.schema }),
      ...(wire.appId === undefined ? {} : { appId: wire.appId }),
      ...(legacy === undefined ? {} : { legacy })
    })
  },
  encode: (stats) =>
    ParseResult.succeed({
      intervalId: stats.intervalId,
      unit: stats.unit,
      entries: stats.entries,
      ...(stats.inProgress === undefined ? {} : { inProgress: stats.inProgress }),
      ...(stats.schema === undefined ? {} : { schema: stats.schema }),
      ...(stats.appId === undefined ? {} : { appId: stats.appId })
    })
})
