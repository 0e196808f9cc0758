/**
 * The client-side publish limiter (`ClientOptions.publishRateLimit`), used by the publishes of
 * a client that sets it: one bucket for all of the client's publishes (`perApp`)
 * and one per channel name (`perChannel`), kept in a map bounded to `maxChannels` names that
 * forgets the least recently used one. Built on `Bucket` rather than `effect/RateLimiter`:
 * that one holds a fiber and a scope per limiter, and closing the scope of an evicted channel
 * would strand the publishes waiting on it.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { PublishRateLimit } from "../../RateLimit.js"
import * as Bucket from "./Bucket.js"

/**
 * How many channel names a client's limiter remembers. Forgetting the least recently used
 * one loses at most its last second of publishes (a bucket idle for a second is full anyway).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { maxChannels } from "./Limiter.js"
 * maxChannels // 1000
 */
export const maxChannels = 1000

/**
 * The share of a second's worth the limiter never spends (see `Bucket.reserve`): the first
 * burst is half a second's worth, and requests may bunch by up to half a second on their way
 * without the server's bucket (which holds a full second's worth) running dry.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { reserveShare } from "./Limiter.js"
 * reserveShare // 0.5
 */
export const reserveShare = 0.5

interface Registry {
  app: Bucket.Bucket | undefined
  readonly channels: Map<string, Bucket.Bucket>
}

// One registry per client, keyed by its resolved options (one object per client).
const registries = new WeakMap<object, Registry>()

const registryOf = (client: object): Registry => {
  let registry = registries.get(client)
  if (registry === undefined) {
    registry = { app: undefined, channels: new Map() }
    registries.set(client, registry)
  }
  return registry
}

const channelBucket = (registry: Registry, name: string, rate: number, now: number): Bucket.Bucket => {
  const { channels } = registry
  let bucket = channels.get(name)
  if (bucket === undefined) {
    bucket = Bucket.full(rate, now)
    if (channels.size >= maxChannels) channels.delete(channels.keys().next().value!)
  } else {
    channels.delete(name)
  }
  channels.set(name, bucket) // last = most recently used
  return bucket
}

/**
 * Waits until a publish of `cost` messages on channel `name` fits the client's limits, then
 * spends them (an interrupted wait keeps them spent: the limiter errs on the slow side).
 *
 * @since 0.1.0
 * @category limiting
 * @example
 * import { take } from "./Limiter.js"
 * const client = {}
 * const wait = take(client, { perChannel: 50 }, "orders", 10) // Effect<void>
 */
export const take = (
  client: object,
  limits: PublishRateLimit,
  name: string,
  cost: number
): Effect.Effect<void> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const registry = registryOf(client)
    const grant = Math.max(reserveChannel(registry, limits, name, cost, now), reserveApp(registry, limits, cost, now))
    return grant > now ? sleepUntil(grant, now) : Effect.void
  })

// When `cost` messages on channel `name` fit its bucket (`now` without a per-channel limit).
const reserveChannel = (registry: Registry, limits: PublishRateLimit, name: string, cost: number, now: number) => {
  const { perChannel } = limits
  if (perChannel === undefined) return now
  const bucket = channelBucket(registry, name, perChannel, now)
  return Bucket.reserve(bucket, perChannel, now, cost, perChannel * reserveShare)
}

// When `cost` messages fit the client's bucket (`now` without a per-app limit).
const reserveApp = (registry: Registry, limits: PublishRateLimit, cost: number, now: number) => {
  const { perApp } = limits
  if (perApp === undefined) return now
  registry.app ??= Bucket.full(perApp, now)
  return Bucket.reserve(registry.app, perApp, now, cost, perApp * reserveShare)
}

/**
 * Waits until a batch publish fits the client's limits, then spends it: `costs` maps each
 * channel to the messages it gets (`perChannel`), and their sum is the app's cost (`perApp`).
 * The buckets are the ones `take` uses, so channel publishes and batches share them.
 *
 * @since 0.1.0
 * @category limiting
 * @example
 * import { takeMany } from "./Limiter.js"
 * const client = {}
 * const wait = takeMany(client, { perChannel: 50, perApp: 200 }, new Map([["a", 10], ["b", 10]])) // Effect<void>
 */
export const takeMany = (
  client: object,
  limits: PublishRateLimit,
  costs: ReadonlyMap<string, number>
): Effect.Effect<void> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const registry = registryOf(client)
    let grant = now
    let total = 0
    for (const [name, cost] of costs) {
      total += cost
      grant = Math.max(grant, reserveChannel(registry, limits, name, cost, now))
    }
    if (total > 0) grant = Math.max(grant, reserveApp(registry, limits, total, now))
    return grant > now ? sleepUntil(grant, now) : Effect.void
  })

// Timers may fire a millisecond before the clock says the time has come: wait until it does,
// so the server (whose bucket refills on the same clock) finds the tokens there.
const sleepUntil = (time: number, now: number): Effect.Effect<void> =>
  Effect.zipRight(
    Effect.sleep(Math.ceil(time - now)),
    Effect.flatMap(Clock.currentTimeMillis, (later) => later < time ? sleepUntil(time, later) : Effect.void)
  )

/**
 * How many channel names a client's limiter holds now: for tests of the bound.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import { channelCount } from "./Limiter.js"
 * channelCount({}) // 0
 */
export const channelCount = (client: object): number => registries.get(client)?.channels.size ?? 0
