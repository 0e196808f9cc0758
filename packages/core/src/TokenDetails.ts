/**
 * `TokenDetails` (TD2–TD7): a token and what the server says about it.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The token travels as a plain string on the wire and is `Redacted` once decoded, so it
 * never reaches a log or an error message.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { TokenDetails } from "@effect-ably/core"
 * import { Schema } from "effect"
 * const details = Schema.decodeUnknownSync(TokenDetails.TokenDetails)({ token: "abc", expires: 1700000000000 })
 */
export const TokenDetails = Schema.Struct({
  token: Schema.Redacted(Schema.NonEmptyString),
  // Finite: an expiry of NaN or Infinity (msgpack can carry both) would never renew.
  expires: Schema.optional(Schema.Finite),
  issued: Schema.optional(Schema.Finite),
  capability: Schema.optional(Schema.String),
  clientId: Schema.optional(Schema.String),
  keyName: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type TokenDetails = typeof TokenDetails.Type
