/**
 * Actions that travel as numbers and read as names (TM5, TP2).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A Schema from the wire number (the index in `names`) to the action's name. Unknown numbers
 * decode to `"unknown"` so a newer server never breaks an older client (RSF1); `"unknown"`
 * encodes to 0.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import * as Action from "./Action.js"
 * import { Schema } from "effect"
 * const Colour = Action.numbered(["red", "green"] as const)
 * Schema.decodeUnknownSync(Colour)(1) // "green"
 * Schema.decodeUnknownSync(Colour)(7) // "unknown"
 */
export const numbered = <const Names extends ReadonlyArray<string>>(names: Names) => {
  const index = new Map<string, number>(names.map((name, i) => [name, i]))
  // Not `strict`: TypeScript cannot relate a generic literal tuple to its members; the target
  // Literal schema still checks every decoded name.
  return Schema.transform(Schema.Number, Schema.Literal(...names, "unknown"), {
    strict: false,
    decode: (n) => names[n] ?? "unknown",
    encode: (name) => index.get(name) ?? 0
  })
}

/**
 * Presence actions in wire order (TP2): the index is the number on the wire. Here rather than
 * in `PresenceMessage` (which re-exports them), so that `WireShape`, the message reader, does
 * not load the presence module.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Action from "./Action.js"
 * Action.presenceActionNames[2] // "enter"
 */
export const presenceActionNames = ["absent", "present", "enter", "leave", "update"] as const
