/**
 * Every list endpoint answers with an array body (messages, presence, stats, channels): one
 * decoder for them all. An empty body is an empty list; a body of the wrong shape fails with
 * 50000, the parse issue as a bounded cause.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { type AblyError, unexpectedResponse } from "../../Errors.js"
import * as Lazy from "../Lazy.js"
import type { AblyResponse } from "./AblyRequest.js"

/**
 * The decoder of an array of `item`s, wherever it comes from (a body, a batch result); `what`
 * names the list in errors ("stats list"), `requestId` the request it answered. `common`,
 * when given, reads the usual shape of an item by hand and answers `undefined` for anything
 * else, which the Schema then decodes; it must give what the Schema gives. A value the
 * Schema refuses fails with 50000 and the Schema's own issue, as without `common`. When every
 * item is read as itself (the same value back), the list is `value` itself, not a copy.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Stats } from "@effect-ably/core"
 * import * as ArrayBody from "./ArrayBody.js"
 * const statsList = ArrayBody.arrayDecoder(Stats.Stats, "stats list")
 * const stats = statsList([{ intervalId: "2024-01-01:00:00", unit: "minute" }])
 */
export const arrayDecoder = <A, I>(
  item: Schema.Schema<A, I>,
  what: string,
  common?: (raw: unknown) => A | undefined
) => {
  // The Schema's parsers are compiled on first use, not when the decoder is made (at import).
  const decodeAll = Lazy.onFirstCall(() => Schema.decodeUnknown(Schema.Array(item)))
  const decodeOne = Lazy.onFirstCall(() => Schema.decodeUnknownEither(item))
  const fail = (value: unknown, requestId: string | undefined): Effect.Effect<ReadonlyArray<A>, AblyError> =>
    Effect.mapError(decodeAll(value), (cause) => unexpectedResponse(what, cause, requestId))
  return (value: unknown, requestId?: string): Effect.Effect<ReadonlyArray<A>, AblyError> => {
    if (common === undefined || !Array.isArray(value)) return fail(value, requestId)
    // No copy while every item is read as itself (channel names): the array is then its own
    // list of `A`s. The copy starts at the first item read as another value.
    let items: Array<A> | undefined
    for (let index = 0; index < value.length; index++) {
      const raw: unknown = value[index]
      let read = common(raw)
      if (read === undefined) {
        const decoded = decodeOne(raw)
        // The whole value again, so that the issue names the item's index as it always did.
        if (Either.isLeft(decoded)) return fail(value, requestId)
        read = decoded.right
      }
      if (items !== undefined) items[index] = read
      else if (read !== raw) {
        items = new Array(value.length)
        // The items before this one were read as themselves: each is an `A`.
        for (let before = 0; before < index; before++) items[before] = value[before]
        items[index] = read
      }
    }
    // Every item was read as itself, so each is an `A` (`value` holds `unknown`s by its type).
    return Effect.succeed(items ?? value)
  }
}

/**
 * The decoder of an array body of `item`s (`[]` for an empty body): see `arrayDecoder`.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Stats } from "@effect-ably/core"
 * import * as ArrayBody from "./ArrayBody.js"
 * const statsFromResponse = ArrayBody.decoder(Stats.Stats, "stats list")
 */
export const decoder = <A, I>(item: Schema.Schema<A, I>, what: string, common?: (raw: unknown) => A | undefined) => {
  const decode = arrayDecoder(item, what, common)
  return (response: AblyResponse): Effect.Effect<ReadonlyArray<A>, AblyError> =>
    response.body === undefined ? Effect.succeed([]) : decode(response.body, response.requestId)
}
