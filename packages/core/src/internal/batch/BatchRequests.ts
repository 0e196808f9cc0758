/**
 * Sending the requests of a batch operation and reading per-channel results from each, so
 * that a failed request turns into failed items instead of losing the other requests'
 * outcomes.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as BatchResult from "../../BatchResult.js"
import { type AblyError, unexpectedResponse } from "../../Errors.js"
import type { Service as Http } from "../http/AblyHttp.js"
import type { AblyRequest } from "../http/AblyRequest.js"
import { errorFromResponse } from "../http/ResponseDecoding.js"
import { isSuccess } from "../http/Transport.js"

/**
 * One request of a batch: what to send, and the channels each of its batches addresses
 * (one group per `BatchPublishSpec`; one group for batch presence).
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchRequest {
  readonly request: AblyRequest
  readonly channels: ReadonlyArray<ReadonlyArray<string>>
  /** What the request waits for before it goes (the client-side publish limiter), if anything. */
  readonly wait?: Effect.Effect<void, AblyError> | undefined
}

// A partly failed batch answers 400 with the per-channel results in `batchResponse` (legacy).
const isLegacyPartialFailure = (body: unknown) => Predicate.isRecord(body) && Array.isArray(body["batchResponse"])

/**
 * Sends one request and decodes each per-channel result with `decodeItem`; the answer is one
 * array of results per group. An error answer without per-channel results fails.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import * as BatchRequests from "./BatchRequests.js"
 * import { Effect } from "effect"
 * const items = Effect.flatMap(AblyHttp.AblyHttp, (http) =>
 *   BatchRequests.send(http, { request: { method: "GET", path: "/presence", query: [["channels", "a,b"]] }, channels: [["a", "b"]] }, Effect.succeed))
 */
export const send = <A>(
  http: Http,
  batch: BatchRequest,
  decodeItem: (item: unknown) => Effect.Effect<A, AblyError>
): Effect.Effect<ReadonlyArray<ReadonlyArray<A>>, AblyError> =>
  Effect.gen(function*() {
    if (batch.wait !== undefined) yield* batch.wait
    const response = yield* http.sendRaw(batch.request)
    if (!isSuccess(response.status) && !isLegacyPartialFailure(response.body)) {
      return yield* Effect.fail(errorFromResponse(response))
    }
    const grouped = BatchResult.groups(response.body, batch.channels.map((group) => group.length))
    if (grouped === undefined || grouped.length !== batch.channels.length) {
      return yield* Effect.fail(unexpectedResponse("batch result", response.body, response.requestId))
    }
    return yield* Effect.forEach(grouped, (items) => Effect.forEach(items, decodeItem))
  })

const decodeFailure = Schema.decodeUnknown(BatchResult.WireFailure)

/**
 * Decodes a per-channel item: a `Failure` when it carries `error`, else with `decodeSuccess`.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as BatchRequests from "./BatchRequests.js"
 * import { Effect } from "effect"
 * const decode = BatchRequests.itemDecoder((item) => Effect.succeed({ _tag: "Success" as const, item }))
 */
export const itemDecoder =
  <S>(decodeSuccess: (item: unknown) => Effect.Effect<S, AblyError>) =>
  (item: unknown): Effect.Effect<S | BatchResult.Failure, AblyError> =>
    Predicate.isRecord(item) && item["error"] !== undefined
      ? decodeFailure(item).pipe(
        Effect.mapError((cause) => unexpectedResponse("batch failure result", cause)),
        Effect.map((wire) => BatchResult.failure(wire.channel, BatchResult.toAblyError(wire.error)))
      )
      : decodeSuccess(item)

/**
 * Sends every request in order. When all fail, the operation fails with the first error:
 * nothing was done. Otherwise the channels of a failed request get failure results carrying
 * its error, and the other requests' results are kept.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import * as AblyHttp from "../http/AblyHttp.js"
 * import * as BatchRequests from "./BatchRequests.js"
 * import { Effect } from "effect"
 * const batches = [["a", "b"], ["c"]].map((channels) => ({ request: { method: "GET" as const, path: "/presence", query: [["channels", channels.join(",")] as const] }, channels: [channels] }))
 * const items = Effect.flatMap(AblyHttp.AblyHttp, (http) => BatchRequests.sendAll(http, batches, Effect.succeed))
 */
export const sendAll = <A>(
  http: Http,
  batches: ReadonlyArray<BatchRequest>,
  decodeItem: (item: unknown) => Effect.Effect<A, AblyError>
): Effect.Effect<ReadonlyArray<ReadonlyArray<ReadonlyArray<A | BatchResult.Failure>>>, AblyError> =>
  Effect.gen(function*() {
    const outcomes = yield* Effect.forEach(batches, (batch) => Effect.either(send(http, batch, decodeItem)))
    const firstError = outcomes.find(Either.isLeft)
    if (firstError !== undefined && outcomes.every(Either.isLeft)) return yield* Effect.fail(firstError.left)
    return outcomes.map((outcome, index) =>
      Either.getOrElse(
        outcome,
        (error) => batches[index]!.channels.map((group) => group.map((channel) => BatchResult.failure(channel, error)))
      )
    )
  })
