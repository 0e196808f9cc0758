/**
 * The rules Ably applies to push admin requests: the `push-admin` capability, the required
 * fields of a device registration and of a push recipient and payload (400 / 40000 with the
 * field named), and the paging parameters of the push lists.
 *
 * @since 0.1.0
 */
import { Errors, Push } from "@effect-ably/core"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { Capability } from "../auth/Capability.js"
import { linkHeader, type LinkTarget } from "./Link.js"

const invalid = (message: string) => Errors.ablyError(40000, 400, message)

/**
 * Fails with 401 / 40160 unless some resource of the capability grants `push-admin` (or
 * `*`): the device registry and direct publishes belong to no channel.
 *
 * @since 0.1.0
 * @category checks
 * @example
 * import { ensurePushAdmin } from "./PushRules.js"
 * ensurePushAdmin({ "pushenabled:admin:*": ["push-admin"] }) // Effect<void>
 */
export const ensurePushAdmin = (capability: Capability): Effect.Effect<void, Errors.AblyError> =>
  Object.values(capability).some((operations) => operations.some((op) => op === "*" || op === "push-admin"))
    ? Effect.void
    : Effect.fail(Errors.ablyError(40160, 401, "Action not permitted: 'push-admin' is needed for push administration"))

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)

const nonEmptyString = (value: unknown): value is string => typeof value === "string" && value.length > 0

// The address each transport needs, as Ably's push docs list them.
const transportFields: Readonly<Record<string, ReadonlyArray<string>>> = {
  apns: ["deviceToken"],
  fcm: ["registrationToken"],
  gcm: ["registrationToken"],
  web: ["targetUrl", "encryptionKey"]
}

const transportProblem = (recipient: Readonly<Record<string, unknown>>): string | undefined => {
  const transport = recipient["transportType"]
  if (typeof transport !== "string" || !(transport in transportFields)) {
    return "transportType must be one of apns, fcm, gcm, web"
  }
  const missing = transportFields[transport]!.find((field) => recipient[field] === undefined)
  return missing === undefined ? undefined : `${missing} is required for transportType ${transport}`
}

const decodeDevice = Schema.decodeUnknownEither(Push.DeviceDetails)

/**
 * A device registration body for `PUT /push/deviceRegistrations/:deviceId`: `id` (equal to
 * the path's), `platform`, `formFactor` and `push.recipient` with its transport's address are
 * required. The stored device is `ACTIVE` unless it says otherwise.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { checkDevice } from "./PushRules.js"
 * checkDevice("d", { id: "d", platform: "ios", formFactor: "phone", push: { recipient: { transportType: "apns", deviceToken: "t" } } })
 */
export const checkDevice = (pathId: string, body: unknown): Either.Either<Push.DeviceDetails, Errors.AblyError> => {
  if (!isRecord(body)) return Either.left(invalid("Invalid device registration: expected an object"))
  for (const field of ["id", "platform", "formFactor"]) {
    if (!nonEmptyString(body[field])) return Either.left(invalid(`Invalid device registration: ${field} is required`))
  }
  if (body["id"] !== pathId) {
    return Either.left(invalid("Invalid device registration: the id does not match the path's deviceId"))
  }
  const push = body["push"]
  if (!isRecord(push) || !isRecord(push["recipient"])) {
    return Either.left(invalid("Invalid device registration: push.recipient is required"))
  }
  const problem = transportProblem(push["recipient"])
  if (problem !== undefined) return Either.left(invalid(`Invalid device registration: push.recipient.${problem}`))
  return Either.mapBoth(decodeDevice(body), {
    onLeft: (cause) => invalid(`Invalid device registration: ${Errors.describeParseError(cause)}`),
    onRight: (device) =>
      device.push.state === undefined ? { ...device, push: { ...device.push, state: "ACTIVE" } } : device
  })
}

