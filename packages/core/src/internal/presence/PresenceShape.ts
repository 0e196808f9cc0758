/**
 * The hand-written reader of the common wire shape of a presence message (see `WireShape`,
 * whose helpers it uses): exactly what the Schema (`PresenceMessage.WirePresenceMessage`)
 * gives for the same input, or `undefined` for anything unusual, which then goes to the
 * Schema. Apart from `WireShape` because only presence reads it, and presence loads on demand:
 * what a lazy part uses of a module every app loads sits in every app's first-loaded chunks.
 *
 * @since 0.1.0
 */
import type { WirePresenceMessage } from "../../PresenceMessage.js"
import { presenceActionNames } from "../message/Action.js"
import { copy, type Fields, isExtras, isPlainObject, type Mutable } from "../message/WireShape.js"

const presenceTexts = ["id", "clientId", "connectionId", "encoding"]

// The payload fields: `data` as it is, `extras` a plain record, `action` a number named by
// `presenceActionNames` (an unknown number is "unknown", as `Action.numbered`, RSF1).
const copyPayload = (raw: Fields, into: Record<string, unknown>): boolean => {
  const data = raw["data"]
  if (data !== undefined) into["data"] = data
  const extras = raw["extras"]
  if (extras !== undefined) {
    if (!isExtras(extras)) return false
    into["extras"] = extras
  }
  const action = raw["action"]
  if (action !== undefined) {
    if (typeof action !== "number") return false
    into["action"] = presenceActionNames[action] ?? "unknown"
  }
  return true
}

/**
 * The wire presence message `PresenceMessage.WirePresenceMessage` decodes `raw` to, or
 * `undefined` when `raw` is not the common shape (then decode it with the Schema).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as PresenceShape from "./PresenceShape.js"
 * PresenceShape.presence({ clientId: "a", action: 1, data: "d" }) // { clientId: "a", action: "present", data: "d" }
 */
export const presence = (raw: unknown): typeof WirePresenceMessage.Type | undefined => {
  if (!isPlainObject(raw)) return undefined
  const wire: Mutable<typeof WirePresenceMessage.Type> = {}
  return copy(raw, wire, "string", presenceTexts) && copy(raw, wire, "number", ["timestamp"]) &&
      copyPayload(raw, wire)
    ? wire
    : undefined
}
