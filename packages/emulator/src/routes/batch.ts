/**
 * Batch endpoints: `POST /messages` (RSC22, publish to many channels) and `GET /presence`
 * (RSC24, presence of many channels). Each channel succeeds or fails on its own. From
 * protocol 3 the answer is the `BatchResult` envelope (201 / 200 even for mixed outcomes);
 * before, a bare array, or 400 / 40020 with the per-channel results in `batchResponse`.
 *
 * @since 0.1.0
 */
import { BatchResult, Errors, Message } from "@effect-ably/core"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Capability from "../auth/Capability.js"
import { authenticate, type Principal } from "../auth/Credentials.js"
import { identify } from "../auth/Identity.js"
import { Emulator } from "../Emulator.js"
import { readBodyBytes, requestUrl, responseProtocol } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import { isModern } from "../http/Version.js"
import * as Activity from "../state/Activity.js"
import type { PublishInput } from "../state/Model.js"
import * as Presence from "../state/Presence.js"
import * as ChannelName from "./ChannelName.js"
import { checkSize, toPublishInput } from "./MessageWire.js"
import { encodePresence } from "./presence.js"

/**
 * The most channels one batch request may address.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { maxChannels } from "./batch.js"
 * maxChannels // 100
 */
export const maxChannels = 100

/**
 * The largest batch request body (2 MiB).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { maxBodyBytes } from "./batch.js"
 * maxBodyBytes // 2_097_152 (2 MiB)
 */
export const maxBodyBytes = 2 * 1024 * 1024

const oneOrMany = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.transform(Schema.Union(item, Schema.Array(item)), Schema.Array(Schema.typeSchema(item)), {
    strict: true,
    decode: (value) => (Array.isArray(value) ? value : [value as A]),
    encode: (value) => value
  })

/**
 * One `BatchPublishSpec` (BSP2) as received: `channels` and `messages`, each one or many.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { BatchSpec } from "./batch.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(BatchSpec)({ channels: "news", messages: { name: "greeting", data: "hi" } })
 * // → { channels: ["news"], messages: [{ name: "greeting", data: "hi" }] }
 */
export const BatchSpec = Schema.Struct({
  channels: oneOrMany(Schema.String),
  messages: oneOrMany(Message.WireMessage)
})

type Item = { readonly channel: string } & Record<string, unknown>

const failure = (channel: string, error: Errors.AblyError): Item => ({
  channel,
  error: BatchResult.toWireErrorInfo(error)
})

// Whether a channel may be used, as a per-channel failure rather than a failed request.
const channelCheck = (principal: Principal, channel: string, operation: Capability.Operation) =>
  Effect.either(
    Effect.zipRight(ChannelName.validate(channel), Capability.ensure(principal.capability, channel, operation))
  )

const answer = (status: number, groups: ReadonlyArray<ReadonlyArray<Item>>, single: boolean) =>
  Effect.gen(function*() {
    if (yield* isModern) {
      const envelopes = groups.map((results) => {
        const failureCount = results.filter((result) => result["error"] !== undefined).length
        return { successCount: results.length - failureCount, failureCount, results }
      })
      return yield* respond(status, single ? envelopes[0] : envelopes)
    }
    const flat = groups.flat()
    if (!flat.some((result) => result["error"] !== undefined)) return yield* respond(status, single ? flat : groups)
    const error = Errors.ablyError(40020, 400, "Batched request failed for one or more channels")
    return yield* respond(400, { error: BatchResult.toWireErrorInfo(error), batchResponse: flat })
  })

/**
 * Publishes every spec to each of its channels. A malformed body fails with 400 / 40001,
 * more than 100 channels with 400 / 40003, a body over 2 MiB with 413 / 40009, messages over
 * the size limit with 400 / 40009. An invalid channel name (40010), a missing `publish`
 * capability (40160) or the channel's rate limit (`rateLimits.channel`, 429 / 42910) fails that
 * channel only.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { batchPublish } from "./batch.js"
 * const handler = batchPublish
 */
