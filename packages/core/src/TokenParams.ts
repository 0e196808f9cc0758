/**
 * `TokenParams` (TK2): what a token should allow and for whom.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { AuthCallback, AuthOptions } from "./AuthCallback.js"
import { type AblyError, ablyError } from "./Errors.js"
import * as Input from "./internal/Input.js"

export { TokenParams } from "./internal/auth/TokenParamsSchema.js"
import { TokenParams } from "./internal/auth/TokenParamsSchema.js"

/**
 * @since 0.1.0
 * @category models
 */
export type TokenParams = typeof TokenParams.Type

let decodeParamsMemo: ((params: unknown) => Either.Either<TokenParams, ParseResult.ParseError>) | undefined
const decodeParams = (params: unknown) => (decodeParamsMemo ??= Schema.decodeUnknownEither(TokenParams))(params)

const checkParams = (params: unknown): Either.Either<TokenParams | undefined, AblyError> => {
  if (params === undefined || params === null) return Either.right(undefined)
  if (!Input.isRecord(params)) return Either.left(Input.invalid("token params", "an object", params))
  // The messages name the field that is wrong; token params hold no secret.
  return Either.mapLeft(
    decodeParams(params),
    (error) =>
      ablyError(40003, 400, `Invalid token params: ${ParseResult.TreeFormatter.formatErrorSync(error).slice(0, 500)}`)
  )
}

const isKey = (key: unknown): key is string | Redacted.Redacted<string> =>
  Predicate.isString(key) || (Redacted.isRedacted(key) && Predicate.isString(Redacted.value(key)))

// What the callback answers is checked when it is called (40170); here only that it is one.
const isCallback = (callback: unknown): callback is AuthCallback => Predicate.isFunction(callback)

const checkOptions = (options: unknown): Either.Either<AuthOptions | undefined, AblyError> =>
  Either.gen(function*() {
    if (options === undefined || options === null) return undefined
    if (!Input.isRecord(options)) return yield* Either.left(Input.invalid("auth options", "an object", options))
    const { authCallback, authMethod, authUrl, key, queryTime } = options
    // The key is a secret: its problems are reported by type only.
    if (key !== undefined && !isKey(key)) {
      return yield* Either.left(
        ablyError(40003, 400, "Invalid auth option key: expected a string or a Redacted string")
      )
    }
    if (authCallback !== undefined && !isCallback(authCallback)) {
      return yield* Either.left(Input.invalid("auth option authCallback", "a function", authCallback))
    }
    if (authUrl !== undefined && (!Predicate.isString(authUrl) || authUrl.trim().length === 0)) {
      return yield* Either.left(Input.invalid("auth option authUrl", "a non-empty string", authUrl))
    }
    if (authMethod !== undefined && authMethod !== "GET" && authMethod !== "POST") {
      return yield* Either.left(ablyError(40003, 400, "Invalid auth option authMethod: expected \"GET\" or \"POST\""))
    }
    if (queryTime !== undefined && typeof queryTime !== "boolean") {
      return yield* Either.left(Input.invalid("auth option queryTime", "a boolean", queryTime))
    }
    const authHeaders = yield* Input.stringRecord(revealed(options["authHeaders"]), "auth option authHeaders", {
      headers: true
    })
    const authParams = yield* Input.stringRecord(revealed(options["authParams"]), "auth option authParams")
    const checked: AuthOptions = {
      ...(key === undefined ? {} : { key }),
      ...(authCallback === undefined ? {} : { authCallback }),
      ...(authUrl === undefined ? {} : { authUrl }),
      ...(authMethod === undefined ? {} : { authMethod }),
      ...(authHeaders === undefined ? {} : { authHeaders }),
      ...(authParams === undefined ? {} : { authParams }),
      ...(queryTime === undefined ? {} : { queryTime })
    }
    return checked
  })

// authHeaders/authParams values may be `Redacted`: checked like strings (and redacted again
// when the token source takes them).
const revealed = (value: unknown): unknown =>
  Input.isRecord(value)
    ? Object.fromEntries(
      Object.entries(value).map(([name, entry]) => [name, Redacted.isRedacted(entry) ? Redacted.value(entry) : entry])
    )
    : value

/**
 * Checks the arguments of `createTokenRequest`, `requestToken` and `authorize` whatever their
 * static type: params decoded with `TokenParams` (`null` means none), auth options with a
 * string or `Redacted` key, a function `authCallback`, a non-empty `authUrl`, `GET`/`POST`,
 * string `authHeaders` (no CR/LF) and `authParams`, a boolean `queryTime`. Anything else is
 * 40003; messages never show a value of the options (they may be secrets).
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { TokenParams } from "@effect-ably/core"
 * TokenParams.checkCall({ ttl: 60_000 }, undefined) // Either.right({ params: { ttl: 60000 }, options: undefined })
 * TokenParams.checkCall({ ttl: Number.NaN }, undefined) // Either.left(AblyError 40003)
 */
export const checkCall = (
  params: unknown,
  options: unknown
): Either.Either<{ readonly params: TokenParams | undefined; readonly options: AuthOptions | undefined }, AblyError> =>
  Input.guard(
    () =>
      Either.zipWith(
        checkParams(params),
        checkOptions(options),
        (checkedParams, checkedOptions) => ({ params: checkedParams, options: checkedOptions })
      ),
    () => Input.unreadable("token params or auth options")
  )
