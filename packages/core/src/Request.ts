/**
 * The generic REST call `rest.request(method, path, options)` (RSC19): its options and its
 * paginated answer, where HTTP error statuses are values, not failures.
 *
 * @since 0.1.0
 */
export type {
  /**
   * The answer: status, success, error code and message, headers, items, and the page API.
   *
   * @since 0.1.0
   * @category models
   */
  HttpPaginatedResponse,
  /**
   * Query params, body and headers of a request.
   *
   * @since 0.1.0
   * @category models
   */
  RequestOptions
} from "./internal/http/Request.js"
