/**
 * `Link` headers (TG): the linear-time parser with its size limit, and resolution that never
 * leaves the configured hosts (design.md §8).
 */
import { Limits } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import fc from "fast-check"
import type * as AblyRequest from "../src/internal/http/AblyRequest.js"
import * as Link from "../src/internal/paginated/Link.js"

const parsed = (header: string | undefined) => Either.getOrThrow(Link.parse(header))

const request: AblyRequest.AblyRequest = { method: "GET", path: "/channels/a%2Fb/messages", query: [["limit", "2"]] }
const origins = ["https://main.realtime.ably.net", "https://main.a.fallback.ably-realtime.com"]
const resolved = (link: string, from: AblyRequest.AblyRequest = request) => Link.resolve(from, link, origins)

describe("Link headers (TG)", () => {
  it("TG - parses comma-joined links with quoted and bare relations", () => {
    expect(
      parsed("<./messages?a=1&b=2>; rel=\"first\", <./messages?a=1&b=3>; rel=\"current\",<./messages?c=4>;rel=next")
    )
      .toEqual({ first: "./messages?a=1&b=2", current: "./messages?a=1&b=3", next: "./messages?c=4" })
    expect(parsed(undefined)).toEqual({})
    expect(parsed("garbage")).toEqual({})
    expect(parsed("")).toEqual({})
  })

  it("TG - relations are case-insensitive, a rel may name several, other parameters are skipped, the first link wins", () => {
    expect(parsed("<./m?p=2>; title=\"a, b; c\"; REL=\"Next Last\" , <./m?p=9>; rel=next; <x>"))
      .toEqual({ next: "./m?p=2", last: "./m?p=2" })
    // A link without a rel, and broken pieces around good ones, are ignored.
    expect(parsed("<./m?p=1>, ;;; rel=first <, <./m?p=3> ; rel = \"first\"")).toEqual({ first: "./m?p=3" })
    // An unterminated quote ends parsing; what was read stays.
    expect(parsed("<./m?p=2>; rel=\"next\", <./m?p=3>; rel=\"first")).toEqual({ next: "./m?p=2" })
  })

  it("a Link header longer than Limits.maxLinkHeaderLength is a typed 50000 (statusCode 500), at the limit it is read", () => {
    const link = "<./m?p=2>; rel=\"next\""
    const atLimit = link + " ".repeat(Limits.maxLinkHeaderLength - link.length)
    expect(parsed(atLimit)).toEqual({ next: "./m?p=2" })
    const error = Either.getLeft(Link.parse(atLimit + " "))
    expect(error._tag).toBe("Some")
    expect(error).toMatchObject({ value: { _tag: "AblyError", code: 50000, statusCode: 500 } })
    expect(Either.isLeft(Link.parse("<".repeat(64 * 1024)))).toBe(true)
  })

  it("parses hostile headers in linear time: 16× the text costs < 64× the time (quadratic would be 256×); past the limit refused without parsing", () => {
    const size = Limits.maxLinkHeaderLength
    const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)
    const units = [
      "<",
      ";",
      "<;",
      "<a>;",
      "<a>; rel",
      "<a>; rel=",
      "<a>;rel=\"x",
      "<>; rel=\"next\" ,",
      " ; ; ; rel = "
    ]
    // The best of several runs, so a busy machine slows both sizes alike rather than failing the test.
    const bestMillis = (header: string): number => {
      let best = Infinity
      for (let run = 0; run < 7; run++) {
        const started = performance.now()
        expect(Either.isRight(Link.parse(header))).toBe(true)
        best = Math.min(best, performance.now() - started)
      }
      return best
    }
    for (const unit of units) {
      const atLimit = fill(unit, size)
      const ratio = (bestMillis(atLimit) + 0.05) / (bestMillis(fill(unit, size / 16)) + 0.05)
      expect(ratio, JSON.stringify(unit)).toBeLessThan(64)
    }
    const huge = fill("<;", size * 4)
    const started = performance.now()
    expect(Either.isLeft(Link.parse(huge))).toBe(true)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it("TG - resolves relative links against the request path, keeping the link's query opaque", () => {
    expect(Either.getOrThrow(resolved("./messages?start=0&first_start=x%3Ay&limit=2"))).toMatchObject({
      method: "GET",
      path: "/channels/a%2Fb/messages",
      query: [["start", "0"], ["first_start", "x:y"], ["limit", "2"]]
    })
    expect(Either.getOrThrow(resolved("/channels/x/messages?cursor=1"))).toMatchObject({
      path: "/channels/x/messages",
      query: [["cursor", "1"]]
    })
    expect(Either.getOrThrow(resolved("./stats?p=2", { method: "POST", path: "/stats", body: [1] }))).toMatchObject({
      method: "GET",
      path: "/stats",
      body: undefined
    })
    expect(Either.getOrThrow(resolved("./messages?request_id=abc&p=2")).query).toEqual([["p", "2"]])
    // The empty reference is the request itself (RFC 3986 5.2.2).
    expect(Either.getOrThrow(resolved(""))).toMatchObject({ path: request.path, query: request.query })
  })

  const accepted: ReadonlyArray<readonly [string, string, ReadonlyArray<readonly [string, string]>]> = [
    ["./messages?p=2", "/channels/a%2Fb/messages", [["p", "2"]]],
    ["messages?p=2", "/channels/a%2Fb/messages", [["p", "2"]]],
    ["?p=2", "/channels/a%2Fb/messages", [["p", "2"]]],
    ["../presence", "/channels/presence", []],
    ["/stats?unit=hour", "/stats", [["unit", "hour"]]],
    ["./messages?p=2#frag", "/channels/a%2Fb/messages", [["p", "2"]]],
    ["https://main.realtime.ably.net/channels/x/messages?p=2", "/channels/x/messages", [["p", "2"]]],
    ["https://MAIN.realtime.ably.net:443/channels/x/messages", "/channels/x/messages", []],
    ["//main.realtime.ably.net/channels/x", "/channels/x", []],
    ["https://main.a.fallback.ably-realtime.com/stats", "/stats", []]
  ]

  it("TG - links that stay on the configured hosts are followed as a path and query", () => {
    for (const [link, path, query] of accepted) {
      const target = Either.getOrThrow(resolved(link))
      expect([link, target.path, target.query]).toEqual([link, path, query])
    }
  })

  const refusedLinks: ReadonlyArray<string> = [
    "x:@evil.example/steal",
    "javascript:alert(1)",
    "mailto:someone@evil.example",
    "data:text/plain,hi",
    "file:///etc/passwd",
    "//evil.example/x",
    "///evil.example/x",
    "https://evil.example/x",
    "http://evil.example/x",
    "https:evil.example",
    "http://main.realtime.ably.net/x", // another scheme
    "https://main.realtime.ably.net:444/x", // another port
    "http://main.realtime.ably.net:444/x",
    "https://main.realtime.ably.net.evil.example/x",
    "https://user:pass@main.realtime.ably.net/x",
    "https://main.realtime.ably.net@evil.example/x",
    "https://[::1]/x",
    "\\\\evil.example\\x",
    "/\\evil.example/x",
    "\\/evil.example",
    "./messages\\..\\x",
    "./messages?p=2\n",
    "\t//evil.example",
    "./mess ages",
    "./messages\u0000",
    "./messages\u007f",
    "./mésságes",
    "https://main.realtime.ably.net\u2025evil.example/",
    "<./x>",
    "\"./x\"",
    "https://%zz/x",
    "http://[::1/x",
    "/.//evil.example/x",
    "//",
    "https://main.realtime.ably.net//evil.example/x"
  ]

  it("links that leave the configured hosts (or cannot be parsed) are a typed 50000, naming the relation and not the link", () => {
    for (const link of refusedLinks) {
      const outcome = Link.resolve(request, link, origins, "first")
      expect([link, Either.isLeft(outcome)]).toEqual([link, true])
      if (Either.isLeft(outcome)) {
        expect(outcome.left).toMatchObject({ _tag: "AblyError", code: 50000, statusCode: 500 })
        expect(outcome.left.message).toContain("\"first\" link")
        expect(outcome.left.message).not.toContain("evil")
      }
    }
  })

  it("without origins, only relative links are followed", () => {
    expect(Either.isRight(Link.resolve(request, "./messages?p=2"))).toBe(true)
    expect(Either.isLeft(Link.resolve(request, "https://main.realtime.ably.net/channels/x/messages"))).toBe(true)
  })

  const chars = (alphabet: string, maxLength: number) =>
    fc.array(fc.constantFrom(...alphabet), { maxLength }).map((picked) => picked.join(""))
  const segment = fc.oneof(
    chars("abAZ09._~-!$&'()*+,;=:@", 6),
    fc.constantFrom(".", "..", "%2e", "%2E%2e", "%2F", "%41", "%zz", "a%2eb", "")
  )
  const basePath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => "/" + segments.join("/"))
  const relativeLink = fc.oneof(
    fc.tuple(fc.constantFrom("./", "", "../", "./."), chars("abAZ09._~-%", 8), fc.option(chars("ab=&+%2e7'?:/@,;", 12)))
      .map(([lead, name, query]) => `${lead}${name}${query === null ? "" : `?${query}`}`),
    fc.constantFrom("./messages?limit=2&request_id=x", "./.", "./..", "./a#f", "./a?b#c", "./%2e%2e")
  )

  it("TG - relative links resolve as the URL parser resolves them (the usual ones are resolved without it)", () => {
    // An empty fragment changes nothing for the URL parser and sends the link to it.
    fc.assert(
      fc.property(basePath, relativeLink, (path, link) => {
        const from: AblyRequest.AblyRequest = { method: "POST", path, query: [["a", "1"]], body: [1] }
        expect(Link.resolve(from, link)).toEqual(Link.resolve(from, `${link}#`))
      }),
      { numRuns: 5000 }
    )
    const usual = Either.getOrThrow(Link.resolve(request, "./messages?limit=2&request_id=x&q=a%2Bb+c"))
    expect([usual.path, usual.query]).toEqual(["/channels/a%2Fb/messages", [["limit", "2"], ["q", "a+b c"]]])
  })
})
