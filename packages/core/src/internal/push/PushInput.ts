/**
 * Checks of what a caller passes to the push admin operations, whatever its static type:
 * each answers the value to send or an `AblyError` (40003 for a wrong type or value, 40013
 * for a payload nested too deep), so that nothing invalid is sent.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { type AblyError, ablyError } from "../../Errors.js"
import { depthWithin } from "../../Limits.js"
import * as Push from "../../Push.js"
import { describeParseError } from "../ErrorCause.js"
import * as Input from "../Input.js"
import * as Query from "../params/Query.js"

const decodeDevice = Schema.decodeUnknownEither(Push.DeviceDetails)
const decodeSubscription = Schema.decodeUnknownEither(Push.PushChannelSubscription)

/**
 * The device id of `get`/`remove`'s argument: a non-empty string, or an object whose `id` is one.
 *
 * @since 0.1.0
 * @category checks
 * @example
 * import * as PushInput from "./PushInput.js"
 * PushInput.deviceId({ id: "device-1" }) // Either.right("device-1")
 */
export const deviceId = (value: unknown): Either.Either<string, AblyError> =>
  Input.guard(() => {
    const id = Input.isRecord(value) ? value["id"] : value
    return typeof id === "string" && id.length > 0
      ? Either.right(id)
      : Either.left(Input.invalid("device", "a device id or DeviceDetails with an id", id))
  }, () => Input.unreadable("device"))

/**
 * A device to save, decoded by `DeviceDetails` (extra fields dropped): 40003 when it does
 * not fit or has an empty id.
 *
 * @since 0.1.0
 * @category checks
 * @example
 * import * as PushInput from "./PushInput.js"
 * PushInput.device({ id: "d", platform: "ios", formFactor: "phone", push: { recipient: { transportType: "apns", deviceToken: "t" } } })
 */
export const device = (value: unknown): Either.Either<Push.DeviceDetails, AblyError> =>
  Input.guard(() => {
    if (!Input.isRecord(value)) return Either.left(Input.invalid("device", "DeviceDetails", value))
    return Either.flatMap(
      Either.mapLeft(decodeDevice(value), (error) =>
        ablyError(40003, 400, `Invalid device: ${describeParseError(error)}`)),
      (decoded) =>
        decoded.id.length === 0
          ? Either.left(ablyError(40003, 400, "Invalid device: the id is empty"))
          : depthWithin(decoded)
          ? Either.right(decoded)
          : Either.left(Input.tooDeep("device"))
    )
  }, () =>
    Input.unreadable("device"))

/**
 * A subscription to save or remove: a channel and exactly one of `deviceId` and `clientId`
 * (PCS5), else 40003.
 *
 * @since 0.1.0
 * @category checks
 * @example
 * import * as PushInput from "./PushInput.js"
 * PushInput.subscription({ channel: "news", clientId: "alice" }) // Either.right(...)
 */
export const subscription = (value: unknown): Either.Either<Push.PushChannelSubscription, AblyError> =>
  Input.guard(() => {
    if (!Input.isRecord(value)) {
      return Either.left(Input.invalid("push subscription", "a PushChannelSubscription", value))
    }
    return Either.flatMap(
      Either.mapLeft(
        decodeSubscription(value),
        (error) => ablyError(40003, 400, `Invalid push subscription: ${describeParseError(error)}`)
      ),
      (decoded) =>
        decoded.channel.length === 0
          ? Either.left(ablyError(40003, 400, "Invalid push subscription: the channel is empty"))
          : (decoded.deviceId === undefined) === (decoded.clientId === undefined)
          ? Either.left(ablyError(40003, 400, "Invalid push subscription: give exactly one of deviceId and clientId"))
          : Either.right(decoded)
    )
  }, () => Input.unreadable("push subscription"))

/**
 * The body of `POST /push/publish`: `{ recipient, ...payload }`, as ably-js builds it. Both
 * must be objects (40003), the recipient non-empty; nothing may nest deeper than
 * `Limits.maxDepth` (40013).
 *
 * @since 0.1.0
 * @category checks
 * @example
 * import * as PushInput from "./PushInput.js"
 * PushInput.publishBody({ clientId: "alice" }, { notification: { title: "Hi" } })
 */
export const publishBody = (recipient: unknown, payload: unknown): Either.Either<Record<string, unknown>, AblyError> =>
  Input.guard((): Either.Either<Record<string, unknown>, AblyError> => {
    if (!Input.isRecord(recipient)) return Either.left(Input.invalid("push recipient", "an object", recipient))
    if (Object.keys(recipient).length === 0) return Either.left(ablyError(40003, 400, "Invalid push recipient: empty"))
    if (!Input.isRecord(payload)) return Either.left(Input.invalid("push payload", "an object", payload))
    const body: Record<string, unknown> = {}
    for (const key of Object.keys(payload)) {
      if (key !== "recipient") body[key] = payload[key]
    }
    body["recipient"] = { ...recipient }
    return depthWithin(body) ? Either.right(body) : Either.left(Input.tooDeep("push payload"))
  }, () => Input.unreadable("push publish arguments"))

/**
 * `deviceRegistrations.list`/`removeWhere` filters → query (40003 when invalid).
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as PushInput from "./PushInput.js"
 * PushInput.deviceQuery({ clientId: "alice" }) // Either.right([["clientId", "alice"]])
 */
export const deviceQuery = Query.checker({
  what: "device registration parameters",
  schema: Push.DeviceRegistrationParams,
  fields: (valid) => ({ deviceId: valid.deviceId, clientId: valid.clientId, state: valid.state, limit: valid.limit })
})

/**
 * `channelSubscriptions.list`/`removeWhere` filters → query (40003 when invalid).
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as PushInput from "./PushInput.js"
 * PushInput.subscriptionQuery({ channel: "news" }) // Either.right([["channel", "news"]])
 */
export const subscriptionQuery = Query.checker({
  what: "push subscription parameters",
  schema: Push.PushChannelSubscriptionParams,
  fields: (valid) => ({
    channel: valid.channel,
    deviceId: valid.deviceId,
    clientId: valid.clientId,
    concatFilters: valid.concatFilters,
    limit: valid.limit
  })
})

/**
 * `channelSubscriptions.listChannels` parameters → query (40003 when invalid).
 *
 * @since 0.1.0
 * @category checkers
 * @example
 * import * as PushInput from "./PushInput.js"
 * PushInput.channelsQuery({ limit: 10 }) // Either.right([["limit", "10"]])
 */
export const channelsQuery = Query.checker({
  what: "push channels parameters",
  schema: Push.PushChannelsParams,
  fields: (valid) => ({ limit: valid.limit })
})
