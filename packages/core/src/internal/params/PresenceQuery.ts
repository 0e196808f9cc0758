/**
 * The query of `presence.get` (RSP3), checked as `Query.checker` does.
 *
 * @since 0.1.0
 */
import * as PresenceParams from "../../PresenceParams.js"
import * as Query from "./Query.js"

/**
 * Presence `get` (RSP3): `limit`, `clientId`, `connectionId`.
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as PresenceQuery from "./PresenceQuery.js"
 * PresenceQuery.presence({ clientId: "alice" }) // Either.right([["clientId", "alice"]])
 */
export const presence = Query.checker({
  what: "presence parameters",
  schema: PresenceParams.PresenceParams,
  fields: (valid) => ({ limit: valid.limit, clientId: valid.clientId, connectionId: valid.connectionId })
})
