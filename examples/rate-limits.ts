/**
 * Rate limits: publishing faster than a channel allows (Ably's `channel.maxRate`, 42910).
 * Two ways to stay whole, against an emulator app limited to 50 messages a second per channel:
 * - `retry`: publish as fast as possible and retry refusals with `RateLimit.retry()`, a
 *   jittered backoff (the idempotent ids stay the same across retries: no duplicates);
 * - `limiter`: the client-side limiter (`publishRateLimit: { perChannel }`) paces publishes
 *   so the server never refuses one.
 * Each run reads the channel back and counts messages, distinct ids and the server's refusals.
 *
 *   npx tsx examples/rate-limits.ts
 */
import { Errors, RateLimit, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { pathToFileURL } from "node:url"

export interface Outcome {
  readonly strategy: "retry" | "limiter"
  readonly published: number
  /** Publishes that failed (each of `perPublish` messages). */
  readonly failed: number
  readonly distinctIds: number
  readonly refusedByServer: number
  readonly millis: number
}

/** `publishes` publishes of `perPublish` messages each, from `publishers` concurrent publishers. */
const publishMany = (
  channel: string,
  publishes: number,
  perPublish: number,
  publishers: number,
  wrap: (publish: Effect.Effect<unknown, Errors.AblyError>) => Effect.Effect<unknown, Errors.AblyError>
) =>
  Effect.flatMap(Rest.Rest, (rest) =>
    Effect.forEach(
      Array.from({ length: publishes }, (_, i) => i),
      (i) =>
        Effect.either(wrap(
          rest.channel(channel).publish(
            Array.from({ length: perPublish }, (_, j) => ({ name: "tick", data: { i, j } }))
          )
        )),
      { concurrency: publishers }
    ))

export const run = (strategy: "retry" | "limiter", publishes = 100, perPublish = 2, publishers = 8) =>
  Effect.gen(function*() {
    const started = yield* Clock.currentTimeMillis
    const results = yield* publishMany(
      "ticker",
      publishes,
      perPublish,
      publishers,
      strategy === "retry" ? RateLimit.retry({ initial: "250 millis" }) : (publish) => publish
    )
    const millis = (yield* Clock.currentTimeMillis) - started
    const failures = results.flatMap((result) => (result._tag === "Left" ? [result.left] : []))
    for (const error of failures.slice(0, 1)) {
      // What a refusal says, when one gets through: the metric, the permitted and current rate.
      yield* Console.log(`failed: ${error.message}`, RateLimit.details(error).pipe(Option.getOrUndefined))
    }
    const rest = yield* Rest.Rest
    const ids = yield* rest.channel("ticker").history({ limit: 1000 }).pipe(
      Stream.map((message) => message.id),
      Stream.runCollect
    )
    const emulator = yield* Emulator.Emulator
    const app = yield* Emulator.EmulatorApp
    return {
      strategy,
      published: (results.length - failures.length) * perPublish,
      failed: failures.length,
      distinctIds: new Set(ids).size,
      refusedByServer: yield* emulator.rateLimits.rejections(app.appId),
      millis
    } satisfies Outcome
  })

/** An emulator app that refuses more than 50 messages a second on a channel. */
export const limitedApp = { keys: [{}], rateLimits: { channel: 50 } }

export const program = Effect.gen(function*() {
  const retried = yield* run("retry").pipe(Effect.provide(Emulator.layerRest({ app: limitedApp })))
  const paced = yield* run("limiter").pipe(
    Effect.provide(Emulator.layerRest({ app: limitedApp, publishRateLimit: { perChannel: 50 } }))
  )
  for (const outcome of [retried, paced]) {
    yield* Console.log(
      `${outcome.strategy}: ${outcome.published} published, ${outcome.failed} failed, ${outcome.distinctIds} distinct ids, ` +
        `${outcome.refusedByServer} refused by the server, ${(outcome.millis / 1000).toFixed(1)} s`
    )
  }
  return [retried, paced] as const
})

// Run as a script (not when a test imports `program`).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  program.pipe(NodeRuntime.runMain)
}
