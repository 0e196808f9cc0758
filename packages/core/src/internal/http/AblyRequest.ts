/**
 * What the resource modules ask the HTTP path to do, and what they get back.
 *
 * @since 0.1.0
 */
import type * as Headers from "@effect/platform/Headers"

/**
 * @since 0.1.0
 * @category models
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * The credentials a request is sent with: see `AblyRequest.auth`.
 *
 * @since 0.1.0
 * @category models
 */
export type AuthMode = "default" | "none" | "basic"

/**
 * One logical request; the HTTP path turns it into attempts on one or more hosts.
 *
 * @since 0.1.0
 * @category models
 */
export interface AblyRequest {
  readonly method: HttpMethod
  /** Path on the host, starting with `/`, with its segments already percent-encoded. */
  readonly path: string
  readonly query?: ReadonlyArray<readonly [string, string]> | undefined
  /** A value to encode with the client's protocol. */
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * Which credentials go with it (design §2): `default`, the client's (Basic or token, with the
   * one renewal on a token error); `none` for `/time` and signed token requests; `basic` for
   * operations that need the API key itself (revocation), failing with 40162 under token auth.
   */
  readonly auth?: AuthMode | undefined
  /** `X-Ably-Version` override (used by `request()`). */
  readonly version?: string | undefined
  /**
   * `true` when the reader of the answer checks the nesting depth of what it keeps
   * (`Limits.maxDepth`) as it reads it (`Decode.messagesFromResponse`): a 2xx body is then
   * not walked whole first. Every other answer is (see `ResponseDecoding.decodeResponse`).
   */
  readonly depthCheckedByReader?: boolean | undefined
}

/**
 * A response with its body decoded by Content-Type (`undefined` when empty).
 *
 * @since 0.1.0
 * @category models
 */
export interface AblyResponse {
  readonly request: AblyRequest
  readonly status: number
  readonly headers: Headers.Headers
  readonly body: unknown
  /** Why the body could not be decoded, for error responses with odd bodies. */
  readonly bodyIssue?: string | undefined
  readonly requestId?: string | undefined
  /**
   * Pagination links by relation already read from the body (an enveloped answer); when
   * set, the `Link` header is not read. Checked like any link before being followed.
   */
  readonly links?: Readonly<Record<string, string>> | undefined
}

/**
 * Builds a query from optional values, dropping `undefined`s.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as AblyRequest from "./AblyRequest.js"
 * AblyRequest.query({ limit: 10, direction: undefined }) // [["limit", "10"]]
 */
export const query = (
  params: Readonly<Record<string, string | number | boolean | undefined>>
): ReadonlyArray<readonly [string, string]> => {
  const entries: Array<readonly [string, string]> = []
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) entries.push([name, String(value)])
  }
  return entries
}
