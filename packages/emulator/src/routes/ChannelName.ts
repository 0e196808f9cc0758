/**
 * Channel names as the emulator accepts them: core's rule (40010), plus Ably's list of
 * channel qualifiers, and the `:channel` path parameter validated with both.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import { ChannelName } from "@effect-ably/core/wire"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"

// `[meta]name`, `[?param=value&…]name` and ably-js's derived `[filter=<base64>?params]name`.
const knownQualifier = /^\[(?:meta|\?[^\]]*|filter=[^\]?]*(?:\?[^\]]*)?)\]/

/**
 * Validates a channel name: core's `ChannelName.validate` (non-empty, no newline, no leading
 * `:`, `[` only for a qualifier), and a qualifier must be one Ably knows: `[meta]`,
 * `[?params]` or `[filter=…]`. Anything else (`[foo]name`) is 400 / 40010.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { validate } from "./ChannelName.js"
 * validate("[meta]log") // Right("[meta]log")
 * validate("[foo]name") // Left(AblyError 40010)
 */
export const validate = (name: string): Either.Either<string, Errors.AblyError> =>
  Either.flatMap(
    ChannelName.validate(name),
    (valid) =>
      valid.charCodeAt(0) !== 91 /* "[" */ || knownQualifier.test(valid)
        ? Either.right(valid)
        : Either.left(
          Errors.ablyError(
            40010,
            400,
            `Invalid channel name ${
              JSON.stringify(valid.slice(0, 64))
            }: unknown qualifier (known: [meta], [?params], [filter=…])`
          )
        )
  )

/**
 * The validated channel name of the current route (percent-decoded by the router); 400 /
 * 40010 when invalid.
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * import { channelName } from "./ChannelName.js"
 * const name = channelName // Effect<string, AblyError, RouteContext>
 */
export const channelName: Effect.Effect<string, Errors.AblyError, HttpRouter.RouteContext> = Effect.flatMap(
  HttpRouter.params,
  ({ channel = "" }) => validate(channel)
)
