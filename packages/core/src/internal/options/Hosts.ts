/**
 * Primary and fallback hosts derived from the options (REC1, REC2).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { type AblyError, ablyError } from "../../Errors.js"

/**
 * The host inputs of `ClientOptions`.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostOptions {
  readonly endpoint?: string | undefined
  readonly environment?: string | undefined
  readonly restHost?: string | undefined
  readonly fallbackHosts?: ReadonlyArray<string> | undefined
  readonly port?: number | undefined
  readonly tlsPort?: number | undefined
}

/**
 * Where requests go: the primary host first, then fallbacks.
 *
 * @since 0.1.0
 * @category models
 */
export interface Hosts {
  readonly primary: string
  readonly fallbacks: ReadonlyArray<string>
}

const letters = ["a", "b", "c", "d", "e"] as const

const fallbacksFor = (id: string, domain: string): ReadonlyArray<string> =>
  letters.map((letter) => `${id}.${letter}.fallback.${domain}`)

// One DNS label: letters, digits and hyphens, 1–63 characters, no hyphen at either end.
const label = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/
// A routing policy id becomes the first label of Ably's host names (REC1b3, REC1b4).
const policyId = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const octet = /^(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/
const hexGroup = /^[0-9A-Fa-f]{1,4}$/
const digitsOnly = /^[0-9]+$/

/**
 * `true` for a dotted-decimal IPv4 address (`127.0.0.1`).
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import * as Hosts from "./Hosts.js"
 * Hosts.isIpv4("10.0.0.1") // true
 * Hosts.isIpv4("10.0.0.256") // false
 */
export const isIpv4 = (host: string): boolean => {
  const parts = host.split(".")
  return parts.length === 4 && parts.every((part) => octet.test(part))
}

/**
 * `true` for an IPv6 address, bracketed (`[::1]`) or not (`::1`), a trailing IPv4 part
 * allowed; no zone id.
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import * as Hosts from "./Hosts.js"
 * Hosts.isIpv6("[2001:db8::1]") // true
 * Hosts.isIpv6("2001:db8::1::2") // false
 */
export const isIpv6 = (host: string): boolean => {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host
  if (bare.length > 45 || !bare.includes(":")) return false
  const halves = bare.split("::")
  if (halves.length > 2) return false
  const groups = halves.map((half) => half === "" ? [] : half.split(":"))
  const all = groups.flat()
  const last = all[all.length - 1]
  // A trailing IPv4 part stands for two groups.
  const ipv4Tail = last !== undefined && last.includes(".")
  if (ipv4Tail && !isIpv4(last)) return false
  const hex = ipv4Tail ? all.slice(0, -1) : all
  if (!hex.every((group) => hexGroup.test(group))) return false
  const count = hex.length + (ipv4Tail ? 2 : 0)
  return halves.length === 2 ? count <= 7 : count === 8
}

/**
 * `true` for a host name of LDH labels (letters, digits, hyphens; labels of 1–63
 * characters, 253 in all) that a URL parser will not read as a number, or an IP address.
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import * as Hosts from "./Hosts.js"
 * Hosts.isValidHost("rest.example.com") // true
 * Hosts.isValidHost("ably.example@evil.example") // false
 */
export const isValidHost = (host: string): boolean => {
  if (isIpv4(host) || isIpv6(host)) return true
  if (host.length === 0 || host.length > 253) return false
  const labels = host.split(".")
  // `1.2.3` or `example.123` would be read as an IPv4 address by URL parsers.
  return labels.every((part) => label.test(part)) && !digitsOnly.test(labels[labels.length - 1]!)
}

/**
 * `true` when the endpoint is a hostname or an address rather than a routing policy id.
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import * as Hosts from "./Hosts.js"
 * Hosts.isHostname("localhost") // true
 * Hosts.isHostname("main") // false
 */
export const isHostname = (endpoint: string): boolean =>
  endpoint.includes(".") || endpoint.includes("::") || endpoint === "localhost" || isIpv6(endpoint)

const invalidOption = (option: string, expected: string): AblyError =>
  // The value is never echoed: a misplaced key must not end up in an error message.
  ablyError(40000, 400, `Invalid ${option} option: expected ${expected}`)

const hostExpected = "a host name or an IP address (no scheme, port, path, user information or spaces)"

// The host options as host names (REC1): anything else could move requests to another host.
const validateHosts = (options: HostOptions): AblyError | undefined => {
  const { endpoint, environment, fallbackHosts, restHost } = options
  if (endpoint !== undefined) {
    const valid = isHostname(endpoint)
      ? isValidHost(endpoint)
      : endpoint.startsWith("nonprod:")
      ? policyId.test(endpoint.slice("nonprod:".length))
      : policyId.test(endpoint)
    if (!valid) {
      return invalidOption("endpoint", `a routing policy id such as "main", "nonprod:<id>", ${hostExpected}`)
    }
  }
  if (environment !== undefined && !label.test(environment)) {
    return invalidOption("environment", "a single DNS label (letters, digits and hyphens)")
  }
  if (restHost !== undefined && !isValidHost(restHost)) return invalidOption("restHost", hostExpected)
  const badFallback = fallbackHosts?.findIndex((host) => !isValidHost(host)) ?? -1
  if (badFallback >= 0) return invalidOption(`fallbackHosts[${badFallback}]`, hostExpected)
  return undefined
}

/**
 * `true` for hosts whose traffic never leaves the machine (W3C "potentially trustworthy").
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import * as Hosts from "./Hosts.js"
 * Hosts.isLoopback("127.0.0.1") // true
 */
export const isLoopback = (host: string): boolean =>
  host === "localhost" || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host) ||
  host === "::1" || host === "[::1]"

