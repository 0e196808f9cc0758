/**
 * Checks of what a caller passes to `createApnsBroadcast` and `liveActivity.*` (RSH1d,
 * RSH1e), whatever its static type: each answers the request to send or an `AblyError`
 * (40003 for a wrong type or value, 40000 for a start with both or neither recipient form,
 * as ably-js answers, 40013 for a payload nested too deep), so that nothing invalid is sent.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { type AblyError, ablyError } from "../../Errors.js"
import { depthWithin } from "../../Limits.js"
import * as Input from "../Input.js"

/**
 * The three Live Activity requests: `start` (push-to-start to channels or one device),
 * `broadcast` (a content-state update) and `end`.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveActivityEvent = "start" | "broadcast" | "end"

/**
 * One checked request: where to `POST` and the body.
 *
 * @since 0.1.0
 * @category models
 */
export interface LiveActivityRequest {
  readonly path: string
  readonly body: Readonly<Record<string, unknown>>
}

/**
 * The body of `POST /push/apnsBroadcastChannels`: `{ messageStoragePolicy }`, 0 or 1.
 *
 * @since 0.1.0
 * @category checks
 * @example
 * import * as LiveActivityInput from "./LiveActivityInput.js"
 * LiveActivityInput.broadcastOptions({ messageStoragePolicy: 1 }) // Either.right({ messageStoragePolicy: 1 })
 */
export const broadcastOptions = (value: unknown): Either.Either<{ readonly messageStoragePolicy: 0 | 1 }, AblyError> =>
  Input.guard((): Either.Either<{ readonly messageStoragePolicy: 0 | 1 }, AblyError> => {
    const policy = Input.isRecord(value) ? value["messageStoragePolicy"] : undefined
    return policy === 0 || policy === 1
      ? Either.right({ messageStoragePolicy: policy })
      : Either.left(Input.invalid("APNs broadcast options", "{ messageStoragePolicy: 0 | 1 }", policy ?? value))
  }, () => Input.unreadable("APNs broadcast options"))

const nonEmptyString = (value: unknown): value is string => typeof value === "string" && value.length > 0

// `{ channels }` or `{ deviceId }` as the start body's fields.
const recipientFields = (recipient: unknown): Either.Either<Record<string, unknown>, AblyError> => {
  if (!Input.isRecord(recipient)) {
    return Either.left(Input.invalid("Live Activity recipient", "{ channels } or { deviceId }", recipient))
  }
  const { channels, deviceId } = recipient
  const list: ReadonlyArray<unknown> = Array.isArray(channels) ? channels : []
  const hasChannels = list.length > 0
  const hasDevice = deviceId !== undefined && deviceId !== ""
  if (hasChannels === hasDevice) {
    return Either.left(
      ablyError(40000, 400, "Live Activity start needs exactly one of recipient.channels and recipient.deviceId")
    )
  }
  if (hasDevice) {
    return nonEmptyString(deviceId)
      ? Either.right({ deviceId })
      : Either.left(Input.invalid("Live Activity recipient.deviceId", "a string", deviceId))
  }
  const names: Array<string> = []
  for (const name of list) {
    if (!nonEmptyString(name)) {
      return Either.left(Input.invalid("Live Activity recipient.channels", "channel names", name))
    }
    names.push(name)
  }
  return Either.right({ channels: names })
}

/**
 * The request of one Live Activity event: `POST /push/apnsBroadcastChannels/<id>/<event>`
 * with `{ apns, headers? }`, and for `start` the recipient's `channels` or `deviceId`
 * (RSH1e1-3). The broadcast id is percent-encoded into the path.
 *
 * @since 0.1.0
 * @category checks
 * @example
 * import * as LiveActivityInput from "./LiveActivityInput.js"
 * LiveActivityInput.request("broadcast", { apnsBroadcast: "b1", apns: { aps: { event: "update" } } })
 * // Either.right({ path: "/push/apnsBroadcastChannels/b1/broadcast", body: { apns: { aps: … } } })
 */
export const request = (event: LiveActivityEvent, params: unknown): Either.Either<LiveActivityRequest, AblyError> =>
  Input.guard((): Either.Either<LiveActivityRequest, AblyError> => {
    if (!Input.isRecord(params)) return Either.left(Input.invalid("Live Activity parameters", "an object", params))
    const { apns, apnsBroadcast } = params
    if (!nonEmptyString(apnsBroadcast)) {
      return Either.left(
        Input.invalid("Live Activity apnsBroadcast", "the id createApnsBroadcast answered", apnsBroadcast)
      )
    }
    if (!Input.isRecord(apns)) return Either.left(Input.invalid("Live Activity apns payload", "an object", apns))
    return Either.flatMap(
      Input.stringRecord(params["headers"], "Live Activity APNs headers"),
      (headers) =>
        Either.flatMap(
          event === "start" ? recipientFields(params["recipient"]) : Either.right({}),
          (recipient): Either.Either<LiveActivityRequest, AblyError> => {
            const body: Record<string, unknown> = { apns, ...recipient }
            if (headers !== undefined) body["headers"] = headers
            return depthWithin(body)
              ? Either.right({
                path: `/push/apnsBroadcastChannels/${encodeURIComponent(apnsBroadcast)}/${event}`,
                body
              })
              : Either.left(Input.tooDeep("Live Activity apns payload"))
          }
        )
    )
  }, () => Input.unreadable("Live Activity parameters"))
