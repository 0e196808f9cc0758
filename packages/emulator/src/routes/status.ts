/**
 * `GET /channels/:channel` (RSL8): a channel's `ChannelDetails`. Like Ably, asking activates
 * the channel.
 *
 * @since 0.1.0
 */
import { ChannelDetails, Errors } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Capability from "../auth/Capability.js"
import { authenticate } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { respond } from "../http/Respond.js"
import * as Activity from "../state/Activity.js"
import * as Step from "../state/Step.js"
import { channelName } from "./ChannelName.js"

const encodeList = Schema.encode(Schema.Array(ChannelDetails.ChannelDetails))

/**
 * `ChannelDetails` values in wire form.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import { encodeDetails } from "./status.js"
 * const wire = encodeDetails([{ channelId: "a", status: { isActive: true } }])
 */
export const encodeDetails = (
  details: ReadonlyArray<ChannelDetails.ChannelDetails>
): Effect.Effect<ReadonlyArray<unknown>, Errors.AblyError> =>
  encodeList(details).pipe(
    Effect.mapError((cause) =>
      Errors.ablyError(50000, 500, `Unable to encode channel details: ${Errors.describeParseError(cause)}`, { cause })
    )
  )

/**
 * Authenticates, checks `channel-metadata` on the channel (else 401 / 40160), activates it
 * and answers its details with occupancy.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { status } from "./status.js"
 * const handler = status
 */
export const status = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  yield* Capability.ensure(principal.capability, channel, "channel-metadata")
  const emulator = yield* Emulator
  const details = yield* emulator.modifyApp(principal.app.appId, (app, now) => {
    const activated = Activity.touch(app, channel, now)
    return Step.succeed(Activity.details(channel, Activity.channelOf(activated, channel), now), activated)
  })
  const [wire] = yield* encodeDetails([details])
  return yield* respond(200, wire)
})
