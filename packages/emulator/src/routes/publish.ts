/**
 * `POST /channels/:channel/messages` (RSL1): publish one message or an array of them.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Capability from "../auth/Capability.js"
import { authenticate } from "../auth/Credentials.js"
import { identify } from "../auth/Identity.js"
import { Emulator } from "../Emulator.js"
import { readBody } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import { channelName } from "./ChannelName.js"
import { checkSize, decodeMessages, toPublishInput } from "./MessageWire.js"

/**
 * Authenticates, checks the `publish` capability, decodes the JSON or msgpack body, applies
 * the caller's token clientId (40012 on a mismatch), enforces the size limit and the app's
 * `channel.maxRate` (429 / 42910) and stores the messages. Answers 201 `{channel, messageId, serials}`.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { publish } from "./publish.js"
 * const handler = publish
 */
export const publish = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  yield* Capability.ensure(principal.capability, channel, "publish")
  const wire = yield* Effect.flatMap(readBody, decodeMessages)
  const messages = yield* identify(principal, yield* Effect.forEach(wire, toPublishInput))
  yield* checkSize(messages)
  const emulator = yield* Emulator
  yield* emulator.rateLimits.publish(principal.app, channel, messages.length)
  const { messageId, serials } = yield* emulator.publish(principal.app.appId, channel, messages)
  return yield* respond(201, { channel, messageId, serials })
})