export const batchPublish = Effect.gen(function*() {
  const principal = yield* authenticate
  const { bytes, value: body } = yield* readBodyBytes
  if (bytes.byteLength > maxBodyBytes) {
    return yield* Effect.fail(
      Errors.ablyError(40009, 413, `Batch request body too large: ${bytes.byteLength} bytes, limit ${maxBodyBytes}`)
    )
  }
  const single = !Array.isArray(body)
  const specs = yield* Schema.decodeUnknown(oneOrMany(BatchSpec))(body).pipe(
    Effect.mapError((cause) =>
      Errors.ablyError(40001, 400, `Invalid batch body: ${Errors.describeParseError(cause)}`, { cause })
    )
  )
  const channelCount = specs.reduce((total, spec) => total + spec.channels.length, 0)
  if (channelCount > maxChannels) {
    return yield* Effect.fail(
      Errors.ablyError(40003, 400, `Too many channels in one batch request: ${channelCount}, limit ${maxChannels}`)
    )
  }
  const prepared = yield* Effect.forEach(specs, (spec) =>
    Effect.gen(function*() {
      // The same identity rules as a single-channel publish.
      const messages: ReadonlyArray<PublishInput> = yield* identify(
        principal,
        yield* Effect.forEach(spec.messages, toPublishInput)
      )
      yield* checkSize(messages)
      return { channels: spec.channels, messages }
    }))
  const emulator = yield* Emulator
  const groups = yield* Effect.forEach(
    prepared,
    (spec) =>
      Effect.forEach(
        spec.channels,
        (channel) =>
          Effect.flatMap(channelCheck(principal, channel, "publish"), (allowed) =>
            Either.isLeft(allowed)
              ? Effect.succeed(failure(channel, allowed.left))
              // The channel's rate limit counts a batch's messages as a publish's (42910 fails that channel).
              : emulator.rateLimits.publish(principal.app, channel, spec.messages.length).pipe(
                Effect.zipRight(emulator.publish(principal.app.appId, channel, spec.messages)),
                Effect.map(({ messageId, serials }): Item => ({ channel, messageId, serials })),
                Effect.catchAll((error) => Effect.succeed(failure(channel, error)))
              ))
      )
  )
  return yield* answer(201, groups, single)
})

/**
 * The members of each channel in `channels` (split by `separator`, default `,`). More than
 * 100 channels fail with 400 / 40003, none with 400 / 40000; an invalid name (40010) or a
 * missing `subscribe` capability (40160) fails that channel only.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { batchPresence } from "./batch.js"
 * const handler = batchPresence
 */
export const batchPresence = Effect.gen(function*() {
  const principal = yield* authenticate
  const url = requestUrl(yield* HttpServerRequest.HttpServerRequest)
  const separator = url.searchParams.get("separator") || ","
  const channels = (url.searchParams.get("channels") ?? "").split(separator).filter((channel) => channel !== "")
  if (channels.length === 0) return yield* Effect.fail(Errors.ablyError(40000, 400, "Missing channels parameter"))
  if (channels.length > maxChannels) {
    return yield* Effect.fail(
      Errors.ablyError(40003, 400, `Too many channels in one batch request: ${channels.length}, limit ${maxChannels}`)
    )
  }
  const protocol = yield* responseProtocol
  const results = yield* Effect.forEach(
    channels,
    (channel) =>
      Effect.flatMap(channelCheck(principal, channel, "subscribe"), (allowed) =>
        Either.isLeft(allowed)
          ? Effect.succeed(failure(channel, allowed.left))
          : Effect.map(
            encodePresence(
              protocol,
              Presence.members(Activity.channelOf(principal.app, channel).presence ?? Presence.emptyPresence, {
                limit: Number.MAX_SAFE_INTEGER
              }).items
            ),
            (presence): Item => ({ channel, presence })
          ))
  )
  return yield* answer(200, [results], true)
})
