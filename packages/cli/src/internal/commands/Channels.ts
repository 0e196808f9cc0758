/**
 * `effect-ably channels` and `stats`: app-wide streams.
 *
 * @since 0.1.0
 */
import type { Errors } from "@effect-ably/core"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Option from "effect/Option"
import type * as Stream from "effect/Stream"
import { options } from "../Global.js"
import { printStream, withRest } from "../Run.js"
import { capped, limit, query, range } from "./Params.js"

/**
 * `channels [--prefix P] [--by id|value] [--limit N]`: the app's active channels, streamed as
 * NDJSON (a JSON string per name, or a `ChannelDetails` object with `--by value`).
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { channels } from "./Channels.js"
 * const command = channels
 */
export const channels = Command.make("channels", {
  global: options,
  prefix: Options.text("prefix").pipe(Options.withDescription("only channels whose name starts so"), Options.optional),
  by: Options.choice("by", ["id", "value"]).pipe(
    Options.withDescription("id: names (the default); value: details with occupancy"),
    Options.withDefault("id" as const)
  ),
  limit: limit("how many to print in all")
}, ({ by, global, limit, prefix }) =>
  withRest(global, (rest) => {
    const params = Option.match(prefix, { onNone: () => ({}), onSome: (p) => ({ prefix: p }) })
    const items: Stream.Stream<unknown, Errors.AblyError> = by === "value"
      ? rest.channels.list({ ...params, by })
      : rest.channels.list(params)
    return printStream(capped(items, limit))
  })).pipe(Command.withDescription("Stream the app's active channels as NDJSON (needs channel-metadata)"))

/**
 * `stats [--unit --start --end --direction --limit]`: application statistics as NDJSON.
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { stats } from "./Channels.js"
 * const command = stats
 */
export const stats = Command.make("stats", {
  global: options,
  unit: Options.choice("unit", ["minute", "hour", "day", "month"]).pipe(
    Options.withDescription("interval of each record (default minute)"),
    Options.optional
  ),
  range
}, ({ global, range, unit }) =>
  withRest(global, (rest) =>
    printStream(capped(
      rest.stats({ ...query(range), ...Option.match(unit, { onNone: () => ({}), onSome: (u) => ({ unit: u }) }) }),
      range.limit
    )))).pipe(Command.withDescription("Print application statistics as NDJSON"))
