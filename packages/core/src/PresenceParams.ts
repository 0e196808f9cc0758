/**
 * Query parameters of `presence.get` (RSP3), validated before sending.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError } from "./Errors.js"
import { query } from "./internal/http/AblyRequest.js"
import * as Input from "./internal/Input.js"

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

const decode = Schema.decodeUnknownEither(PresenceParams)

/**
 * Validates params, whatever their static type, and turns them into a query; not an object
 * or invalid values fail with 40003.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { PresenceParams } from "@effect-ably/core"
 * PresenceParams.toQuery({ clientId: "alice" }) // Either.right([["clientId", "alice"]])
 */
export const toQuery = (params: PresenceParams | undefined): Either.Either<ReadonlyArray<readonly [string, string]>, AblyError> =>
  Input.guard(() => {
    const given: unknown = params
    if (given !== undefined && given !== null && !Input.isRecord(given)) {
      return Either.left(Input.invalid("presence parameters", "an object", given))
    }
    return Either.map(
      Either.mapLeft(decode(given ?? {}), (error) =>
        ablyError(40003, 400, `Invalid presence parameters: ${ParseResult.TreeFormatter.formatErrorSync(error)}`)),
      (valid) => query({ limit: valid.limit, clientId: valid.clientId, connectionId: valid.connectionId })
    )
  }, () => Input.unreadable("presence parameters"))
