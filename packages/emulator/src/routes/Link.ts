/**
 * The `Link` header of paginated responses (TG, spec-notes §8.1): `first`, `current` and,
 * when more remain, `next`, as URLs relative to the request (`./messages?…`).
 *
 * @since 0.1.0
 */

/**
 * One relation of a `Link` header.
 *
 * @since 0.1.0
 * @category models
 */
export interface LinkTarget {
  readonly rel: "first" | "current" | "next"
  readonly params: ReadonlyArray<readonly [name: string, value: string]>
}

/**
 * Formats a `Link` header whose URLs are `./<lastSegment>?<params>`, comma-joined.
 *
 * @since 0.1.0
 * @category formatting
 * @example
 * import { linkHeader } from "./Link.js"
 * linkHeader("messages", [{ rel: "first", params: [["limit", "10"]] }])
 * // '<./messages?limit=10>; rel="first"'
 */
export const linkHeader = (lastSegment: string, targets: ReadonlyArray<LinkTarget>): string =>
  targets
    .map(({ params, rel }) =>
      `<./${lastSegment}?${new URLSearchParams(params.map(([k, v]) => [k, v])).toString()}>; rel="${rel}"`
    )
    .join(", ")
