/**
 * `batchPublish` (RSC22): publish messages to many channels with `POST /messages`. Each
 * `BatchPublishSpec` is prepared like a channel publish (encoding, 40009 size check, its own
 * idempotent ids, RSC22d); specs are split into requests within Ably's limits (100 channels,
 * 2 MiB per request); the outcome is one result per channel, success or failure, as data.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as BatchResult from "../../BatchResult.js"
import { type AblyError, unexpectedResponse } from "../../Errors.js"
import { checkOutbound, type OutboundMessage } from "../../Message.js"
import type { Service as Http } from "../http/AblyHttp.js"
import * as Codec from "../http/Codec.js"
import * as Input from "../Input.js"
import * as Publish from "../message/Publish.js"
import * as Span from "../Span.js"
import * as BatchRequests from "./BatchRequests.js"

/**
 * Messages for a set of channels (BSP2): every message goes to every channel.
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchPublishSpec {
  readonly channels: ReadonlyArray<string>
  readonly messages: ReadonlyArray<OutboundMessage>
}

/**
 * A channel the messages were published to (BPR2): the id base of the messages and one
 * serial per message (`null` where conflated).
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchPublishSuccess {
  readonly _tag: "Success"
  readonly channel: string
  readonly messageId: string | undefined
  readonly serials: ReadonlyArray<string | null>
}

/**
 * @since 0.1.0
 * @category models
 */
export type BatchPublishResult = BatchPublishSuccess | BatchResult.Failure

/**
 * The most channels one request addresses.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as BatchPublish from "./BatchPublish.js"
 * BatchPublish.maxChannelsPerRequest // 100
 */
export const maxChannelsPerRequest = 100

/**
 * The largest request body, in bytes (2 MiB).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as BatchPublish from "./BatchPublish.js"
 * BatchPublish.maxRequestBytes // 2_097_152
 */
export const maxRequestBytes = 2 * 1024 * 1024

/**
 * How to prepare messages: the client's protocol, size limit and idempotency setting.
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchPublishOptions {
  readonly protocol: Codec.Protocol
  readonly maxMessageSize: number
  readonly idempotent: boolean
  /**
   * The client-side publish limiter (`publishRateLimit`), waited on before each request with
   * the messages it sends per channel; `undefined` with no limit set.
   */
  readonly limit?: ((costs: ReadonlyMap<string, number>) => Effect.Effect<void, AblyError>) | undefined
}

// Part of a spec that fits in one request: at most 100 of its channels, all its messages.
interface Part {
  readonly spec: number
  readonly channels: ReadonlyArray<string>
  readonly messages: ReadonlyArray<Publish.WireOutbound>
  readonly bytes: number
}

interface Request {
  readonly parts: ReadonlyArray<Part>
  readonly channels: number
  readonly bytes: number
}

// Room for the `{"channels":…,"messages":…}` wrapper of a spec and the array around specs.
const wrapperBytes = 32

const partsOf = (
  spec: number,
  channels: ReadonlyArray<string>,
  messages: ReadonlyArray<Publish.WireOutbound>,
  protocol: Codec.Protocol
) =>
  Either.gen(function*() {
    const messageBytes = (yield* Codec.encode(protocol, messages)).byteLength
    const parts: Array<Part> = []
    for (let start = 0; start < channels.length; start += maxChannelsPerRequest) {
      const slice = channels.slice(start, start + maxChannelsPerRequest)
      parts.push({
        spec,
        channels: slice,
        messages,
        bytes: messageBytes + (yield* Codec.encode(protocol, slice)).byteLength + wrapperBytes
      })
    }
    return parts
  })

// Packs parts into requests in order, starting a new request when the next part would take
// it over 100 channels or 2 MiB. A part too big on its own still goes, alone.
const pack = (parts: ReadonlyArray<Part>): ReadonlyArray<Request> => {
  const requests: Array<{ parts: Array<Part>; channels: number; bytes: number }> = []
  let current = { parts: new Array<Part>(), channels: 0, bytes: wrapperBytes }
  for (const part of parts) {
    const fits = current.channels + part.channels.length <= maxChannelsPerRequest &&
      current.bytes + part.bytes <= maxRequestBytes
    if (!fits && current.parts.length > 0) {
      requests.push(current)
      current = { parts: [], channels: 0, bytes: wrapperBytes }
    }
    // Appended in place: copying the parts for every part made packing quadratic.
    current.parts.push(part)
    current.channels += part.channels.length
    current.bytes += part.bytes
  }
  if (current.parts.length > 0) requests.push(current)
  return requests
}

