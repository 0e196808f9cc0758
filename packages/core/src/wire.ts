/**
 * Ably's wire format for tools that speak it from the other side, such as
 * `@effect-ably/emulator`: the JSON/msgpack codec, UTF-8, the message size and encoding-step
 * rules, channel-name path rules, `Link` header parsing, the legacy stats shape and the
 * token bucket of rate limits. Applications do not need this entry.
 *
 * @since 0.1.0
 */

/**
 * JSON and msgpack bodies: content types, encode, decode, UTF-8.
 *
 * @since 0.1.0
 */
export * as Codec from "./internal/http/Codec.js"

/**
 * Channel names as one path segment, and the names Ably refuses.
 *
 * @since 0.1.0
 */
export * as ChannelName from "./internal/channel/ChannelName.js"

/**
 * `Link` header parsing and resolution against the configured hosts.
 *
 * @since 0.1.0
 */
export * as Link from "./internal/paginated/Link.js"

/**
 * The legacy (pre-v2 protocol) stats shape and its conversion.
 *
 * @since 0.1.0
 */
export * as StatsLegacy from "./internal/stats/StatsLegacy.js"

/**
 * The default message size limit, how a message's size is counted, and encoding steps.
 *
 * @since 0.1.0
 */
export * as MessageRules from "./internal/message/MessageRules.js"

/**
 * UTF-8 text ⇄ bytes and byte lengths.
 *
 * @since 0.1.0
 */
export * as Utf8 from "./internal/Utf8.js"

/**
 * The token bucket of Ably's per-second rate limits, as the client-side limiter applies it:
 * the emulator refuses with the same arithmetic (`tryTake`).
 *
 * @since 0.1.0
 */
export * as Bucket from "./internal/rateLimit/Bucket.js"
