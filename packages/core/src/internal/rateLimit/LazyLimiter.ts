/**
 * The client-side publish limiter as a channel and `batchPublish` see it: `undefined` when
 * the client sets no `publishRateLimit` (the publish path then checks one constant), else a
 * function that loads `Limiter` on first use (see `Lazy`) and waits there.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { ResolvedOptions } from "../../AblyOptions.js"
import type { AblyError } from "../../Errors.js"
import * as Lazy from "../Lazy.js"

const limiterModule = Lazy.module("rate limiter", () => import("./Limiter.js"))

/**
 * The wait of a publish of `cost` messages on channel `name`, or `undefined` with no limit set.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { AblyOptions } from "@effect-ably/core"
 * import { Either } from "effect"
 * import { forChannel } from "./LazyLimiter.js"
 * const options = Either.getOrThrow(AblyOptions.resolve({ key: "a.b:c", publishRateLimit: { perChannel: 50 } }))
 * const wait = forChannel(options, "orders") // (cost) => Effect<void, AblyError>
 */
export const forChannel = (
  options: ResolvedOptions,
  name: string
): ((cost: number) => Effect.Effect<void, AblyError>) | undefined => {
  const limits = options.publishRateLimit
  if (limits === undefined || (limits.perChannel === undefined && limits.perApp === undefined)) return undefined
  return (cost) => Effect.flatMap(limiterModule, (limiter) => limiter.take(options, limits, name, cost))
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
 * import { forBatch } from "./LazyLimiter.js"
 * const options = Either.getOrThrow(AblyOptions.resolve({ key: "a.b:c", publishRateLimit: { perApp: 200 } }))
 * const wait = forBatch(options) // (costs) => Effect<void, AblyError>
 */
export const forBatch = (
  options: ResolvedOptions
): ((costs: ReadonlyMap<string, number>) => Effect.Effect<void, AblyError>) | undefined => {
  const limits = options.publishRateLimit
  if (limits === undefined || (limits.perChannel === undefined && limits.perApp === undefined)) return undefined
  return (costs) => Effect.flatMap(limiterModule, (limiter) => limiter.takeMany(options, limits, costs))
}
