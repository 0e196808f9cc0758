/**
 * A REST channel (RSL): `publish`, `history`, `presence`, `status`, typed by the channel's
 * Schemas. Get one with `rest.channels.get(name, options)` or `rest.channel(name)`.
 *
 * @since 0.1.0
 */
export type {
  /**
   * How `rest.channels.get` is called: a name, and optionally a cipher and data Schemas.
   *
   * @since 0.1.0
   * @category models
   */
  GetChannel,
  /**
   * A channel whose message data is `A` and presence data `P`.
   *
   * @since 0.1.0
   * @category models
   */
  RestChannel
} from "./internal/channel/RestChannel.js"
