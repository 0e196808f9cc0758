/**
 * Capabilities: which operations a key may perform on which channels, and how resource
 * patterns (`*`, `ns:*`, `[*]*`, `[qualifier]name`) match channel names.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { describeParseError } from "../http/ParseIssues.js"

/**
 * A parsed capability: resource pattern → allowed operations (`"*"` = every operation).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Capability = Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })

/**
 * @since 0.1.0
 * @category models
 */
export type Capability = typeof Capability.Type

/**
 * The operations the emulator checks so far.
 *
 * @since 0.1.0
 * @category models
 */
export type Operation = "publish" | "subscribe" | "history" | "presence" | "stats" | "channel-metadata"

/**
 * Full access, the capability of a key created without one.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.fullAccess // { "*": ["*"] }
 */
export const fullAccess: Capability = { "*": ["*"] }

const CapabilityJson = Schema.parseJson(Capability)

/**
 * Parses a capability JSON string; absent means full access. Invalid JSON → 400 / 40000.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.parse('{"*":["subscribe"]}') // Effect succeeding with { "*": ["subscribe"] }
 */
export const parse = (json: string | undefined): Effect.Effect<Capability, Errors.AblyError> =>
  json === undefined
    ? Effect.succeed(fullAccess)
    : Schema.decodeUnknown(CapabilityJson)(json).pipe(
        Effect.mapError((cause) =>
          Errors.ablyError(40000, 400, `Invalid capability: ${describeParseError(cause)}`, { cause })
        )
      )

// `[qualifier]rest` → ["[qualifier]", "rest"]; unqualified names have no qualifier.
const splitQualifier = (name: string): readonly [qualifier: string | undefined, rest: string] => {
  if (!name.startsWith("[")) return [undefined, name]
  const close = name.indexOf("]")
  return close === -1 ? [undefined, name] : [name.slice(0, close + 1), name.slice(close + 1)]
}

const matchesName = (pattern: string, name: string): boolean => {
  if (pattern === "*") return true
  if (pattern.endsWith(":*")) return name.startsWith(pattern.slice(0, -1))
  return pattern === name
}

/**
 * Whether a resource pattern covers a channel name. `*` and `ns:*` cover unqualified
 * channels only; `[*]*` covers every channel, qualified or not; `[meta]*` covers `[meta]…`.
 *
 * @since 0.1.0
 * @category matching
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.resourceMatches("canpublish:*", "canpublish:foo") // true
 * Capability.resourceMatches("*", "[meta]log") // false
 */
export const resourceMatches = (pattern: string, channel: string): boolean => {
  const [patternQualifier, patternRest] = splitQualifier(pattern)
  const [channelQualifier, channelRest] = splitQualifier(channel)
  if (patternQualifier === undefined) return channelQualifier === undefined && matchesName(pattern, channel)
  if (patternQualifier !== "[*]" && patternQualifier !== channelQualifier) return false
  return matchesName(patternRest, channelRest)
}

/**
 * Whether a capability allows an operation on a channel.
 *
 * @since 0.1.0
 * @category matching
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.allows({ "*": ["subscribe"] }, "news", "publish") // false
 */
export const allows = (capability: Capability, channel: string, operation: Operation): boolean =>
  Object.entries(capability).some(
    ([pattern, operations]) =>
      resourceMatches(pattern, channel) && operations.some((op) => op === "*" || op === operation)
  )

/**
 * Fails with 401 / 40160 unless the capability allows the operation on the channel.
 *
 * @since 0.1.0
 * @category matching
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.ensure({ "*": ["*"] }, "news", "history") // Effect<void, AblyError>
 */
export const ensure = (
  capability: Capability,
  channel: string,
  operation: Operation
): Effect.Effect<void, Errors.AblyError> =>
  allows(capability, channel, operation)
    ? Effect.void
    : Effect.fail(
        Errors.ablyError(40160, 401, `Action not permitted: '${operation}' on channel '${channel}'`)
      )
