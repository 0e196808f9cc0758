/**
 * The `:channel` path parameter: percent-decoded by the router, then validated.
 *
 * @since 0.1.0
 */
import { ChannelName, type Errors } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Effect from "effect/Effect"

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
