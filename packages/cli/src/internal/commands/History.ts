/**
 * `effect-ably history`, `presence` and `status`: what a channel holds.
 *
 * @since 0.1.0
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { options } from "../Global.js"
import { printLine, printStream, withRest } from "../Run.js"
import { capped, limit, pageSize, query, range } from "./Params.js"

const channel = Args.text({ name: "channel" }).pipe(Args.withDescription("the channel name"))

/**
 * `history <channel> [--start --end --direction --limit]`: the channel's messages as NDJSON,
 * fetched page by page as they are written (constant memory).
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { history } from "./History.js"
 * const command = history
 */
export const history = Command.make(
  "history",
  { global: options, channel, range },
  ({ channel, global, range }) =>
    withRest(global, (rest) => printStream(capped(rest.channels.get(channel).history(query(range)), range.limit)))
).pipe(
  Command.withDescription("Print a channel's message history as NDJSON (newest first unless --direction forwards)")
)

/**
 * `presence <channel> [--history] [--client-id] [--limit]`: the present members (or the
 * presence history) as NDJSON.
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { presence } from "./History.js"
 * const command = presence
 */
export const presence = Command.make("presence", {
  global: options,
  channel,
  history: Options.boolean("history").pipe(Options.withDescription("print presence history instead of members")),
  clientId: Options.text("client-id").pipe(Options.withDescription("only this client's members"), Options.optional),
  limit: limit("how many to print in all")
}, ({ channel, clientId, global, history, limit }) =>
  withRest(global, (rest) => {
    const members = rest.channels.get(channel).presence
    const clientIdParam = Option.match(clientId, { onNone: () => ({}), onSome: (id) => ({ clientId: id }) })
    return printStream(
      capped(history ? members.history(pageSize(limit)) : members.get({ ...pageSize(limit), ...clientIdParam }), limit)
    )
  })).pipe(Command.withDescription("Print a channel's presence members (or --history) as NDJSON"))

/**
 * `status <channel>`: the channel's details and occupancy (needs `channel-metadata`).
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { status } from "./History.js"
 * const command = status
 */
export const status = Command.make(
  "status",
  { global: options, channel },
  ({ channel, global }) => withRest(global, (rest) => Effect.flatMap(rest.channels.get(channel).status, printLine))
).pipe(
  Command.withDescription("Print a channel's details and occupancy as JSON")
)
