import { Link } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"

describe("Link headers (TG)", () => {
  it("parses comma-joined links with quoted and bare relations", () => {
    expect(Link.parse('<./messages?a=1&b=2>; rel="first", <./messages?a=1&b=3>; rel="current",<./messages?c=4>;rel=next'))
      .toEqual({ first: "./messages?a=1&b=2", current: "./messages?a=1&b=3", next: "./messages?c=4" })
    expect(Link.parse(undefined)).toEqual({})
    expect(Link.parse("garbage")).toEqual({})
  })

  it("resolves relative links against the request path, keeping the link's query opaque", () => {
    const request = { method: "GET" as const, path: "/channels/a%2Fb/messages", query: [["limit", "2"]] as const }
    expect(Link.resolve(request, "./messages?start=0&first_start=x%3Ay&limit=2")).toMatchObject({
      method: "GET",
      path: "/channels/a%2Fb/messages",
      query: [["start", "0"], ["first_start", "x:y"], ["limit", "2"]]
    })
    expect(Link.resolve(request, "/channels/x/messages?cursor=1")).toMatchObject({ path: "/channels/x/messages", query: [["cursor", "1"]] })
    expect(Link.resolve({ method: "POST", path: "/stats", body: [1] }, "./stats?p=2")).toMatchObject({
      method: "GET",
      path: "/stats",
      body: undefined
    })
    expect(Link.resolve(request, "./messages?request_id=abc&p=2").query).toEqual([["p", "2"]])
  })
})
