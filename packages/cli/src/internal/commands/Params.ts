/**
 * Options several commands share: `--start`/`--end` (ms since the epoch or an ISO date),
 * `--direction`, `--limit` (a cap on the total, not a page size).
 *
 * @since 0.1.0
 */
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

const instant = (name: string) =>
  Options.text(name).pipe(
    Options.withPseudoName("TIME"),
    Options.withDescription(`${name} of the interval: ms since the epoch or an ISO 8601 date`),
    Options.mapEffect((text) => {
      const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text)
      return Number.isSafeInteger(ms) && ms >= 0
        ? Effect.succeed(ms)
        : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${name} ${text} is not a time (ms or ISO 8601)`)))
    }),
    Options.optional
  )

/**
 * `--start --end --direction --limit`, parsed.
 *
 * @since 0.1.0
 * @category options
 * @example
 * import { Command } from "@effect/cli"
 * import { Effect } from "effect"
 * import { range } from "./Params.js"
 * const command = Command.make("history", { range }, ({ range }) => Effect.log(range.limit))
 */
export const range = Options.all({
  start: instant("start"),
  end: instant("end"),
  direction: Options.choice("direction", ["backwards", "forwards"]).pipe(
    Options.withDescription("backwards (newest first, the default) or forwards"),
    Options.optional
  ),
  limit: limit("how many items to print in all (default: every one)")
})

/**
 * `--limit N`: a positive cap on what is printed.
 *
 * @since 0.1.0
 * @category options
 * @example
 * import { limit } from "./Params.js"
 * const option = limit("how many to print")
 */
export function limit(description: string) {
  return Options.integer("limit").pipe(
    Options.withDescription(description),
    Options.mapEffect((n) =>
      n > 0 ? Effect.succeed(n) : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--limit must be positive`)))
    ),
    Options.optional
  )
}

/**
 * The history/stats query of `range`: the page size is the cap when it is under 1000.
 *
 * @since 0.1.0
 * @category options
 * @example
 * import { Option } from "effect"
 * import { query } from "./Params.js"
 * query({ start: Option.none(), end: Option.none(), direction: Option.none(), limit: Option.some(10) }) // { limit: 10 }
 */
export const query = (parsed: typeof range extends Options.Options<infer A> ? A : never) => ({
  ...Option.match(parsed.start, { onNone: () => ({}), onSome: (start) => ({ start }) }),
  ...Option.match(parsed.end, { onNone: () => ({}), onSome: (end) => ({ end }) }),
  ...Option.match(parsed.direction, { onNone: () => ({}), onSome: (direction) => ({ direction }) }),
  ...pageSize(parsed.limit)
})

/**
 * `{ limit }` for a query: the cap when under 1000, else the largest page.
 *
 * @since 0.1.0
 * @category options
 * @example
 * import { Option } from "effect"
 * import { pageSize } from "./Params.js"
 * pageSize(Option.some(5000)) // { limit: 1000 }
 */
export const pageSize = (cap: Option.Option<number>): { readonly limit: number } => ({
  limit: Option.match(cap, { onNone: () => 1000, onSome: (n) => Math.min(n, 1000) })
})

/**
 * A stream cut to `--limit` items (all of it without one).
 *
 * @since 0.1.0
 * @category options
 * @example
 * import { Option, Stream } from "effect"
 * import { capped } from "./Params.js"
 * const first = capped(Stream.range(1, 100), Option.some(3))
 */
export const capped = <A, E, R>(stream: Stream.Stream<A, E, R>, cap: Option.Option<number>) =>
  Option.match(cap, { onNone: () => stream, onSome: (n) => Stream.take(stream, n) })
