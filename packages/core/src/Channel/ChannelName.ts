/**
 * Channel names: validation (40010) and the percent-encoded path segment.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { type AblyError, ablyError } from "../Errors.js"

// A leading `[...]` is a qualifier (`[meta]log`, `[?rewind=1]name`); the name follows it.
const qualified = /^\[[^\]\n]+\][^\n]+$/

/**
 * Checks a channel name: non-empty, no newlines, not starting with `:`, and starting with
 * `[` only as a qualifier.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { ChannelName } from "@effect-ably/core"
 * ChannelName.validate("chat:lobby") // Either.right("chat:lobby")
 * ChannelName.validate(":oops") // Either.left(AblyError 40010)
 */
export const validate = (name: string): Either.Either<string, AblyError> => {
  const problem = name.length === 0
    ? "must not be empty"
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
 * The channel's resource path, with the name percent-encoded.
 *
 * @since 0.1.0
 * @category paths
 * @example
 * import { ChannelName } from "@effect-ably/core"
 * ChannelName.path("a/b c") // "/channels/a%2Fb%20c"
 */
export const path = (name: string): string => `/channels/${encodeURIComponent(name)}`
