/**
 * Capabilities (TC, §4.8): resource → operations, in the canonical string form that is signed.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type { ParseError } from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError } from "./Errors.js"

/**
 * A capability as a map of resource names (channels, `ns:*`, `*`) to operations.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Capability } from "@effect-ably/core"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Capability.CapabilityMap)({ "chat:*": ["publish", "subscribe"] })
 */
export const CapabilityMap = Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })

/**
 * @since 0.1.0
 * @category models
 */
export type CapabilityMap = typeof CapabilityMap.Type

let decodeMapMemo: ((u: unknown) => Either.Either<CapabilityMap, ParseError>) | undefined
// JSON text, then the Schema (what `Schema.parseJson` does, without carrying it: only token
// auth, which loads on demand, reads a capability text, and bundlers keep whatever a lazy part
// uses of a shared module in the first-loaded chunks).
const decodeMap = (text: string): Either.Either<CapabilityMap, unknown> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return Either.left(error)
  }
  return (decodeMapMemo ??= Schema.decodeUnknownEither(CapabilityMap))(parsed)
}

/**
 * The canonical JSON form: no whitespace, resources sorted, each operation list sorted. The
 * MAC of a TokenRequest covers exactly this string.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { Capability } from "@effect-ably/core"
 * Capability.canonical({ "b": ["subscribe", "publish"], "a": ["*"] })
 * // Either.right('{"a":["*"],"b":["publish","subscribe"]}')
 */
export const canonical = (capability: string | CapabilityMap): Either.Either<string, AblyError> => {
  const map = Predicate.isString(capability)
    ? Either.mapLeft(
      decodeMap(capability),
      () => ablyError(40000, 400, "Invalid capability: expected a JSON object of resource → [operations]")
    )
    : Either.right(capability)
  return Either.map(map, canonicalOf)
}

/**
 * The canonical text of a capability map: resources sorted, each operation list sorted and
 * without repeats, no whitespace. The emulator answers with the same form.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { Capability } from "@effect-ably/core"
 * Capability.canonicalOf({ b: ["subscribe", "publish", "publish"], a: ["*"] })
 * // '{"a":["*"],"b":["publish","subscribe"]}'
 */
export const canonicalOf = (resources: CapabilityMap): string =>
  JSON.stringify(Object.fromEntries(
    Object.keys(resources).sort().map((resource) =>
      [resource, Array.from(new Set(resources[resource])).sort()] as const
    )
  ))
