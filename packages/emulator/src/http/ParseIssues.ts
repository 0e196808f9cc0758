/**
 * Short, single-line descriptions of Schema parse failures for error messages (the default
 * tree rendering is multi-line and too long for `X-Ably-ErrorMessage`).
 *
 * @since 0.1.0
 */
import * as ParseResult from "effect/ParseResult"

/**
 * `path: message` for each issue, joined with `; `.
 *
 * @since 0.1.0
 * @category formatting
 * @example
 * import { describeParseError } from "./ParseIssues.js"
 * import { Schema } from "effect"
 * import * as Either from "effect/Either"
 *
 * const result = Schema.decodeUnknownEither(Schema.Struct({ limit: Schema.Number }))({ limit: "x" })
 * if (Either.isLeft(result)) describeParseError(result.left) // 'limit: Expected number, actual "x"'
 */
export const describeParseError = (error: ParseResult.ParseError): string => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  // An optional field reports "Expected undefined" beside the real issue; keep the real one.
  const meaningful = issues.filter(({ message }) => !message.startsWith("Expected undefined"))
  return (meaningful.length > 0 ? meaningful : issues)
    .map(({ message, path }) => (path.length === 0 ? message : `${path.map(String).join(".")}: ${message}`))
    .join("; ")
}
