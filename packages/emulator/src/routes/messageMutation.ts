/**
 * Mutable messages: `GET /channels/:channel/messages/:serial` (RSL11), `PATCH` on it to
 * update, delete or append (RSL15), and `GET …/:serial/versions` (RSL14).
 *
 * @since 0.1.0
 */
import { Errors, Message } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Capability from "../auth/Capability.js"
import { authenticate, type Principal } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { readBody, responseProtocol } from "../http/Negotiation.js"
import { encoded, respond } from "../http/Respond.js"
import * as Channels from "../state/Channels.js"
import * as History from "../state/History.js"
import type { ChannelState, StoredMessage } from "../state/Model.js"
import * as Mutations from "../state/Mutations.js"
import { channelName } from "./ChannelName.js"
import { historyLinks, historyQuery } from "./history.js"
import { encodeMessages, toPublishInput } from "./MessageWire.js"

const missingSerial = Errors.ablyError(40003, 400, "Invalid request: the message serial is missing")

// The `:serial` path parameter (percent-decoded by the router); empty or absent is 40003.
const serialParam = Effect.flatMap(
  HttpRouter.params,
  ({ serial }) => serial === undefined || serial === "" ? Effect.fail(missingSerial) : Effect.succeed(serial)
)

const channelState = (principal: Principal, channel: string): Effect.Effect<ChannelState, Errors.AblyError, Emulator> =>
  Effect.map(
    Effect.flatMap(Emulator, (emulator) => emulator.app(principal.app.appId)),
    (app) => Option.getOrElse(HashMap.get(app.channels, channel), () => Channels.emptyChannel)
  )

/**
 * `GET /channels/:channel/messages/:serial`: the latest version of one message (needs
 * `history`); 404 / 40400 for an unknown serial.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { getMessage } from "./messageMutation.js"
 * const handler = getMessage
 */
export const getMessage = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  const serial = yield* serialParam
  yield* Capability.ensure(principal.capability, channel, "history")
  const state = yield* channelState(principal, channel)
  const message = yield* Either.fromOption(Mutations.find(state, serial), () => Mutations.notFound(channel, serial))
  const protocol = yield* responseProtocol
  const [wire] = yield* encodeMessages(protocol, [message])
  return yield* encoded(protocol, 200, wire)
})

const DirectionGiven = Schema.Struct({ direction: Schema.optional(Schema.String) })

/**
 * `GET /channels/:channel/messages/:serial/versions`: every version of one message in serial
 * order, oldest first unless `direction=backwards`, paginated like history (needs `history`);
 * 404 / 40400 for an unknown serial.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { messageVersions } from "./messageMutation.js"
 * const handler = messageVersions
 */
export const messageVersions = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  const serial = yield* serialParam
  yield* Capability.ensure(principal.capability, channel, "history")
  const parsed = yield* historyQuery
  const given = yield* HttpServerRequest.schemaSearchParams(DirectionGiven).pipe(Effect.orElseSucceed(() => ({})))
  const query: History.HistoryQuery = "direction" in given && given.direction !== undefined
    ? parsed.query
    : { ...parsed.query, direction: "forwards" }
  const state = yield* channelState(principal, channel)
  const all = yield* Either.fromOption(Mutations.versions(state, serial), () => Mutations.notFound(channel, serial))
  // Versions are paged by their own serial and time.
  const page = History.page(
    Chunk.map(all, (message) => ({
      message,
      serial: message.version?.serial ?? message.serial,
      timestamp: message.version?.timestamp ?? message.timestamp
    })),
    query
  )
  const protocol = yield* responseProtocol
  const items = yield* encodeMessages(protocol, page.items.map((item) => item.message))
  return yield* encoded(protocol, 200, items, { link: historyLinks("versions", query, parsed.format, page.next) })
})

const changeActions = { 1: "message.update", 2: "message.delete", 5: "message.append" } as const

const decodeChange = (body: unknown) => {
  const single = Array.isArray(body) && body.length === 1 ? body[0] : body
  return Schema.decodeUnknown(Message.WireMessage)(single).pipe(
    Effect.mapError((cause) =>
      Errors.ablyError(40001, 400, `Invalid message body: ${Errors.describeParseError(cause)}`, { cause })
    )
  )
}

const ownOrAny = (principal: Principal, channel: string, action: Mutations.Change["action"]) => {
  const kind = action === "message.delete" ? "message-delete" : "message-update"
  const anyMessage = Capability.allows(principal.capability, channel, `${kind}-any`)
  const own = Capability.allows(principal.capability, channel, `${kind}-own`)
  if (!anyMessage && !own) {
    return Either.left(Errors.ablyError(40160, 401, `Action not permitted: '${kind}-any' on channel '${channel}'`))
  }
  const clientId = principal.clientId === "*" ? undefined : principal.clientId
  if (!anyMessage && clientId === undefined) {
    return Either.left(
      Errors.ablyError(40166, 401, `An unidentified client cannot use '${kind}-own': it has no messages of its own`)
    )
  }
  return Either.right({ anyMessage, clientId, kind })
}

/**
 * `PATCH /channels/:channel/messages/:serial`: update (action 1), delete (2) or append (5) to a
 * message, on a channel whose namespace has `mutableMessages` (else 400 / 93002). Needs
 * `message-update-any` / `message-delete-any`, or the `-own` one for a message published under
 * the caller's clientId (401 / 40160 otherwise; 401 / 40166 for an unidentified client with
 * only `-own`). Answers `{ versionSerial }`.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { changeMessage } from "./messageMutation.js"
 * const handler = changeMessage
 */
export const changeMessage = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  const serial = yield* serialParam
  const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.app(principal.app.appId))
  if (!Mutations.isMutable(app.namespaces, channel)) {
    return yield* Effect.fail(
      Errors.ablyError(
        93002,
        400,
        "Message updates, deletes and appends are only supported on channels with mutable messages enabled in channel namespace settings"
      )
    )
  }
  const wire = yield* Effect.flatMap(readBody, decodeChange)
  const action = wire.action === undefined
    ? undefined
    : Object.values(changeActions).find((name) => name === wire.action)
  if (action === undefined) {
    return yield* Effect.fail(
      Errors.ablyError(40003, 400, "Invalid action: expected 1 (update), 2 (delete) or 5 (append)")
    )
  }
  const allowed = yield* ownOrAny(principal, channel, action)
  const input = yield* toPublishInput(wire)
  const { clientId: operationClientId, ...operation } = wire.version ?? {}
  const versionClientId = allowed.clientId ?? operationClientId
  const change: Mutations.Change = {
    action,
    name: input.name,
    data: input.data,
    encoding: input.encoding,
    extras: input.extras,
    operation: versionClientId === undefined ? operation : { ...operation, clientId: versionClientId }
  }
  const check = (current: StoredMessage) =>
    allowed.anyMessage || current.clientId === allowed.clientId
      ? Either.void
      : Either.left(
        Errors.ablyError(40160, 401, `Action not permitted: '${allowed.kind}-any' on a message of another client`)
      )
  const emulator = yield* Emulator
  const result = yield* emulator.changeMessage(principal.app.appId, channel, serial, change, check)
  return yield* respond(200, result)
})

/**
 * `PATCH /channels/:channel/messages` without a serial: 400 / 40003.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { changeWithoutSerial } from "./messageMutation.js"
 * const handler = changeWithoutSerial
 */
export const changeWithoutSerial = Effect.flatMap(authenticate, () => Effect.fail(missingSerial))
