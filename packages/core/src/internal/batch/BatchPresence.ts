/**
 * `batchPresence` (RSC24): the presence members of many channels with `GET /presence`, one
 * result per channel, success or failure, as data. Presence data is decoded like
 * `presence.get` (RSL6).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as BatchResult from "../../BatchResult.js"
import { type AblyError, unexpectedResponse } from "../../Errors.js"
import type { PresenceMessage } from "../../PresenceMessage.js"
import type { Service as Http } from "../http/AblyHttp.js"
import * as Input from "../Input.js"
import * as PresenceDecode from "../presence/PresenceDecode.js"
import { withDefault } from "../SchemaDefault.js"
import * as Span from "../Span.js"
import * as BatchRequests from "./BatchRequests.js"

/**
 * The members present on one channel (BGR2).
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchPresenceSuccess {
  readonly _tag: "Success"
  readonly channel: string
  readonly presence: ReadonlyArray<PresenceMessage>
}

/**
 * @since 0.1.0
 * @category models
 */
export type BatchPresenceResult = BatchPresenceSuccess | BatchResult.Failure

/**
 * The most channels one request asks about; longer lists are split.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as BatchPresence from "./BatchPresence.js"
 * BatchPresence.maxChannelsPerRequest // 100
 */
export const maxChannelsPerRequest = 100

// Channel names may contain commas: then another separator goes with the `separator` param.
const separators = [",", "|", ";", "\n", "\t"]

/**
 * The `channels` (and, when needed, `separator`) query for a list of channels.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as BatchPresence from "./BatchPresence.js"
 * BatchPresence.channelsQuery(["a", "b"]) // [["channels", "a,b"]]
 * BatchPresence.channelsQuery(["a,1", "b"]) // [["channels", "a,1|b"], ["separator", "|"]]
 */
export const channelsQuery = (channels: ReadonlyArray<string>): ReadonlyArray<readonly [string, string]> => {
  const separator = separators.find((candidate) => channels.every((channel) => !channel.includes(candidate))) ?? ","
  const joined: readonly [string, string] = ["channels", channels.join(separator)]
  return separator === "," ? [joined] : [joined, ["separator", separator]]
}

const Success = Schema.Struct({
  channel: Schema.String,
  presence: withDefault(Schema.Array(Schema.Unknown), () => [])
})
const decodeSuccess = Schema.decodeUnknown(Success)

const decodeItem = BatchRequests.itemDecoder((item): Effect.Effect<BatchPresenceResult, AblyError> =>
  decodeSuccess(item).pipe(
    Effect.mapError((cause) => unexpectedResponse("batch presence result", cause)),
    Effect.flatMap((wire) =>
      Effect.map(
        PresenceDecode.fromWireArray(wire.presence),
        (presence) => ({ _tag: "Success", channel: wire.channel, presence })
      )
    )
  )
)

/**
 * Checks the channel list of a batch presence call whatever its static type: an array (else
 * 40003) of strings (else 40010).
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import * as BatchPresence from "./BatchPresence.js"
 * BatchPresence.checkChannels(["a", "b"]) // Either.right(["a", "b"])
 * BatchPresence.checkChannels("a,b") // Either.left(AblyError 40003)
 */
export const checkChannels = (channels: unknown): Either.Either<ReadonlyArray<string>, AblyError> =>
  Input.guard(() => {
    if (!Array.isArray(channels)) {
      return Either.left(Input.invalid("batchPresence channels", "an array of channel names", channels))
    }
    for (const channel of channels) {
      if (typeof channel !== "string") {
        return Either.left(Input.invalid("batchPresence channel name", "a string", channel, 40010))
      }
    }
    return Either.right(channels)
  }, () => Input.unreadable("batchPresence channels"))

/**
 * Reads the presence of every channel, 100 channels per request, and merges the answers
 * into one `BatchResult` in the order given. A request that fails as a whole gives its
 * channels `Failure` results, unless every request failed, which fails the operation.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as BatchPresence from "./BatchPresence.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect } from "effect"
 * const result = Effect.flatMap(AblyHttp.AblyHttp, (http) => BatchPresence.batchPresence(http, ["room:1", "room:2"]))
 */
export const batchPresence = (
  http: Http,
  channels: ReadonlyArray<string>
): Effect.Effect<BatchResult.BatchResult<BatchPresenceResult>, AblyError> =>
  Effect.gen(function*() {
    yield* checkChannels(channels)
    const chunks: Array<ReadonlyArray<string>> = []
    for (let start = 0; start < channels.length; start += maxChannelsPerRequest) {
      chunks.push(channels.slice(start, start + maxChannelsPerRequest))
    }
    const answers = yield* BatchRequests.sendAll(
      http,
      chunks.map((chunk) => ({
        request: { method: "GET" as const, path: "/presence", query: channelsQuery(chunk) },
        channels: [chunk]
      })),
      decodeItem
    )
    return BatchResult.fromResults(answers.flat(2))
  }).pipe(
    Span.withSpan("Rest.batchPresence", {
      captureStackTrace: false,
      attributes: { "ably.batch.channels": Array.isArray(channels) ? channels.length : 0 }
    })
  )