/**
 * A subscription body for `POST /push/channelSubscriptions`: a channel and exactly one of
 * `deviceId` and `clientId`.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { checkSubscription } from "./PushRules.js"
 * checkSubscription({ channel: "news", clientId: "alice" }) // Either.right(...)
 */
export const checkSubscription = (body: unknown): Either.Either<Push.PushChannelSubscription, Errors.AblyError> => {
  if (!isRecord(body)) return Either.left(invalid("Invalid push subscription: expected an object"))
  const { channel, clientId, deviceId } = body
  if (!nonEmptyString(channel)) return Either.left(invalid("Invalid push subscription: channel is required"))
  if (deviceId !== undefined && !nonEmptyString(deviceId)) {
    return Either.left(invalid("Invalid push subscription: deviceId must be a string"))
  }
  if (clientId !== undefined && !nonEmptyString(clientId)) {
    return Either.left(invalid("Invalid push subscription: clientId must be a string"))
  }
  if ((deviceId === undefined) === (clientId === undefined)) {
    return Either.left(invalid("Invalid push subscription: exactly one of deviceId and clientId is required"))
  }
  return Either.right(deviceId === undefined ? { channel, clientId } : { channel, deviceId })
}

const payloadFields = ["notification", "data", "apns", "fcm", "web"] as const

/**
 * A `POST /push/publish` body: a recipient (`clientId`, `deviceId`, or a transport address)
 * and a payload (`notification`, `data` with string values, or a per-transport override).
 * Answers the recipient and the rest of the body.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { checkPublish } from "./PushRules.js"
 * checkPublish({ recipient: { clientId: "alice" }, notification: { title: "Hi" } })
 */
export const checkPublish = (body: unknown): Either.Either<
  { readonly recipient: Readonly<Record<string, unknown>>; readonly payload: Readonly<Record<string, unknown>> },
  Errors.AblyError
> => {
  if (!isRecord(body)) return Either.left(invalid("Invalid push publish: expected an object"))
  const { recipient, ...payload } = body
  if (!isRecord(recipient)) return Either.left(invalid("Invalid push publish: recipient is required"))
  if (!nonEmptyString(recipient["clientId"]) && !nonEmptyString(recipient["deviceId"])) {
    const problem = transportProblem(recipient)
    if (problem !== undefined) {
      return Either.left(invalid(`Invalid push publish: recipient needs clientId, deviceId or an address (${problem})`))
    }
  }
  if (!payloadFields.some((field) => isRecord(payload[field]))) {
    return Either.left(invalid("Invalid push publish: the payload needs notification, data, apns, fcm or web"))
  }
  const data = payload["data"]
  if (isRecord(data) && !Object.values(data).every((value) => typeof value === "string")) {
    return Either.left(invalid("Invalid push publish: data values must be strings"))
  }
  return Either.right({ recipient, payload })
}

/**
 * The three Live Activity pushes: `start`, `broadcast` (an update) and `end`.
 *
 * @since 0.1.0
 * @category models
 */
export type LiveActivityEvent = "start" | "broadcast" | "end"

/**
 * A `POST /push/apnsBroadcastChannels` body: `messageStoragePolicy` 0 or 1, else 400 / 40000.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { checkBroadcastOptions } from "./PushRules.js"
 * checkBroadcastOptions({ messageStoragePolicy: 1 }) // Either.right(1)
 */
export const checkBroadcastOptions = (body: unknown): Either.Either<0 | 1, Errors.AblyError> => {
  const policy = isRecord(body) ? body["messageStoragePolicy"] : undefined
  return policy === 0 || policy === 1
    ? Either.right(policy)
    : Either.left(invalid("Invalid APNs broadcast: messageStoragePolicy must be 0 or 1"))
}

/**
 * A Live Activity body: `apns` an object, `headers` (optional) an object of strings, and for
 * `start` exactly one of `channels` (names) and `deviceId`. Answers the recipient and payload
 * to record, or 400 / 40000.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import { checkLiveActivity } from "./PushRules.js"
 * checkLiveActivity("start", { apns: { aps: { event: "start" } }, channels: ["game"] })
 */
