/**
 * `Link` headers (TG): parsing in linear time, and resolution against the request they
 * answered, refusing any target that would leave the configured hosts (design.md §8).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { type AblyError, ablyError } from "../../Errors.js"
import { maxLinkHeaderLength } from "../../Limits.js"
import type { AblyRequest } from "../http/AblyRequest.js"

/**
 * Link targets by relation (`first`, `current`, `next`, ...).
 *
 * @since 0.1.0
 * @category models
 */
export type Links = Readonly<Record<string, string>>

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09

// Skips spaces and tabs from `index`; returns the first other index.
const skipSpaces = (text: string, index: number): number => {
  let at = index
  while (at < text.length && isSpace(text.charCodeAt(at))) at++
  return at
}

// A bare parameter name or value ends at whitespace or a delimiter.
const isTokenEnd = (code: number): boolean =>
  isSpace(code) || code === 0x3b /* ; */ || code === 0x2c /* , */ || code === 0x3d /* = */ || code === 0x3c /* < */ ||
  code === 0x22 /* " */

const readToken = (text: string, index: number): number => {
  let at = index
  while (at < text.length && !isTokenEnd(text.charCodeAt(at))) at++
  return at
}

/**
 * The links of a `Link` header by relation (RFC 8288): `<target>; rel="next"`, several
 * comma-joined, relations lower-cased, a space-separated `rel` naming several relations; the
 * first link of a relation wins. A hand-written scanner that reads each character a bounded
 * number of times, so any header costs linear time; what it cannot read is skipped. A header
 * longer than `Limits.maxLinkHeaderLength` is an unacceptable answer: 50000 (statusCode 500).
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import * as Link from "./Link.js"
 * Link.parse('<./messages?page=2>; rel="next", <./messages?page=1>; rel="first"')
 * // Either.right({ next: "./messages?page=2", first: "./messages?page=1" })
 */
export const parse = (header: string | undefined): Either.Either<Links, AblyError> => {
  const links: Record<string, string> = Object.create(null)
  if (header === undefined) return Either.right(links)
  if (header.length > maxLinkHeaderLength) {
    return Either.left(
      ablyError(50000, 500, `Unacceptable server answer: a Link header longer than ${maxLinkHeaderLength} characters`)
    )
  }
  let at = 0
  while (at < header.length) {
    const first = header.indexOf("<", at)
    if (first === -1) break
    const close = header.indexOf(">", first + 1)
    // No `>` anywhere after this point: no further link can be complete.
    if (close === -1) break
    // A target holds no `<`: the link starts at the last one before `>` (each character is
    // read once forwards and at most once backwards).
    const open = header.lastIndexOf("<", close)
    const target = header.slice(open + 1, close)
    at = skipSpaces(header, close + 1)
    // Parameters: `; name[=value]`, the value bare or quoted.
    while (at < header.length && header.charCodeAt(at) === 0x3b) {
      at = skipSpaces(header, at + 1)
      const nameEnd = readToken(header, at)
      // Only `rel` is read: other names are not cut out of the header.
      const isRel = nameEnd - at === 3 && header.slice(at, nameEnd).toLowerCase() === "rel"
      at = skipSpaces(header, nameEnd)
      let value: string | undefined
      if (header.charCodeAt(at) === 0x3d) {
        at = skipSpaces(header, at + 1)
        if (header.charCodeAt(at) === 0x22) {
          const quoteEnd = header.indexOf("\"", at + 1)
          if (quoteEnd === -1) return Either.right(links)
          value = header.slice(at + 1, quoteEnd)
          at = quoteEnd + 1
        } else {
          const valueEnd = readToken(header, at)
          value = header.slice(at, valueEnd)
          at = valueEnd
        }
        at = skipSpaces(header, at)
      }
      if (isRel && value !== undefined) {
        // One relation is the usual value: no split.
        for (const relation of value.includes(" ") ? value.split(" ") : [value]) {
          const rel = relation.toLowerCase()
          if (rel !== "" && !(rel in links)) links[rel] = target
        }
      }
    }
    // Anything else up to the next `<` is not part of a link we can read: the loop skips it.
  }
  return Either.right(links)
}

// Characters a URI reference may hold (RFC 3986 unreserved, reserved and `%`). Anything else
// (controls, spaces, backslashes, quotes, non-ASCII) is refused rather than repaired.
const uriCharacters = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/
const hasScheme = /^[A-Za-z][A-Za-z0-9+.-]*:/
// A reserved name (RFC 2606) standing for "the host the request went to".
const placeholderOrigin = "https://link.invalid"

const refused = (rel: string, why: string): AblyError =>
  ablyError(50000, 500, `Unacceptable server answer: refused to follow the "${rel}" link: ${why}`)

