/**
 * Channel names: validation (40010) and the percent-encoded path segment.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { type AblyError, ablyError } from "../../Errors.js"

// A leading `[...]` is a qualifier (`[meta]log`, `[?rewind=1]name`); the name follows it.
const qualified = /^\[[^\]\n]+\][^\n]+$/
// In a `u` regex a surrogate code unit matches only when it is not half of a pair.
const loneSurrogate = /[\uD800-\uDFFF]/u

/**
 * Checks a channel name: non-empty, well-formed UTF-16 (no lone surrogate: it has no UTF-8
 * form), no newlines, not starting with `:`, starting with `[` only as a qualifier, and not
 * `.` or `..` (URL parsers remove those path segments, `%2E` included, so no request could
 * name them). Failures are 40010. Every other name (`...`, `a/b`, `?x`, `%2F`, unicode) is
 * one channel of its own.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import * as ChannelName from "./ChannelName.js"
 * ChannelName.validate("chat:lobby") // Either.right("chat:lobby")
 * ChannelName.validate(":oops") // Either.left(AblyError 40010)
 * ChannelName.validate("..") // Either.left(AblyError 40010)
 */
export const validate = (name: string): Either.Either<string, AblyError> => {
  const problem = name.length === 0
    ? "must not be empty"
    : loneSurrogate.test(name)
    ? "must be well-formed UTF-16 (it holds a lone surrogate)"
    : name === "." || name === ".."
    ? "cannot be \".\" or \"..\": URLs remove those path segments (even percent-encoded), so no request can name the channel"
    : name.includes("\n")
    ? "must not contain a newline"
    : name.startsWith(":")
    ? "must not start with ':'"
    : name.startsWith("[") && !qualified.test(name)
    ? "may start with '[' only for a qualifier such as [meta]name"
    : undefined
  return problem === undefined
    ? Either.right(name)
    : Either.left(ablyError(40010, 400, `Invalid channel name ${JSON.stringify(name)}: ${problem}`))
}

/**
 * The channel's resource path, the name as one percent-encoded segment. Never throws: a name
 * `validate` refuses for a lone surrogate gets U+FFFD in its place here, and every operation
 * checks `validate` before it sends anything, so such a path is never used.
 *
 * @since 0.1.0
 * @category paths
 * @example
 * import * as ChannelName from "./ChannelName.js"
 * ChannelName.path("a/b c") // "/channels/a%2Fb%20c"
 */
export const path = (name: string): string => {
  try {
    return `/channels/${encodeURIComponent(name)}`
  } catch {
    return `/channels/${encodeURIComponent(name.replace(/[\uD800-\uDFFF]/gu, "\uFFFD"))}`
  }
}
