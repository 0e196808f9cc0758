/**
 * effect-ably core: the Ably REST client as Effect services, Schemas and Streams. The
 * machinery behind it lives in `internal/` and is not part of the API.
 *
 * @since 0.1.0
 */

/**
 * Resolved options as a service: `layer`, `layerConfig` (ABLY_API_KEY, ABLY_ENDPOINT, …) and key parsing.
 *
 * @since 0.1.0
 */
export * as AblyOptions from "./AblyOptions.js"

/**
 * Annotations of messages (TAN): the model, what to publish, `fromEncoded`, and typed
 * summary readers (TM7).
 *
 * @since 0.1.0
 */
export * as Annotation from "./Annotation.js"

/**
 * The shapes of `authCallback` and of the per-call auth options (`authUrl`, `authHeaders`, …).
 *
 * @since 0.1.0
 */
export * as AuthCallback from "./AuthCallback.js"

/**
 * Batch presence (RSC24): one result per channel.
 *
 * @since 0.1.0
 */
export * as BatchPresence from "./BatchPresence.js"

/**
 * Batch publish (RSC22): specs and per-channel results.
 *
 * @since 0.1.0
 */
export * as BatchPublish from "./BatchPublish.js"

/**
 * The per-channel results of batch operations (successes and failures).
 *
 * @since 0.1.0
 */
export * as BatchResult from "./BatchResult.js"

/**
 * Capabilities (resources → operations) and their canonical JSON text.
 *
 * @since 0.1.0
 */
export * as Capability from "./Capability.js"

/**
 * Channel status (RSL8): `ChannelDetails`, `ChannelStatus`, occupancy metrics.
 *
 * @since 0.1.0
 */
export * as ChannelDetails from "./ChannelDetails.js"

/**
 * Channel options: a cipher and data Schemas for typed channels.
 *
 * @since 0.1.0
 */
export * as ChannelOptions from "./ChannelOptions.js"

/**
 * The client options a user passes (`ClientOptionsInput`) as a Schema.
 *
 * @since 0.1.0
 */
export * as ClientOptions from "./ClientOptions.js"

/**
 * Encryption (RSE): `generateRandomKey`, `getDefaultParams`, cipher params.
 *
 * @since 0.1.0
 */
export * as Crypto from "./Crypto.js"

/**
 * Typed channels: a Schema for message or presence data, and what a failed decode holds.
 *
 * @since 0.1.0
 */
export * as DataCodec from "./DataCodec.js"

/**
 * Per-call deadlines: `withDeadline("5 seconds")` bounds a call across hosts and token requests.
 *
 * @since 0.1.0
 */
export * as Deadline from "./Deadline.js"

/**
 * Ably's error codes as data: names, descriptions, families and predicates by name.
 *
 * @since 0.1.0
 */
export * as ErrorCode from "./ErrorCode.js"

/**
 * `AblyError`, the one error of the error channel, and its predicates.
 *
 * @since 0.1.0
 */
export * as Errors from "./Errors.js"

/**
 * The fallback-host policy (RSC15) as a `Schedule`: the default, its building blocks, the failure it steps on.
 *
 * @since 0.1.0
 */
export * as FallbackPolicy from "./FallbackPolicy.js"

/**
 * Parameters of message history (RSL2b): start, end, direction, limit.
 *
 * @since 0.1.0
 */
export * as HistoryParams from "./HistoryParams.js"

/**
 * The bounds the client applies to server answers (depth, size, Link headers, empty pages).
 *
 * @since 0.1.0
 */
export * as Limits from "./Limits.js"

/**
 * Parameters of channel enumeration (`channels.list`): prefix, by, limit, policies.
 *
 * @since 0.1.0
 */
export * as ListParams from "./ListParams.js"

/**
 * Messages (TM): the wire and API shapes, actions, outbound messages and publish results.
 *
 * @since 0.1.0
 */
export * as Message from "./Message.js"

/**
 * Pages of a paginated answer: the `PaginatedResult` surface.
 *
 * @since 0.1.0
 */
export * as Paginated from "./Paginated.js"

/**
 * Presence messages (TP): the wire and API shapes and actions.
 *
 * @since 0.1.0
 */
export * as PresenceMessage from "./PresenceMessage.js"

/**
 * Parameters of presence `get` and `history`.
 *
 * @since 0.1.0
 */
export * as PresenceParams from "./PresenceParams.js"

/**
 * The Promise facade for code without Effect: `fromLayer(layer)` gives ably-js-shaped async methods
 * over core, `AsyncIterable` lists and `AblyError` rejections.
 *
 * @since 0.1.0
 */
export * as PromiseClient from "./PromiseClient.js"

/**
 * Push admin (RSH1): device registrations, channel subscriptions and push publishing.
 *
 * @since 0.1.0
 */
export * as Push from "./Push.js"

/**
 * Rate limits (429xx): the facts of a rate-limit answer, an opt-in jittered backoff
 * (`retry`, `backoff`) and the client-side limiter's settings.
 *
 * @since 0.1.0
 */
export * as RateLimit from "./RateLimit.js"

/**
 * The generic REST call (RSC19): options and paginated answer.
 *
 * @since 0.1.0
 */
export * as Request from "./Request.js"

/**
 * The client: the `Rest` service, `make` and `layer`.
 *
 * @since 0.1.0
 */
export * as Rest from "./Rest.js"

/**
 * The client from configuration: `RestConfig.layer()` reads `ABLY_API_KEY`, `ABLY_ENDPOINT`, …
 *
 * @since 0.1.0
 */
export * as RestConfig from "./RestConfig.js"

/**
 * A REST channel (RSL): publish, history, presence, status.
 *
 * @since 0.1.0
 */
export * as RestChannel from "./RestChannel.js"

/**
 * A channel's presence (RSP): get and history.
 *
 * @since 0.1.0
 */
export * as RestPresence from "./RestPresence.js"

/**
 * Token revocation (RSA17): targets and results.
 *
 * @since 0.1.0
 */
export * as Revoke from "./Revoke.js"

/**
 * Application statistics (TS): the Stats record, units, entries.
 *
 * @since 0.1.0
 */
export * as Stats from "./Stats.js"

/**
 * Parameters of `stats` (RSC6): unit, start, end, direction, limit.
 *
 * @since 0.1.0
 */
export * as StatsParams from "./StatsParams.js"

/**
 * A token and its metadata (TD).
 *
 * @since 0.1.0
 */
export * as TokenDetails from "./TokenDetails.js"

/**
 * Token parameters (TK): ttl, capability, clientId, timestamp, nonce.
 *
 * @since 0.1.0
 */
export * as TokenParams from "./TokenParams.js"

/**
 * Signed token requests (TE): the shape and its HMAC signing.
 *
 * @since 0.1.0
 */
export * as TokenRequest from "./TokenRequest.js"

/**
 * The library and protocol versions and the Ably-Agent header.
 *
 * @since 0.1.0
 */
export * as Version from "./Version.js"