// The usual link, `./segment?query` against a plain base path: resolved without a URL. The
// segment is unreserved characters, not a dot segment; every segment of the base path is
// characters the URL parser keeps as they are, with no `%2e` (a dot segment once decoded).
// For these, the URL parser gives the base path's directory plus the segment, and the query
// as `URLSearchParams` reads it (which would drop a second leading `?`: such a query is not
// usual); anything else takes that parser.
const usualLink = /^\.\/([A-Za-z0-9_~-][A-Za-z0-9._~-]*)(?:\?(?!\?)([^#]*))?$/
const plainPath = /^(?:\/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%(?![2][eE])[0-9A-Fa-f]{2})+)+$/
const dotSegment = /\/\.{1,2}(?:\/|$)/

// The last base path found plain: the pages of one stream share their path, so the checks
// run once per stream (the path of the next page is that same string when it is unchanged).
let lastPlainPath: string | undefined

const isPlainPath = (path: string): boolean => {
  if (path === lastPlainPath) return true
  if (!plainPath.test(path) || dotSegment.test(path)) return false
  lastPlainPath = path
  return true
}

// A query as `URLSearchParams` reads it; without `%` or `+` nothing is decoded, so a split does.
const queryPairs = (query: string): Array<readonly [string, string]> => {
  if (query.includes("%") || query.includes("+")) return Array.from(new URLSearchParams(query))
  const pairs: Array<readonly [string, string]> = []
  for (const part of query.split("&")) {
    if (part === "") continue
    const equals = part.indexOf("=")
    pairs.push(equals === -1 ? [part, ""] : [part.slice(0, equals), part.slice(equals + 1)])
  }
  return pairs
}

// The GET request for a linked page: the request's headers, auth, version and reader, no
// body, the link's path and query. One literal of a fixed shape: a spread of the request with fields
// changed or added costs about a microsecond per page.
const pageRequest = (
  request: AblyRequest,
  path: string,
  query: ReadonlyArray<readonly [string, string]>
): AblyRequest => ({
  method: "GET",
  path,
  query,
  body: undefined,
  headers: request.headers,
  auth: request.auth,
  version: request.version,
  depthCheckedByReader: request.depthCheckedByReader
})

const resolveUsual = (request: AblyRequest, link: string): AblyRequest | undefined => {
  const match = usualLink.exec(link)
  if (match === null || !isPlainPath(request.path)) return undefined
  const base = request.path
  const directory = base.lastIndexOf("/") + 1
  const segment = match[1]!
  // The same page path again (the usual case) keeps the request's string.
  const path = base.length - directory === segment.length && base.endsWith(segment)
    ? base
    : base.slice(0, directory) + segment
  const query = match[2] === undefined ? [] : withoutRequestId(queryPairs(match[2]))
  return pageRequest(request, path, query)
}

const withoutRequestId = (query: ReadonlyArray<readonly [string, string]>) =>
  // A request id belongs to one request: the next page gets its own.
  query.filter(([name]) => name !== "request_id")

/**
 * Resolves a link (RFC 3986) against the request's path, giving the GET request for that
 * page, if the link stays where the request went. Accepted: a relative link, or an absolute
 * URL whose scheme, host and port are one of `origins` (`https://host[:port]` as
 * `URL.origin` prints it; pass the configured hosts' origins). Refused with 50000
 * (statusCode 500), so no request is made: another origin or scheme (`x:@evil.example/`,
 * `javascript:`, `mailto:`, `//evil.example/`), user information, characters a URI cannot
 * hold (controls, spaces, backslashes, non-ASCII), a result whose path does not start with
 * exactly one `/`, or a target the URL parser rejects. The link's query is kept as-is: its
 * parameters are opaque. The message names the relation, never the link.
 *
 * @since 0.1.0
 * @category resolving
 * @example
 * import * as Link from "./Link.js"
 * Link.resolve({ method: "GET", path: "/channels/a/messages", query: [["limit", "2"]] }, "./messages?cursor=x")
 * // Either.right({ method: "GET", path: "/channels/a/messages", query: [["cursor", "x"]] })
 * Link.resolve({ method: "GET", path: "/stats" }, "https://evil.example/stats") // Either.left(AblyError 50000)
 */
export const resolve = (
  request: AblyRequest,
  link: string,
  origins: ReadonlyArray<string> = [],
  rel = "next"
): Either.Either<AblyRequest, AblyError> => {
  if (!uriCharacters.test(link)) return Either.left(refused(rel, "it holds characters a URL cannot hold"))
  const usual = resolveUsual(request, link)
  if (usual !== undefined) return Either.right(usual)
  // The empty reference (or a fragment only) is the request itself (RFC 3986 5.2.2).
  if (link === "" || link.startsWith("#")) {
    return Either.right(pageRequest(request, request.path, withoutRequestId(request.query ?? [])))
  }
  // A relative reference has no scheme and no authority (`//host`): it stays on the request's host.
  const relative = !hasScheme.test(link) && !link.startsWith("//")
  let target: URL
  try {
    target = relative ? new URL(link, placeholderOrigin + request.path) : new URL(link, placeholderOrigin)
  } catch {
    return Either.left(refused(rel, "it is not a valid URL"))
  }
  if (relative ? target.origin !== placeholderOrigin : !origins.includes(target.origin)) {
    return Either.left(refused(rel, "it leads away from the configured hosts"))
  }
  if (target.username !== "" || target.password !== "") return Either.left(refused(rel, "it holds user information"))
  const path = target.pathname
  if (!path.startsWith("/") || path.startsWith("//")) {
    return Either.left(refused(rel, "its path does not start with exactly one '/'"))
  }
  return Either.right(pageRequest(request, path, withoutRequestId(Array.from(target.searchParams.entries()))))
}
