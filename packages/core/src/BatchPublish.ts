/**
 * Batch publish (RSC22): `rest.batchPublish(spec | specs)`, its specs and per-channel results.
 *
 * @since 0.1.0
 */
export type {
  /**
   * The operation: one spec gives one `BatchResult`, an array one per spec.
   *
   * @since 0.1.0
   * @category models
   */
  BatchPublishOperation,
  /**
   * One channel's result: a success or a `BatchResult.Failure`.
   *
   * @since 0.1.0
   * @category models
   */
  BatchPublishResult,
  /**
   * Messages for a set of channels.
   *
   * @since 0.1.0
   * @category models
   */
  BatchPublishSpec,
  /**
   * A channel the messages were published to, with their ids.
   *
   * @since 0.1.0
   * @category models
   */
  BatchPublishSuccess
} from "./internal/batch/BatchPublish.js"
