/**
 * Batch presence (RSC24): `rest.batchPresence(channels)`, one result per channel.
 *
 * @since 0.1.0
 */
export type {
  /**
   * One channel's result: its members or a `BatchResult.Failure`.
   *
   * @since 0.1.0
   * @category models
   */
  BatchPresenceResult,
  /**
   * A channel's current presence members.
   *
   * @since 0.1.0
   * @category models
   */
  BatchPresenceSuccess
} from "./internal/batch/BatchPresence.js"
