/**
 * Which hosts a request tries, in order (RSC15a, RSC25), and the sticky fallback (RSC15f).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import type { Hosts } from "../options/Hosts.js"

interface Preferred {
  readonly host: string
  readonly until: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface HostSelection {
  /** The first host of the next request: the preferred fallback while it lasts, else the primary. */
  readonly first: Effect.Effect<string>
  /**
   * The other hosts of a request that started on `first`, in random order (RSC15a): called
   * only after its first attempt failed. How many are tried is the fallback policy's call.
   */
  readonly fallbacksAfter: (first: string) => Effect.Effect<ReadonlyArray<string>>
  /**
   * Prefer `host` for `fallbackRetryTimeout`. Only called when a fallback answered after the
   * first host failed, so a late answer from an expired preference never renews it.
   */
  readonly succeeded: (host: string) => Effect.Effect<void>
  /** Forget `host` if it is the preferred one. */
  readonly failed: (host: string) => Effect.Effect<void>
}

/**
 * A host selection for one client: the cache is shared by all its requests.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as HostSelection from "./HostSelection.js"
 * const selection = HostSelection.make({ primary: "main.realtime.ably.net", fallbacks: [] }, { fallbackRetryTimeout: 600_000 })
 */
export const make = (
  hosts: Hosts,
  options: { readonly fallbackRetryTimeout: number }
): Effect.Effect<HostSelection> =>
  Effect.sync(() => {
    // One cell per client, read and written synchronously (no fiber sees it half-updated).
    // No preference, the common case, costs no clock read.
    let preferred: Preferred | undefined
    const primary = Effect.succeed(hosts.primary)
    return {
      first: Effect.suspend(() => {
        if (preferred === undefined) return primary
        const cached = preferred
        return Effect.map(Clock.currentTimeMillis, (now) => {
          if (cached.until > now) return cached.host
          if (preferred === cached) preferred = undefined
          return hosts.primary
        })
      }),
      fallbacksAfter: (first) =>
        Effect.map(
          Random.shuffle(hosts.fallbacks.filter((host) => host !== first)),
          (shuffled): ReadonlyArray<string> => Array.from(shuffled)
        ),
      succeeded: (host) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          preferred = { host, until: now + options.fallbackRetryTimeout }
        }),
      failed: (host) =>
        Effect.sync(() => {
          if (preferred !== undefined && preferred.host === host) preferred = undefined
        })
    }
  })
