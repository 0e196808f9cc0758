/**
 * The client-side publish limiter as a channel and `batchPublish` see it: `undefined` when
 * the client sets no `publishRateLimit` (the publish path then checks one constant), else a
 * function that waits in `Limiter`. Imported statically, not with `import()`: the limiter is
 * small and uses only effect modules, and as a lazy chunk it split the first-loaded effect code
 * into one more chunk (with the import and export lists between them): 2.7 KiB more, minified
 * (bench/bundle.ts).
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type { ResolvedOptions } from "../../AblyOptions.js"
import type { PublishRateLimit } from "../../RateLimit.js"
import * as Limiter from "./Limiter.js"

const limitsOf = (options: ResolvedOptions): PublishRateLimit | undefined => {
  const limits = options.publishRateLimit
  return limits === undefined || (limits.perChannel === undefined && limits.perApp === undefined)
    ? undefined
    : limits
}

/**
 * The wait of a publish of `cost` messages on channel `name`, or `undefined` with no limit set.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * import { Either } from "effect"
 * import { forChannel } from "./ChannelLimiter.js"
 * const options = Either.getOrThrow(AblyOptions.resolve({ key: "a.b:c", publishRateLimit: { perChannel: 50 } }))
 * const wait = forChannel(options, "orders") // (cost) => Effect<void>
 */
export const forChannel = (
  options: ResolvedOptions,
  name: string
): ((cost: number) => Effect.Effect<void>) | undefined => {
  const limits = limitsOf(options)
  return limits === undefined ? undefined : (cost) => Limiter.take(options, limits, name, cost)
}

/**
 * The wait of a batch publish (`costs`: messages per channel), or `undefined` with no limit
 * set; the same buckets as `forChannel`'s.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * import { Either } from "effect"
 * import { forBatch } from "./ChannelLimiter.js"
 * const options = Either.getOrThrow(AblyOptions.resolve({ key: "a.b:c", publishRateLimit: { perApp: 200 } }))
 * const wait = forBatch(options) // (costs) => Effect<void>
 */
export const forBatch = (
  options: ResolvedOptions
): ((costs: ReadonlyMap<string, number>) => Effect.Effect<void>) | undefined => {
  const limits = limitsOf(options)
  return limits === undefined ? undefined : (costs) => Limiter.takeMany(options, limits, costs)
}