// The messages a request sends to each of its channels (a channel in two specs gets both).
const costsOf = (request: Request): Map<string, number> => {
  const costs = new Map<string, number>()
  for (const part of request.parts) {
    for (const channel of part.channels) costs.set(channel, (costs.get(channel) ?? 0) + part.messages.length)
  }
  return costs
}

const decodeSuccess = Schema.decodeUnknown(BatchResult.WirePublishSuccess)

const decodeItem = BatchRequests.itemDecoder((item): Effect.Effect<BatchPublishResult, AblyError> =>
  decodeSuccess(item).pipe(
    Effect.mapError((cause) => unexpectedResponse("batch publish result", cause)),
    Effect.map((wire) => ({ _tag: "Success", channel: wire.channel, messageId: wire.messageId, serials: wire.serials }))
  )
)

/**
 * Publishes every spec. Local problems (specs that are not specs: 40003, see `checkSpecs`; a
 * message over `maxMessageSize`: 40009; an unsupported payload: 40013) fail before anything
 * is sent. The idempotent ids of each spec are fixed when this Effect is built, so retrying it
 * or running it again resends the same ids. Per-channel failures (a
 * capability, an invalid name…) are `Failure` results; a request that fails as a whole gives
 * its channels `Failure` results, unless every request failed, which fails the operation.
 * With `publishRateLimit` set, each request first waits until its messages per channel, and
 * their total for the app, fit the client's limiter (the buckets channel publishes use).
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as BatchPublish from "./BatchPublish.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect } from "effect"
 * const options = { protocol: "json", maxMessageSize: 65536, idempotent: true } as const
 * const specs = [{ channels: ["a", "b"], messages: [{ name: "n", data: "d" }] }]
 * const results = Effect.flatMap(AblyHttp.AblyHttp, (http) => BatchPublish.batchPublish(http, options, specs))
 */
export const batchPublish = (
  http: Http,
  options: BatchPublishOptions,
  given: ReadonlyArray<BatchPublishSpec>
): Effect.Effect<ReadonlyArray<BatchResult.BatchResult<BatchPublishResult>>, AblyError> => {
  const checked = checkSpecs(given)
  // One id base per spec, drawn once per batch Effect: every run of it resends the same ids.
  const idBases = Either.isRight(checked) ? checked.right.map(() => Publish.idBaseOnce()) : []
  return Effect.gen(function*() {
    const specs = yield* checked
    const parts: Array<Part> = []
    for (const [index, spec] of specs.entries()) {
      // One preparation per spec: its own size budget and its own idempotent id base (RSC22d).
      const messages = yield* Publish.prepare(spec.messages, { ...options, idBase: idBases[index] })
      parts.push(...(yield* partsOf(index, spec.channels, messages, options.protocol)))
    }
    const requests = pack(parts)
    yield* Effect.annotateCurrentSpan({ "ably.batch.specs": specs.length, "ably.batch.requests": requests.length })
    const answers = yield* BatchRequests.sendAll(
      http,
      requests.map((request) => ({
        request: {
          method: "POST" as const,
          path: "/messages",
          body: request.parts.map((part) => ({ channels: part.channels, messages: part.messages }))
        },
        channels: request.parts.map((part) => part.channels),
        wait: options.limit === undefined ? undefined : options.limit(costsOf(request))
      })),
      decodeItem
    )
    const perSpec = specs.map((): Array<BatchPublishResult> => [])
    answers.forEach((groups, requestIndex) =>
      groups.forEach((results, partIndex) => perSpec[requests[requestIndex]!.parts[partIndex]!.spec]!.push(...results))
    )
    return perSpec.map(BatchResult.fromResults)
  }).pipe(Span.withSpan("Rest.batchPublish", { captureStackTrace: false }))
}

