/**
 * Ably's error codes as data: match an `AblyError` by meaning (`ErrorCode.is("TokenExpired")`)
 * rather than by a magic number, print a code's name and description, and switch exhaustively
 * over the union of known codes. The numbers and the HTTP status each belongs with are Ably's
 * (its published code list); the names and descriptions are this SDK's. A module of its own, so
 * an app that never asks for a name carries none of the table.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import type { AblyError } from "./Errors.js"
import { table } from "./internal/errorCode/Table.js"

/**
 * Every code in the table, as a union of number literals.
 *
 * @since 0.1.0
 * @category models
 */
export type Code = keyof typeof table

/**
 * The name of every code in the table (`"TokenExpired"`, `"CapabilityDenied"`…).
 *
 * @since 0.1.0
 * @category models
 */
export type Name = (typeof table)[Code][0]

/**
 * The code of a name, as a type: `CodeOf<"TokenExpired">` is `40142`.
 *
 * @since 0.1.0
 * @category models
 */
export type CodeOf<N extends Name> = { readonly [C in Code]: (typeof table)[C][0] extends N ? C : never }[Code]

/**
 * The family a code belongs to, from its range: the HTTP status class for 4xxxx and 5xxxx
 * codes, the subsystem for the others.
 *
 * @since 0.1.0
 * @category models
 */
export type Family =
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "NotFound"
  | "MethodNotAllowed"
  | "Gone"
  | "RateLimit"
  | "Server"
  | "Integration"
  | "Connection"
  | "Channel"
  | "Other"

const has = (code: number): code is Code => Object.prototype.hasOwnProperty.call(table, code)

/**
 * Whether a number is one of the codes in the table (narrows it to `Code`).
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { ErrorCode } from "@effect-ably/core"
 * ErrorCode.isKnown(40142) // true
 * ErrorCode.isKnown(12345) // false
 */
export const isKnown = (code: number): code is Code => has(code)

/**
 * The name of a code, when the table has it.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import { ErrorCode } from "@effect-ably/core"
 * ErrorCode.name(40160) // Option.some("CapabilityDenied")
 */
export const name = (code: number): Option.Option<Name> => has(code) ? Option.some(table[code][0]) : Option.none()

/**
 * The one-line description of a code, when the table has it.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import { ErrorCode } from "@effect-ably/core"
 * ErrorCode.description(40142) // Option.some("The token has expired; get a new one.")
 */
export const description = (code: number): Option.Option<string> =>
  has(code) ? Option.some(table[code][1]) : Option.none()

let byName: Map<string, Code> | undefined

/**
 * The code of a name (the table read backwards, built on first use).
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import { ErrorCode } from "@effect-ably/core"
 * ErrorCode.code("TokenExpired") // 40142
 */
export const code = <N extends Name>(name: N): CodeOf<N> => {
  if (byName === undefined) {
    byName = new Map()
    for (const key of Object.keys(table)) {
      const number = Number(key)
      if (has(number)) byName.set(table[number][0], number)
    }
  }
  // Every `Name` is a name of the table, so the lookup always finds its code.
  return byName.get(name) as CodeOf<N>
}

/**
 * A predicate on errors by code name, for `Effect.catchIf` and `Stream.retry` filters.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import { ErrorCode, Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const publish = Effect.flatMap(Rest.Rest, (rest) => rest.channels.get("orders").publish("created", 1)).pipe(
 *   Effect.catchIf(ErrorCode.is("CapabilityDenied", "IdentifiedClientRequired"), () => Effect.void)
 * )
 */
export const is = (...names: ReadonlyArray<Name>) => {
  const codes = new Set<number>(names.map(code))
  return (error: AblyError): boolean => codes.has(error.code)
}

/**
 * The family of a code, from its range.
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import { ErrorCode } from "@effect-ably/core"
 * ErrorCode.family(40142) // "Unauthorized"
 * ErrorCode.family(42910) // "RateLimit"
 * ErrorCode.family(50320) // "Server"
 */
export const family = (code: number): Family => {
  if (!Number.isInteger(code)) return "Other"
  if (code >= 40000 && code < 40100) return "BadRequest"
  if (code >= 40100 && code < 40200) return "Unauthorized"
  if (code >= 40300 && code < 40400) return "Forbidden"
  if (code >= 40400 && code < 40500) return "NotFound"
  if (code >= 40500 && code < 40600) return "MethodNotAllowed"
  if (code >= 41000 && code < 41100) return "Gone"
  if (code >= 42900 && code < 43000) return "RateLimit"
  if (code >= 50000 && code < 60000) return "Server"
  if (code >= 70000 && code < 80000) return "Integration"
  if (code >= 80000 && code < 90000) return "Connection"
  if (code >= 90000 && code < 100000) return "Channel"
  return "Other"
}

/**
 * The HTTP status a 4xxxx or 5xxxx code belongs with (its first three digits).
 *
 * @since 0.1.0
 * @category getters
 * @example
 * import { ErrorCode } from "@effect-ably/core"
 * ErrorCode.statusOf(40142) // Option.some(401)
 * ErrorCode.statusOf(80000) // Option.none()
 */
export const statusOf = (code: number): Option.Option<number> =>
  Number.isInteger(code) && code >= 40000 && code < 60000 ? Option.some(Math.floor(code / 100)) : Option.none()
