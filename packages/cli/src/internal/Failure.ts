/**
 * How the CLI fails: a `UsageError` (bad input found after parsing: exit 2) or an `AblyError`
 * (exit 1), each printed as one line on stderr, as JSON with `--json`. Option parsing errors of
 * `@effect/cli` (a `ValidationError`) are printed by it and exit 2 too.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Data from "effect/Data"

/**
 * Bad input the option parser could not see (a missing key, data that is not JSON where JSON
 * is needed, a bad `--param`). Its message never holds a credential.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { UsageError } from "./Failure.js"
 * new UsageError({ message: "no API key: pass --key or set ABLY_API_KEY" })
 */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

/**
 * A failure of the machine, not of the input nor of Ably (a port in use): exit 1.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { SystemError } from "./Failure.js"
 * new SystemError({ message: "cannot listen on 127.0.0.1 port 80" })
 */
export class SystemError extends Data.TaggedError("SystemError")<{ readonly message: string }> {}

/**
 * What a failed command fails with.
 *
 * @since 0.1.0
 * @category errors
 */
export type CommandError = UsageError | SystemError | Errors.AblyError

/**
 * The exit code of a failure: 2 for usage, 1 for an Ably error.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { exitCode, UsageError } from "./Failure.js"
 * exitCode(new UsageError({ message: "x" })) // 2
 */
export const exitCode = (error: CommandError): 1 | 2 => error._tag === "UsageError" ? 2 : 1

/**
 * The one stderr line of a failure (no newline): `effect-ably: <message> (code C, status S,
 * href H)` for an Ably error, or with `json` `{"error":{...}}`.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import { Errors } from "@effect-ably/core"
 * import { render } from "./Failure.js"
 * render(Errors.ablyError(40400, 404, "Not found"), false)
 * // "effect-ably: Not found (code 40400, status 404, href https://help.ably.io/error/40400)"
 */
export const render = (error: CommandError, json: boolean): string => {
  if (!Errors.isAblyError(error)) {
    const kind = error._tag === "UsageError" ? "usage" : "system"
    return json ? JSON.stringify({ error: { kind, message: error.message } }) : `effect-ably: ${error.message}`
  }
  const href = error.href ?? Errors.helpUrl(error.code)
  if (json) {
    return JSON.stringify({
      error: {
        kind: "ably",
        message: error.message,
        code: error.code,
        statusCode: error.statusCode,
        href,
        ...(error.requestId === undefined ? {} : { requestId: error.requestId })
      }
    })
  }
  return `effect-ably: ${error.message} (code ${error.code}, status ${error.statusCode}, href ${href})`
}
