/**
 * `Link` headers (TG): parsing and resolution against the request they answered.
 *
 * @since 0.1.0
 */
import type { AblyRequest } from "../Http/AblyRequest.js"

const linkPattern = /<([^>]*)>\s*;\s*rel\s*=\s*"?([^";,\s]+)"?/g

/**
 * The links of a `Link` header by relation (`first`, `current`, `next`). Several headers
 * arrive comma-joined; unknown relations are kept too.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { Link } from "@effect-ably/core"
 * Link.parse('<./messages?page=2>; rel="next", <./messages?page=1>; rel="first"')
 * // { next: "./messages?page=2", first: "./messages?page=1" }
 */
export const parse = (header: string | undefined): Readonly<Record<string, string>> => {
  const links: Record<string, string> = {}
  if (header === undefined) return links
  for (const match of header.matchAll(linkPattern)) {
    links[match[2]!] = match[1]!
  }
  return links
}

const origin = "http://link.invalid"

/**
 * Resolves a link (RFC 3986) against the request's path and query, giving the GET request
 * for that page. The link's query is kept as-is: its parameters are opaque.
 *
 * @since 0.1.0
 * @category resolving
 * @example
 * import { Link } from "@effect-ably/core"
 * Link.resolve({ method: "GET", path: "/channels/a/messages", query: [["limit", "2"]] }, "./messages?cursor=x")
 * // { method: "GET", path: "/channels/a/messages", query: [["cursor", "x"]] }
 */
export const resolve = (request: AblyRequest, link: string): AblyRequest => {
  const search = new URLSearchParams(request.query?.map(([name, value]) => [name, value]))
  const base = new URL(`${origin}${request.path}?${search.toString()}`)
  const target = new URL(link, base)
  return {
    ...request,
    method: "GET",
    path: target.pathname,
    // A request id belongs to one request: the next page gets its own.
    query: Array.from(target.searchParams.entries()).filter(([name]) => name !== "request_id"),
    body: undefined
  }
}
