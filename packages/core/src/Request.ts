/**
 * `request()` (RSC19): a REST call of your choice, with the client's auth, protocol and fallbacks. HTTP
 * error answers are values (`success: false`); only transport failures fail.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Stream from "effect/Stream"
import { type AblyError, ablyError } from "./Errors.js"
import type { Service as Http } from "./Http/AblyHttp.js"
import { type AblyRequest, type AblyResponse, type HttpMethod, query } from "./Http/AblyRequest.js"
import { errorFromResponse } from "./Http/ResponseDecoding.js"
import * as ResponseControl from "./Http/ResponseControl.js"
import * as Paginated from "./Paginated/Paginated.js"

/**
 * A page of `request()` results (HP1–HP8).
 *
 * @since 0.1.0
 * @category models
 */
export interface HttpPaginatedResponse extends Paginated.Paged<unknown, HttpPaginatedResponse> {
  readonly statusCode: number
  /** `200 <= statusCode < 300` (HP5). */
  readonly success: boolean
  /** The Ably error code of an unsuccessful answer (HP6). */
  readonly errorCode: Option.Option<number>
  /** The Ably error message of an unsuccessful answer (HP7). */
  readonly errorMessage: Option.Option<string>
  readonly headers: Headers.Headers
  /** The items of this page and of every following page, fetched lazily. */
  readonly stream: Stream.Stream<unknown, AblyError>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions {
  readonly params?: Readonly<Record<string, string | number | boolean | undefined>>
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** `X-Ably-Version` for this call (RSC19f1); the client's protocol version by default. */
  readonly version?: string
  /**
   * Shape the answer with Ably's response-control parameters (`envelope`, `fields`,
   * `flatten`, `select`, `format`). An enveloped answer is unwrapped: status, items and paging
   * read as without it.
   */
  readonly responseControl?: ResponseControl.ResponseControl
}

const methods: ReadonlySet<string> = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"])
const isMethod = (method: string): method is HttpMethod => methods.has(method)

// HP3: an array is the items, an object is one item, nothing is no items.
const itemsOf = (response: AblyResponse): Effect.Effect<ReadonlyArray<unknown>> =>
  Effect.succeed(response.body === undefined ? [] : Array.isArray(response.body) ? response.body : [response.body])

const build = (page: Paginated.Paged<unknown, HttpPaginatedResponse>, response: AblyResponse): HttpPaginatedResponse => {
  const success = response.status >= 200 && response.status < 300
  const error = success ? Option.none() : Option.some(errorFromResponse(response))
  const self: HttpPaginatedResponse = {
    ...page,
    statusCode: response.status,
    success,
    errorCode: Option.map(error, (e) => e.code),
    errorMessage: Option.map(error, (e) => e.message),
    headers: response.headers,
    get stream() {
      return Paginated.items<unknown, HttpPaginatedResponse>(Effect.succeed(self))
    }
  }
  return self
}

/**
 * Sends a request. Methods other than GET, POST, PUT, PATCH and DELETE fail with 40500.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const channels = Effect.flatMap(Rest.Rest, (rest) => rest.request("GET", "/channels", { params: { limit: 10 } }))
 */
export const request = (
  http: Http,
  method: string,
  path: string,
  options: RequestOptions = {}
): Effect.Effect<HttpPaginatedResponse, AblyError> => {
  const upper = method.toUpperCase()
  if (!isMethod(upper)) return Effect.fail(ablyError(40500, 405, `Unsupported HTTP method ${method}`))
  const send = (request: AblyRequest) => Effect.map(http.sendRaw(request), ResponseControl.unwrapEnvelope)
  return Paginated.fetchWith({ send, decode: itemsOf, origins: http.origins }, {
    method: upper,
    path: path.startsWith("/") ? path : `/${path}`,
    query: [...query(options.params ?? {}), ...ResponseControl.toQuery(options.responseControl)],
    body: options.body,
    headers: options.headers,
    version: options.version
  }, build)
}
