/**
 * Capabilities: which operations a key or token may perform on which channels, how resource
 * patterns (`*`, `ns:*`, `[*]*`, `[qualifier]name`) match channel names, and the intersection
 * and canonical form that token issuance needs.
 *
 * @since 0.1.0
 */
import { Capability as CoreCapability, Errors } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

/**
 * A parsed capability: resource pattern → allowed operations (`"*"` = every operation).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(Capability.Capability)({ "chat:*": ["publish", "subscribe"] })
 */
export const Capability = CoreCapability.CapabilityMap

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
export type Operation =
  | "publish"
  | "subscribe"
  | "history"
  | "presence"
  | "stats"
  | "channel-metadata"
  | "push-admin"
  | "message-update-own"
  | "message-update-any"
  | "message-delete-own"
  | "message-delete-any"
  | "annotation-publish"
  | "annotation-subscribe"

/**
 * Every operation Ably knows, sorted (spec notes §4.8). A capability naming any other
 * operation is refused where it is issued (`requestToken`, `POST /apps`); `"*"` stands for all
 * of them and must stand alone.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.knownOperations.includes("publish") // true
 */
export const knownOperations = [
  "annotation-publish",
  "annotation-subscribe",
  "channel-metadata",
  "history",
  "message-delete-any",
  "message-delete-own",
  "message-update-any",
  "message-update-own",
  "object-publish",
  "object-subscribe",
  "presence",
  "privileged-headers",
  "publish",
  "push-admin",
  "push-subscribe",
  "stats",
  "subscribe"
] as const

/**
 * @since 0.1.0
 * @category models
 */
export type KnownOperation = typeof knownOperations[number]

const knownSet: ReadonlySet<string> = new Set(knownOperations)

/**
 * Whether Ably knows an operation name (`"*"` is not an operation but the wildcard).
 *
 * @since 0.1.0
 * @category predicates
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.isKnownOperation("publish_") // false
 */
export const isKnownOperation = (operation: string): operation is KnownOperation => knownSet.has(operation)

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

const invalidCapability = (problem: string, cause?: unknown) =>
  Errors.ablyError(40000, 400, `Invalid capability: ${problem}`, { cause })

/**
 * Checks a parsed capability as Ably does: every resource has a non-empty operation list,
 * every operation is one of `knownOperations`, and `"*"` stands alone. Anything else →
 * 400 / 40000.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.validate({ news: ["publish_"] }) // Left(AblyError 40000)
 * Capability.validate({ news: ["publish"] }) // Right({ news: ["publish"] })
 */
export const validate = (capability: Capability): Either.Either<Capability, Errors.AblyError> => {
  for (const resource of Object.keys(capability)) {
    const operations = capability[resource] ?? []
    if (operations.length === 0) return Either.left(invalidCapability(`no operations for '${resource}'`))
    for (const operation of operations) {
      if (operation === "*") {
        if (operations.some((other) => other !== "*")) {
          return Either.left(invalidCapability(`'*' combined with other operations for '${resource}'`))
        }
      } else if (!knownSet.has(operation)) {
        return Either.left(invalidCapability(`unknown operation '${operation}' for '${resource}'`))
      }
    }
  }
  return Either.right(capability)
}

/**
 * Parses a capability JSON string; absent means full access. Invalid JSON, anything but an
 * object of resource → operations, or a capability `validate` refuses → 400 / 40000.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.parse('{"*":["subscribe"]}') // Effect succeeding with { "*": ["subscribe"] }
 */
export const parse = (json: string | undefined): Effect.Effect<Capability, Errors.AblyError> =>
  json === undefined ? Effect.succeed(fullAccess) : parseEither(json)

/**
 * `parse` as an `Either`, for pure code. Same failures (400 / 40000).
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.parseEither('{"*":["publish"]}') // Right({ "*": ["publish"] })
 * Capability.parseEither('{"*":["*","publish"]}') // Left(AblyError 40000)
 */
export const parseEither = (json: string): Either.Either<Capability, Errors.AblyError> =>
  Schema.decodeUnknownEither(CapabilityJson)(json).pipe(
    Either.mapLeft((cause) => invalidCapability(Errors.describeParseError(cause), cause)),
    Either.flatMap(validate)
  )

// `[qualifier]rest` → ["[qualifier]", "rest"]; unqualified names have no qualifier.
const splitQualifier = (name: string): readonly [qualifier: string | undefined, rest: string] => {
  if (!name.startsWith("[")) return [undefined, name]
  const close = name.indexOf("]")
  return close === -1 ? [undefined, name] : [name.slice(0, close + 1), name.slice(close + 1)]
}

// Names only (qualifiers split off). A pattern also "matches" a narrower pattern it covers,
// which is what `covers` relies on: `ns:*` covers `ns:a` and `ns:a:*`, `*` covers both.
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

/**
 * Whether every channel `narrower` matches is also matched by `wider` (patterns compared as
 * patterns, e.g. `*` covers `ns:*`, `[*]*` covers `[meta]x`, `ns:*` does not cover `*`). A
 * pattern read as a channel name is matched by exactly the patterns that cover it, so this is
 * `resourceMatches`.
 *
 * @since 0.1.0
 * @category matching
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.covers("*", "news:*") // true
 * Capability.covers("news:*", "*") // false
 */
export const covers = (wider: string, narrower: string): boolean => resourceMatches(wider, narrower)

const intersectOperations = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): ReadonlyArray<string> => {
  if (a.includes("*")) return b
  if (b.includes("*")) return a
  return a.filter((operation) => b.includes(operation))
}

/**
 * The capability a token gets: what was requested, limited to what the key allows. Where one
 * resource pattern covers the other, the narrower one is kept with the operations both allow;
 * patterns that merely differ (`a:*` and `b:*`) share nothing. An empty result means nothing
 * is allowed.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.intersect({ "*": ["publish", "subscribe"] }, { "news:*": ["subscribe"] })
 * // { "news:*": ["subscribe"] }
 */
export const intersect = (requested: Capability, allowed: Capability): Capability => {
  // A Map, not an object: resource names come from requests and may be `__proto__`.
  const result = new Map<string, Array<string>>()
  for (const [wantedResource, wantedOperations] of Object.entries(requested)) {
    for (const [allowedResource, allowedOperations] of Object.entries(allowed)) {
      const resource = covers(allowedResource, wantedResource)
        ? wantedResource
        : covers(wantedResource, allowedResource)
        ? allowedResource
        : undefined
      if (resource === undefined) continue
      const operations = intersectOperations(wantedOperations, allowedOperations)
      if (operations.length === 0) continue
      const merged = result.get(resource) ?? []
      for (const operation of operations) if (!merged.includes(operation)) merged.push(operation)
      result.set(resource, merged)
    }
  }
  return Object.fromEntries(result)
}

/**
 * Whether a capability allows nothing at all.
 *
 * @since 0.1.0
 * @category predicates
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.isEmpty({}) // true
 */
export const isEmpty = (capability: Capability): boolean =>
  Object.values(capability).every((operations) => operations.length === 0)

/**
 * The canonical JSON text of a capability, as Ably answers it in `TokenDetails`: no
 * whitespace, resources sorted, each operation list sorted and without duplicates.
 *
 * @since 0.1.0
 * @category formatting
 * @example
 * import { Capability } from "@effect-ably/emulator"
 * Capability.canonical({ b: ["subscribe", "publish"], a: ["*"] }) // '{"a":["*"],"b":["publish","subscribe"]}'
 */
export const canonical = (capability: Capability): string => CoreCapability.canonicalOf(capability)