export const checkLiveActivity = (event: LiveActivityEvent, body: unknown): Either.Either<
  { readonly recipient: Readonly<Record<string, unknown>>; readonly payload: Readonly<Record<string, unknown>> },
  Errors.AblyError
> => {
  const refuse = (problem: string) => Either.left(invalid(`Invalid Live Activity request: ${problem}`))
  if (!isRecord(body)) return refuse("expected an object")
  const { apns, channels, deviceId, headers } = body
  if (!isRecord(apns)) return refuse("apns must be an object")
  if (headers !== undefined && !(isRecord(headers) && Object.values(headers).every((v) => typeof v === "string"))) {
    return refuse("headers must be an object of strings")
  }
  const payload = headers === undefined ? { apns } : { apns, headers }
  if (event !== "start") return Either.right({ recipient: {}, payload })
  const names: ReadonlyArray<unknown> = Array.isArray(channels) ? channels : []
  if ((names.length > 0) === (deviceId !== undefined)) return refuse("give exactly one of channels and deviceId")
  if (deviceId !== undefined) {
    return nonEmptyString(deviceId)
      ? Either.right({ recipient: { deviceId }, payload })
      : refuse("deviceId must be a string")
  }
  return names.every(nonEmptyString)
    ? Either.right({ recipient: { channels: names }, payload })
    : refuse("channels must be channel names")
}

const Digits = (max: number) => Schema.String.pipe(Schema.pattern(new RegExp(`^\\d{1,${max}}$`)))

/**
 * Paging of the push lists: `limit` 1–1000 (default 100) and `cursor`, the offset of a page.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { PushPaging } from "./PushRules.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(PushPaging)({ limit: "10" }) // { limit: 10, cursor: 0 }
 */
export const PushPaging = Schema.Struct({
  limit: Schema.optionalWith(Schema.compose(Digits(7), Schema.NumberFromString).pipe(Schema.between(1, 1000)), {
    default: () => 100
  }),
  cursor: Schema.optionalWith(Schema.compose(Digits(9), Schema.NumberFromString), { default: () => 0 })
})

/**
 * The current request's query decoded by `schema`: 400 / 40003 when invalid.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { query, PushPaging } from "./PushRules.js"
 * const paging = query(PushPaging, "push list parameters")
 */
export const query = <A, I extends Readonly<Record<string, string | ReadonlyArray<string> | undefined>>>(
  schema: Schema.Schema<A, I>,
  what: string
): Effect.Effect<A, Errors.AblyError, HttpServerRequest.ParsedSearchParams> =>
  HttpServerRequest.schemaSearchParams(schema).pipe(
    Effect.mapError((cause) => Errors.ablyError(40003, 400, `Invalid ${what}: ${Errors.describeParseError(cause)}`))
  )

/**
 * The `Link` header of a push list page: `first`, `current` and `next` with the request's
 * filters kept and the page's `cursor`.
 *
 * @since 0.1.0
 * @category formatting
 * @example
 * import { pushLinks } from "./PushRules.js"
 * pushLinks("channels", [], 10, 0, 10) // '<./channels?limit=10>; rel="first", …'
 */
export const pushLinks = (
  lastSegment: string,
  filters: ReadonlyArray<readonly [string, string]>,
  limit: number,
  cursor: number,
  next: number | undefined
): string => {
  const at = (offset: number): LinkTarget["params"] => [
    ...filters,
    ["limit", String(limit)],
    ...(offset === 0 ? [] : [["cursor", String(offset)] as const])
  ]
  return linkHeader(lastSegment, [
    { rel: "first", params: at(0) },
    { rel: "current", params: at(cursor) },
    ...(next === undefined ? [] : [{ rel: "next", params: at(next) } as const])
  ])
}
