/**
 * Every list endpoint answers with an array body (messages, presence, stats, channels): one
 * decoder for them all. An empty body is an empty list; a body of the wrong shape fails with
 * 50000, the parse issue as a bounded cause.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type AblyError, unexpectedResponse } from "../../Errors.js"
import type { AblyResponse } from "./AblyRequest.js"

/**
 * The decoder of an array body of `item`s; `what` names the list in errors ("stats list").
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Stats } from "@effect-ably/core"
 * import * as ArrayBody from "./ArrayBody.js"
 * const statsFromResponse = ArrayBody.decoder(Stats.Stats, "stats list")
 */
export const decoder = <A, I>(item: Schema.Schema<A, I>, what: string) => {
  const decode = Schema.decodeUnknown(Schema.Array(item))
  return (response: AblyResponse): Effect.Effect<ReadonlyArray<A>, AblyError> =>
    response.body === undefined
      ? Effect.succeed([])
      : Effect.mapError(decode(response.body), (cause) => unexpectedResponse(what, cause, response.requestId))
}
