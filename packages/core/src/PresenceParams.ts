/**
 * Query parameters of `presence.get` (RSP3), validated before sending.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * import { PresenceParams } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(PresenceParams.PresenceParams)({ limit: 50, clientId: "alice" })
 */
export const PresenceParams = Schema.Struct({
  /** Page size, 1–1000 (server default 100). */
  limit: Schema.optional(Schema.Int.pipe(Schema.between(1, 1000))),
  /** Only the members with this clientId. */
  clientId: Schema.optional(Schema.String),
  /** Only the members on this connection. */
  connectionId: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type PresenceParams = typeof PresenceParams.Type
