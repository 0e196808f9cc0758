/**
 * Random bytes from Web Crypto, behind a reference that tests can pin.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Base64 from "./Base64.js"

// Each `getRandomValues` call costs a few microseconds whatever its size: small draws (ids,
// nonces, IVs) are cut from a pool of 4 KiB, filled on first use and refilled when spent.
const poolSize = 4096
let pool = new Uint8Array(0)
let used = 0

const pooledBytes = (size: number): Uint8Array => {
  if (size > 256) return globalThis.crypto.getRandomValues(new Uint8Array(size))
  if (used + size > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(poolSize))
    used = 0
  }
  const bytes = pool.slice(used, used + size)
  used += size
  return bytes
}

const defaultBytes = (size: number): Effect.Effect<Uint8Array> => Effect.sync(() => pooledBytes(size))

/**
 * A source of random bytes; defaults to `crypto.getRandomValues` (small draws cut from a
 * pooled buffer of it; no byte is handed out twice).
 *
 * @since 0.1.0
 * @category references
 * @example
 * import * as Random from "./Random.js"
 * import { Effect } from "effect"
 * // Pin randomness in a test:
 * const pinned = Effect.provideService(Random.RandomBytes, (n: number) => Effect.succeed(new Uint8Array(n)))
 */
export class RandomBytes extends Context.Reference<RandomBytes>()("@effect-ably/core/RandomBytes", {
  defaultValue: () => defaultBytes
}) {}

/**
 * URL-safe base64 of `size` random bytes (9 bytes → 12 characters, no padding).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Random from "./Random.js"
 * const id = Random.randomId(9)
 */
export const randomId = (size: number): Effect.Effect<string> =>
  // One step with the default source (the reference read from the fiber, the bytes drawn
  // there), rather than a read, a `sync` and a `map`: an idempotent publish draws one.
  Effect.withFiberRuntime((fiber) => {
    const bytes = Context.get(fiber.currentContext, RandomBytes)
    return bytes === defaultBytes
      ? Effect.succeed(Base64.encodeUrl(pooledBytes(size)))
      : Effect.map(bytes(size), Base64.encodeUrl)
  })
