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
  /** Hosts for the next request: the preferred (or primary) host, then random fallbacks. */
  readonly plan: Effect.Effect<ReadonlyArray<string>>
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
 * const selection = HostSelection.make({ primary: "main.realtime.ably.net", fallbacks: [] }, { maxRetryCount: 3, fallbackRetryTimeout: 600_000 })
 */
export const make = (
  hosts: Hosts,
  options: { readonly maxRetryCount: number; readonly fallbackRetryTimeout: number }
): Effect.Effect<HostSelection> =>
  Effect.sync(() => {
    // One cell per client, read and written synchronously (no fiber sees it half-updated).
    // No preference, the common case, costs no clock read.
    let preferred: Preferred | undefined
    const primaryOnly: ReadonlyArray<string> = [hosts.primary]
    const withFallbacks = (first: string) =>
      Effect.map(
        Random.shuffle(hosts.fallbacks.filter((host) => host !== first)),
        (shuffled): ReadonlyArray<string> => [first, ...Array.from(shuffled).slice(0, options.maxRetryCount)]
      )
    const fromPrimary = hosts.fallbacks.length === 0 ? Effect.succeed(primaryOnly) : withFallbacks(hosts.primary)
    return {
      plan: Effect.suspend(() => {
        if (preferred === undefined) return fromPrimary
        const cached = preferred
        return Effect.flatMap(Clock.currentTimeMillis, (now) => {
          if (cached.until > now) return withFallbacks(cached.host)
          if (preferred === cached) preferred = undefined
          return fromPrimary
        })
      }),
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
