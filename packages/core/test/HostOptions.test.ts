/**
 * Host options are host names (REC1, design.md §8): `endpoint`, `restHost`, `fallbackHosts`
 * entries and `environment` are validated, so no option can move requests (and the key) to
 * another host. Bad values fail with 40000 naming the option, never echoing the value.
 */
import { AblyOptions } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Hosts from "../src/internal/options/Hosts.js"
import { testKey } from "./utils/restWith.js"

const hostnames = [
  "rest.example.com",
  "localhost",
  "a.b",
  "x-1.example-2.com",
  "EXAMPLE.COM",
  "a".repeat(63) + ".example",
  Array.from({ length: 4 }, () => "a".repeat(62)).join(".") + ".b", // 253 characters
  "127.0.0.1",
  "10.0.0.255",
  "::1",
  "[::1]",
  "2001:db8::1",
  "[2001:db8:0:0:0:0:0:1]",
  "2001:db8:0:0:0:0:0:1",
  "::ffff:192.168.0.1",
  "fe80::"
]

// Each would change the authority or the path once glued into `https://<host>`.
const notHosts = [
  "",
  " ",
  " rest.example.com",
  "rest.example.com ",
  "ably.example@evil.example",
  "user:pass@rest.example.com",
  "rest.example.com/path",
  "rest.example.com:8080",
  "https://rest.example.com",
  "rest.example.com?x=1",
  "rest.example.com#x",
  "rest%2eexample.com",
  "rest example.com",
  "rest.example.com\n",
  "rest\\example.com",
  "-rest.example.com",
  "rest-.example.com",
  "rest..example.com",
  ".example.com",
  "example.com.",
  "rest_host.example.com",
  "exämple.com",
  "a".repeat(64) + ".example",
  Array.from({ length: 4 }, () => "a".repeat(62)).join(".") + ".bc", // 254 characters
  "256.0.0.1",
  "1.2.3",
  "example.123",
  "2001:db8::1::2",
  "[::1",
  "::1]",
  "[fe80::1%eth0]",
  "1:2:3:4:5:6:7:8:9",
  "::g"
]

const errorOf = (options: Parameters<typeof AblyOptions.resolve>[0]) => Either.getLeft(AblyOptions.resolve(options))

const expectInvalid = (option: string, value: string, options: Parameters<typeof AblyOptions.resolve>[0]) => {
  const error = errorOf(options)
  expect([option, value, error._tag]).toEqual([option, value, "Some"])
  if (error._tag === "Some") {
    expect(error.value).toMatchObject({ code: 40000, statusCode: 400 })
    expect(error.value.message).toContain(`Invalid ${option} option`)
    expect(error.value.message).not.toContain("s3cr3t")
    // The value never appears (short ones such as "nonprod:" are words of the message itself).
    if (value.trim().length > 8) expect(error.value.message).not.toContain(value.trim())
  }
}

describe("host options (REC1)", () => {
  it("REC1b2/REC1d - restHost and each fallbackHosts entry accept host names and IPv4/IPv6 literals", () => {
    for (const host of hostnames) {
      expect([host, Hosts.isValidHost(host)]).toEqual([host, true])
      expect(Either.isRight(AblyOptions.resolve({ key: testKey, restHost: host }))).toBe(true)
      expect(
        Either.getOrThrow(AblyOptions.resolve({ key: testKey, fallbackHosts: ["ok.example", host] })).hosts.fallbacks
      )
        .toEqual(["ok.example", host])
    }
  })

  it("restHost and fallbackHosts refuse anything else with 40000 naming the option", () => {
    for (const host of notHosts) {
      expect([host, Hosts.isValidHost(host)]).toEqual([host, false])
      expectInvalid("restHost", host, { key: testKey, restHost: host })
      expectInvalid("fallbackHosts[1]", host, { key: testKey, fallbackHosts: ["ok.example", host] })
    }
  })

  it("REC1b - endpoint: a routing policy id, nonprod:<id>, a host name or an IP literal", () => {
    const good = ["main", "acme", "acme-2", "0", "nonprod:sandbox", "nonprod:a-b", ...hostnames]
    for (const endpoint of good) {
      expect([endpoint, Either.isRight(AblyOptions.resolve({ key: testKey, endpoint }))]).toEqual([endpoint, true])
    }
    const bad = [
      ...notHosts.filter((host) => host !== "EXAMPLE.COM"),
      "Main",
      "-main",
      "main-",
      "nonprod:",
      "nonprod:Sandbox",
      "nonprod:a.b",
      "nonprod:sandbox@evil.example",
      "prod:main",
      "a".repeat(64),
      "main\u0000"
    ]
    for (const endpoint of bad) expectInvalid("endpoint", endpoint, { key: testKey, endpoint })
  })

  it("REC1c - environment is a single DNS label", () => {
    for (const environment of ["acme", "sandbox", "a-1", "A1"]) {
      expect(Either.getOrThrow(AblyOptions.resolve({ key: testKey, environment })).hosts.primary).toBe(
        `${environment}.realtime.ably.net`
      )
    }
    for (
      const environment of [
        "",
        "a.b",
        "evil.example/",
        "x@evil.example",
        "-a",
        "a-",
        "a b",
        "a:1",
        "a".repeat(64),
        "::1"
      ]
    ) {
      expectInvalid("environment", environment, { key: testKey, environment })
    }
  })

  it("a misplaced key given as the endpoint is refused without appearing in the message", () => {
    expectInvalid("endpoint", testKey, { key: testKey, endpoint: testKey })
    expectInvalid("restHost", testKey, { key: testKey, restHost: testKey })
  })

  it("validated hosts give base URLs and origins on the intended host", () => {
    const ports = { tls: true, port: 80, tlsPort: 443 }
    expect(Hosts.baseUrl("[::1]", ports)).toBe("https://[::1]")
    expect(Hosts.baseUrl("2001:db8::1", { ...ports, tlsPort: 8443 })).toBe("https://[2001:db8::1]:8443")
    expect(Hosts.origin(Hosts.baseUrl("EXAMPLE.com", ports))).toBe("https://example.com")
    expect(Hosts.origin("https://[2001:db8:0:0:0:0:0:1]:443")).toBe("https://[2001:db8::1]")
    for (const host of hostnames) {
      const url = new URL(`${Hosts.baseUrl(host, ports)}/channels/x`)
      expect(url.pathname).toBe("/channels/x")
      expect(url.username + url.password + url.search + url.hash).toBe("")
    }
  })
})
