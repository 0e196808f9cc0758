/**
 * A REST channel (RSL): `publish`, `history`, `presence`, `status`, and mutable messages
 * (`getMessage`, `updateMessage`, `deleteMessage`, `appendMessage`, `getMessageVersions`),
 * typed by the channel's Schemas. Get one with `rest.channels.get(name, options)` or `rest.channel(name)`.
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

export type {
  /**
   * The mutable-message operations of a channel (RSL11, RSL14, RSL15), part of `RestChannel`.
   *
   * @since 0.1.0
   * @category models
   */
  MessageUpdates,
  /**
   * Query params of an update, delete or append, sent as text (RSL15f).
   *
   * @since 0.1.0
   * @category models
   */
  OperationParams,
  /**
   * A message or its serial, as `getMessage` and `getMessageVersions` take it.
   *
   * @since 0.1.0
   * @category models
   */
  SerialOrMessage
} from "./internal/channel/MessageUpdates.js"
