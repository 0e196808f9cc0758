/**
 * Checks of the values a caller passes to a public method, whatever their static type says
 * (plain JavaScript and casts reach us too): each check answers an `AblyError` instead of
 * throwing, and error messages describe a value's type, never the value (it may be a secret).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { type AblyError, ablyError } from "../Errors.js"
import { maxDepth } from "../Limits.js"

/**
 * What a value is, for error messages: its type only, never its content.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import * as Input from "./Input.js"
 * Input.describe([1]) // "an array"
 * Input.describe(Number.NaN) // "NaN"
 */
export const describe = (value: unknown): string => {
  if (value === null) return "null"
  switch (typeof value) {
    case "undefined":
      return "undefined"
    case "number":
      return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? "a number" : "an infinite number"
    case "object":
      try {
        if (Array.isArray(value)) return "an array"
        const tag = Object.prototype.toString.call(value).slice(8, -1)
        return tag === "Object" ? "an object" : `a ${tag}`
      } catch {
        return "an unreadable object"
      }
    default:
      return `a ${typeof value}`
  }
}

/**
 * The error for an argument of the wrong type or value (40003 by default).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import * as Input from "./Input.js"
 * Input.invalid("history params", "an object", 5).message // "Invalid history params: expected an object, got a number"
 */
export const invalid = (what: string, expected: string, value: unknown, code: number = 40003): AblyError =>
  ablyError(code, 400, `Invalid ${what}: expected ${expected}, got ${describe(value)}`)

/**
 * `true` for objects that carry fields as JSON does: what `Object.prototype.toString` calls
 * `[object Object]` (plain objects, null-prototype objects, class instances), as ably-js checks.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import * as Input from "./Input.js"
 * Input.isRecord({ a: 1 }) // true
 * Input.isRecord(new Date()) // false
 */
export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && Object.prototype.toString.call(value) === "[object Object]"

/**
 * Runs a check that reads a caller's value; a getter, `toJSON` or proxy trap that throws while
 * it reads becomes `onThrow`'s error instead of a defect.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * import * as Input from "./Input.js"
 * import { Either } from "effect"
 * Input.guard(() => Either.right(1), () => Input.invalid("params", "an object", undefined)) // Either.right(1)
 */
export const guard = <A>(
  check: () => Either.Either<A, AblyError>,
  onThrow: () => AblyError
): Either.Either<A, AblyError> => {
  try {
    return check()
  } catch {
    return Either.left(onThrow())
  }
}

/**
 * The error for a value whose reading threw (a getter, `toJSON` or proxy trap).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import * as Input from "./Input.js"
 * Input.unreadable("message").code // 40003
 */
export const unreadable = (what: string, code: number = 40003): AblyError =>
  ablyError(code, 400, `Invalid ${what}: reading it threw (a getter or proxy that throws?)`)

// RFC 9110 field names (tokens); values without CR, LF or NUL.
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const headerValueProblem = /[\r\n\0]/

/**
 * Checks a record of strings (query params, auth params, headers): a plain object whose values
 * are all strings; with `headers`, names are HTTP tokens and values hold no CR, LF or NUL.
 * `undefined` and `null` mean none.
 *
 * @since 0.1.0
 * @category checks
 * @example
 * import * as Input from "./Input.js"
 * Input.stringRecord({ a: "1" }, "params") // Either.right({ a: "1" })
 * Input.stringRecord({ a: "x\r\ny" }, "headers", { headers: true }) // Either.left(AblyError 40003)
 */
export const stringRecord = (
  value: unknown,
  what: string,
  options: { readonly headers?: boolean; readonly code?: number } = {}
): Either.Either<Readonly<Record<string, string>> | undefined, AblyError> =>
  guard(() => {
    if (value === undefined || value === null) return Either.right(undefined)
    if (!isRecord(value)) return Either.left(invalid(what, "an object of strings", value, options.code))
    const result: Record<string, string> = {}
    for (const name of Object.keys(value)) {
      const entry = value[name]
      if (typeof entry !== "string") {
        return Either.left(invalid(`${what} (a value)`, "a string", entry, options.code))
      }
      if (options.headers === true && (!headerName.test(name) || headerValueProblem.test(entry))) {
        return Either.left(
          ablyError(
            options.code ?? 40003,
            400,
            `Invalid ${what}: a header name must be a token and a value must not contain CR, LF or NUL`
          )
        )
      }
      result[name] = entry
    }
    return Either.right(result)
  }, () => unreadable(what, options.code))

/**
 * `true` when JSON text nests arrays and objects no deeper than `limit`. A linear scan that
 * skips strings; text shorter than twice the limit cannot be too deep and is not scanned.
 *
 * @since 0.1.0
 * @category checks
 * @example
 * import * as Input from "./Input.js"
 * Input.jsonDepthWithin('{"a":[1]}', 2) // true
 * Input.jsonDepthWithin("[[[]]]", 2) // false
 */
export const jsonDepthWithin = (text: string, limit: number = maxDepth): boolean => {
  if (text.length <= 2 * limit) return true
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index)
    if (inString) {
      if (char === 92) index++ // backslash: skip the escaped character
      else if (char === 34) inString = false
    } else if (char === 34) {
      inString = true
    } else if (char === 91 || char === 123) {
      if (++depth > limit) return false
    } else if (char === 93 || char === 125) {
      depth--
    }
  }
  return true
}

/**
 * The error for a value nested deeper than `Limits.maxDepth` (40013).
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import * as Input from "./Input.js"
 * Input.tooDeep("message data").code // 40013
 */
export const tooDeep = (what: string): AblyError =>
  ablyError(
    40013,
    400,
    `Unable to serialise the ${what}: it is nested deeper than ${maxDepth} levels (Limits.maxDepth)`
  )
