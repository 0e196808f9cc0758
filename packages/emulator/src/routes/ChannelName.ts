/**
 * The `:channel` path parameter: percent-decoded by the router, then validated.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Effect from "effect/Effect"

// `[qualifier]name`, e.g. `[meta]log` or `[?rewind=1]news`.
const qualified = /^\[[^\]]+\].+$/

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
export const isValidChannelName = (name: string): boolean =>
  name.length > 0 && !name.startsWith(":") && (!name.startsWith("[") || qualified.test(name))

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
    isValidChannelName(channel)
      ? Effect.succeed(channel)
      : Effect.fail(Errors.ablyError(40010, 400, `Invalid channel name: '${channel}'`))
)
