/**
 * Which hosts a request tries, in order (RSC15a, RSC25), and the sticky fallback (RSC15f).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Ref from "effect/Ref"
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
  Effect.map(Ref.make(Option.none<Preferred>()), (preferred) => {
    const current = Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Ref.modify(preferred, (cached) =>
        Option.isSome(cached) && cached.value.until <= now ? [Option.none(), Option.none()] : [cached, cached]))
    return {
      plan: Effect.gen(function*() {
        const cached = yield* current
        const first = Option.match(cached, {
          onNone: () =>
            hosts.primary,
          onSome: (p) =>
            p.host
        })
        if (hosts.fallbacks.length === 0) return [first]
        const shuffled = yield* Random.shuffle(hosts.fallbacks.filter((host) => host !== first))
        return [first, ...Array.from(shuffled).slice(0, options.maxRetryCount)]
      }),
      succeeded: (host) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Ref.set(preferred, Option.some({ host, until: now + options.fallbackRetryTimeout }))),
      failed: (host) =>
        Ref.update(preferred, (cached) =>
          Option.isSome(cached) && cached.value.host === host ? Option.none() : cached)
    }
  })
