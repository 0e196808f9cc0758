/**
 * Pages of a paginated answer (TG): the ably-js `PaginatedResult` surface. Every list the
 * client gives (`history`, `presence.get`, `stats`, `channels.list`, `request`) is also a
 * `Stream` of items; a `Page` is for paging by hand (`historyPage`, `statsPage`, …).
 *
 * @since 0.1.0
 */
export type {
  /**
   * One page: `items`, `hasNext`, `isLast`, and `next`/`first`/`current` Effects.
   *
   * @since 0.1.0
   * @category models
   */
  Page,
  /**
   * The page API shared by every page type (`Page`, `HttpPaginatedResponse`).
   *
   * @since 0.1.0
   * @category models
   */
  Paged
} from "./internal/paginated/Paginated.js"
