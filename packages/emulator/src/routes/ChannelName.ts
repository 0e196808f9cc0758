/**
 * The `:channel` path parameter: percent-decoded by the router, then validated.
 *
 * @since 0.1.0
 */
import { ChannelName, type Errors } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"

/**
 * Whether a channel name is acceptable: not empty, not starting with `:`, and starting with
 * `[` only in the `[qualifier]name` form.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { isValidChannelName } from "@effect-ably/emulator/routes/ChannelName"
 * isValidChannelName("a/b c:d") // true
 * isValidChannelName(":bad") // false
 */
export const isValidChannelName = (name: string): boolean => Either.isRight(ChannelName.validate(name))

/**
 * The validated channel name of the current route; 400 / 40010 when invalid.
 *
 * @since 0.1.0
 * @category accessors
 * @example
 * import { channelName } from "@effect-ably/emulator/routes/ChannelName"
 * const name = channelName // Effect<string, AblyError, RouteContext>
 */
export const channelName: Effect.Effect<string, Errors.AblyError, HttpRouter.RouteContext> = Effect.flatMap(
  HttpRouter.params,
  ({ channel = "" }) =>
    // The SDK's own rule (40010), so both sides agree on what a channel name is.
    ChannelName.validate(channel)
)