/**
 * `batchPublish` as the client offers it: one spec gives one `BatchResult`, an array of
 * specs one `BatchResult` per spec, in order (RSC22c).
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchPublishOperation {
  (spec: BatchPublishSpec): Effect.Effect<BatchResult.BatchResult<BatchPublishResult>, AblyError>
  (
    specs: ReadonlyArray<BatchPublishSpec>
  ): Effect.Effect<ReadonlyArray<BatchResult.BatchResult<BatchPublishResult>>, AblyError>
}

const checkSpec = (value: unknown, label: string): Either.Either<BatchPublishSpec, AblyError> => {
  if (!Input.isRecord(value)) return Either.left(Input.invalid(label, "{ channels, messages }", value))
  const channels: unknown = value["channels"]
  if (!Array.isArray(channels)) {
    return Either.left(Input.invalid(`${label}: channels`, "an array of channel names", channels))
  }
  for (const channel of channels) {
    if (typeof channel !== "string") {
      return Either.left(Input.invalid(`${label}: channel name`, "a string", channel, 40010))
    }
  }
  const given: unknown = value["messages"]
  // A single message stands for a list of one, as in ably-js.
  const list: ReadonlyArray<unknown> | undefined = Array.isArray(given)
    ? given
    : Input.isRecord(given)
    ? [given]
    : undefined
  if (list === undefined) return Either.left(Input.invalid(`${label}: messages`, "an array of messages", given, 40013))
  const messages: Array<OutboundMessage> = []
  for (let index = 0; index < list.length; index++) {
    const message = checkOutbound(list[index], `${label}: message ${index}`)
    if (Either.isLeft(message)) return Either.left(message.left)
    messages.push(message.right)
  }
  return Either.right({ channels: [...channels], messages })
}

const isSpecList = (
  specs: BatchPublishSpec | ReadonlyArray<BatchPublishSpec>
): specs is ReadonlyArray<BatchPublishSpec> => Array.isArray(specs)

/**
 * Checks the specs of a batch publish whatever their static type: each an object with
 * `channels` (an array of strings; a name that is not a string is 40010) and `messages` (an
 * array of messages, or one message; checked as `Message.checkOutbound`). Anything else is
 * 40003. Gives copies, so what was checked is what is sent, on every retry.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import * as BatchPublish from "./BatchPublish.js"
 * BatchPublish.checkSpecs([{ channels: ["a"], messages: [{ name: "n" }] }]) // Either.right([...])
 * BatchPublish.checkSpecs(null) // Either.left(AblyError 40003)
 */
export const checkSpecs = (specs: unknown): Either.Either<ReadonlyArray<BatchPublishSpec>, AblyError> =>
  Input.guard(() => {
    if (!Array.isArray(specs)) {
      return Either.left(Input.invalid("batchPublish specs", "an array of { channels, messages }", specs))
    }
    const checked: Array<BatchPublishSpec> = []
    for (let index = 0; index < specs.length; index++) {
      const spec = checkSpec(specs[index], `batchPublish spec ${index}`)
      if (Either.isLeft(spec)) return Either.left(spec.left)
      checked.push(spec.right)
    }
    return Either.right(checked)
  }, () => Input.unreadable("batchPublish specs"))

/**
 * Builds the client's `batchPublish`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as BatchPublish from "./BatchPublish.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect } from "effect"
 * const result = Effect.flatMap(AblyHttp.AblyHttp, (http) => {
 *   const batchPublish = BatchPublish.make(http, { protocol: "json", maxMessageSize: 65536, idempotent: true })
 *   return batchPublish({ channels: ["a", "b"], messages: [{ name: "n", data: "d" }] })
 * })
 */
export const make = (http: Http, options: BatchPublishOptions): BatchPublishOperation => {
  function operation(spec: BatchPublishSpec): Effect.Effect<BatchResult.BatchResult<BatchPublishResult>, AblyError>
  function operation(
    specs: ReadonlyArray<BatchPublishSpec>
  ): Effect.Effect<ReadonlyArray<BatchResult.BatchResult<BatchPublishResult>>, AblyError>
  function operation(specs: BatchPublishSpec | ReadonlyArray<BatchPublishSpec>) {
    return run(http, options, specs)
  }
  return operation
}

/**
 * `batchPublish` on one spec or a list: only an array is a list of specs (one `BatchResult`
 * per spec); anything else is one spec, checked as such (one `BatchResult`).
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as BatchPublish from "./BatchPublish.js"
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import { Effect } from "effect"
 * const results = Effect.flatMap(AblyHttp.AblyHttp, (http) =>
 *   BatchPublish.run(http, { protocol: "json", maxMessageSize: 65536, idempotent: false }, [{ channels: ["a"], messages: [{ name: "n" }] }]))
 */
export const run = (
  http: Http,
  options: BatchPublishOptions,
  specs: BatchPublishSpec | ReadonlyArray<BatchPublishSpec>
): Effect.Effect<
  BatchResult.BatchResult<BatchPublishResult> | ReadonlyArray<BatchResult.BatchResult<BatchPublishResult>>,
  AblyError
> =>
  isSpecList(specs)
    ? batchPublish(http, options, specs)
    : Effect.map(batchPublish(http, options, [specs]), (results) => results[0]!)
