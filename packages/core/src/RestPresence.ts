/**
 * A channel's presence (RSP): `get` (current members) and `history`, as Streams and pages.
 *
 * @since 0.1.0
 */
export type {
  /**
   * `channel.presence`, whose member data is `P`.
   *
   * @since 0.1.0
   * @category models
   */
  RestPresence
} from "./internal/presence/RestPresence.js"
