/**
 * Primary and fallback hosts derived from the options (REC1, REC2).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { type AblyError, ablyError } from "../Errors.js"

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

/**
 * `true` when the endpoint is a hostname or an address rather than a routing policy id.
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import { Hosts } from "@effect-ably/core"
 * Hosts.isHostname("localhost") // true
 * Hosts.isHostname("main") // false
 */
export const isHostname = (endpoint: string): boolean =>
  endpoint.includes(".") || endpoint.includes("::") || endpoint === "localhost"

/**
 * `true` for hosts whose traffic never leaves the machine (W3C "potentially trustworthy").
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import { Hosts } from "@effect-ably/core"
 * Hosts.isLoopback("127.0.0.1") // true
 */
export const isLoopback = (host: string): boolean =>
  host === "localhost" || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host) ||
  host === "::1" || host === "[::1]"

/**
 * Derives the primary host and the default fallbacks. Contradictory options fail with 40106.
 *
 * @since 0.1.0
 * @category hosts
 * @example
 * import { Hosts } from "@effect-ably/core"
 * Hosts.fallbackHostsFor({ endpoint: "nonprod:sandbox" })
 * // Either.right({ primary: "sandbox.realtime.ably-nonprod.net", fallbacks: [ "sandbox.a.fallback.ably-realtime-nonprod.com", ... ] })
 */
export const fallbackHostsFor = (options: HostOptions): Either.Either<Hosts, AblyError> => {
  const { endpoint, environment, restHost } = options
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
 * import { Hosts } from "@effect-ably/core"
 * Hosts.baseUrl("::1", { tls: false, port: 8080, tlsPort: 443 }) // "http://[::1]:8080"
 */
export const baseUrl = (host: string, options: { readonly tls: boolean; readonly port: number; readonly tlsPort: number }): string => {
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host
  const port = options.tls ? options.tlsPort : options.port
  const defaultPort = options.tls ? 443 : 80
  return `${options.tls ? "https" : "http"}://${bracketed}${port === defaultPort ? "" : `:${port}`}`
}