/**
 * Derives the primary host and the default fallbacks. Contradictory options fail with 40106;
 * a host option that is not a host name, IP address (or, for `endpoint`, a routing policy
 * id; for `environment`, one label) fails with 40000 naming the option, never its value.
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import * as Hosts from "./Hosts.js"
 * Hosts.fallbackHostsFor({ endpoint: "nonprod:sandbox" })
 * // Either.right({ primary: "sandbox.realtime.ably-nonprod.net", fallbacks: [ "sandbox.a.fallback.ably-realtime-nonprod.com", ... ] })
 */
export const fallbackHostsFor = (options: HostOptions): Either.Either<Hosts, AblyError> => {
  const { endpoint, environment, restHost } = options
  const invalid = validateHosts(options)
  if (invalid !== undefined) return Either.left(invalid)
  if (endpoint !== undefined && (environment !== undefined || restHost !== undefined)) {
    return Either.left(ablyError(40106, 400, "The endpoint option cannot be combined with environment or restHost"))
  }
  if (environment !== undefined && restHost !== undefined) {
    return Either.left(ablyError(40106, 400, "The environment option cannot be combined with restHost"))
  }
  const derived = derive(endpoint, environment, restHost)
  // A custom port means a local or proxied service: Ably's public fallbacks would be wrong there.
  const customPort = options.port !== undefined || options.tlsPort !== undefined
  const fallbacks = options.fallbackHosts ?? (customPort ? [] : derived.fallbacks)
  return Either.right({ primary: derived.primary, fallbacks })
}

const derive = (endpoint: string | undefined, environment: string | undefined, restHost: string | undefined): Hosts => {
  if (restHost !== undefined) return { primary: restHost, fallbacks: [] }
  if (environment !== undefined) {
    return { primary: `${environment}.realtime.ably.net`, fallbacks: fallbacksFor(environment, "ably-realtime.com") }
  }
  const policy = endpoint ?? "main"
  if (isHostname(policy)) return { primary: policy, fallbacks: [] }
  if (policy.startsWith("nonprod:")) {
    const id = policy.slice("nonprod:".length)
    return { primary: `${id}.realtime.ably-nonprod.net`, fallbacks: fallbacksFor(id, "ably-realtime-nonprod.com") }
  }
  return { primary: `${policy}.realtime.ably.net`, fallbacks: fallbacksFor(policy, "ably-realtime.com") }
}

/**
 * The base URL for a host: scheme, bracketed IPv6 literal, and the port when not the default.
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import * as Hosts from "./Hosts.js"
 * Hosts.baseUrl("::1", { tls: false, port: 8080, tlsPort: 443 }) // "http://[::1]:8080"
 */
export const baseUrl = (
  host: string,
  options: { readonly tls: boolean; readonly port: number; readonly tlsPort: number }
): string => {
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host
  const port = options.tls ? options.tlsPort : options.port
  const defaultPort = options.tls ? 443 : 80
  return `${options.tls ? "https" : "http"}://${bracketed}${port === defaultPort ? "" : `:${port}`}`
}

/**
 * The origin of a base URL as `URL.origin` prints it (lower-case host, IPv6 compressed,
 * default port dropped), the form `Link.resolve` compares links with.
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import * as Hosts from "./Hosts.js"
 * Hosts.origin("https://Main.Realtime.Ably.net:443") // "https://main.realtime.ably.net"
 */
export const origin = (base: string): string => {
  try {
    return new URL(base).origin
  } catch {
    // Validated hosts always parse; an unparsable one can only match nothing.
    return base
  }
}
