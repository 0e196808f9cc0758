/**
 * The `TokenParams` Schema on its own (re-exported by `TokenParams`), so that `ClientOptions`
 * can use it without loading the token calls' argument checks.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CapabilityMap } from "../../Capability.js"

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * import { TokenParams } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(TokenParams.TokenParams)({ ttl: 60_000, capability: { "chat:*": ["publish"] } })
 */
export const TokenParams = Schema.Struct({
  /** Time to live in ms; the server's default (60 min) when absent. */
  ttl: Schema.optional(Schema.Int.pipe(Schema.positive())),
  /** The capability as JSON text or a map; the key's capability when absent. */
  capability: Schema.optional(Schema.Union(Schema.String, CapabilityMap)),
  /** `"*"` lets the token holder assume every identity. */
  clientId: Schema.optional(Schema.String),
  /** ms since the epoch; a one-off value, never stored as a default (TK2d). */
  timestamp: Schema.optional(Schema.Finite),
  /** At least 16 characters; random when absent. */
  nonce: Schema.optional(Schema.String.pipe(Schema.minLength(16)))
})
