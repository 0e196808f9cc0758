/**
 * Annotations (RSAN): `POST /channels/:channel/messages/:serial/annotations` to publish
 * (action 0) or delete (action 1) an annotation, `GET` on it for the message's annotation
 * events, paginated.
 *
 * @since 0.1.0
 */
import { Errors, Message } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Capability from "../auth/Capability.js"
import { authenticate } from "../auth/Credentials.js"
import { identify } from "../auth/Identity.js"
import { Emulator } from "../Emulator.js"
import { readBody, responseProtocol } from "../http/Negotiation.js"
import { encoded } from "../http/Respond.js"
import * as Annotations from "../state/Annotations.js"
import * as Channels from "../state/Channels.js"
import * as Mutations from "../state/Mutations.js"
import { channelName } from "./ChannelName.js"
import { linkHeader, type LinkTarget } from "./Link.js"
import { payloadForProtocol, toPublishInput } from "./MessageWire.js"

const serialParam = Effect.flatMap(
  HttpRouter.params,
  ({ serial }) =>
    serial === undefined || serial === ""
      ? Effect.fail(Errors.ablyError(40003, 400, "Invalid request: the message serial is missing"))
      : Effect.succeed(serial)
)

const notEnabled = Errors.ablyError(
  93002,
  400,
  "Annotations are only supported on channels with the message annotations, updates, deletes and appends rule (mutableMessages) in channel namespace settings"
)

const ensureEnabled = (principal: { readonly app: { readonly appId: string } }, channel: string) =>
  Effect.flatMap(
    Effect.flatMap(Emulator, (emulator) => emulator.app(principal.app.appId)),
    (app) => Mutations.isMutable(app.namespaces, channel) ? Effect.void : Effect.fail(notEnabled)
  )

const InboundAnnotation = Schema.Struct({
  id: Schema.optional(Schema.String),
  action: Schema.Literal(0, 1),
  type: Schema.String,
  name: Schema.optional(Schema.String),
  count: Schema.optional(Schema.Number),
  clientId: Schema.optional(Schema.String),
  messageSerial: Schema.optional(Schema.String),
  data: Schema.optional(Schema.Unknown),
  encoding: Schema.optional(Schema.String),
  extras: Schema.optional(Message.Extras)
})

// Ably takes an array only (a bare object is 400 "invalid request body"), and every
// annotation names its action: what Ably's sandbox answers (ably/specification
// uts/rest/integration/mutable_messages.md).
const InboundBody = Schema.Array(InboundAnnotation)

const decodeBody = (body: unknown) =>
  Schema.decodeUnknown(InboundBody)(body).pipe(
    Effect.mapError((cause) =>
      Errors.ablyError(40001, 400, `Invalid annotation body: ${Errors.describeParseError(cause)}`, { cause })
    )
  )

const toInput = (
  wire: typeof InboundAnnotation.Type
): Either.Either<Annotations.AnnotationInput, Errors.AblyError> =>
  Either.map(toPublishInput({ data: wire.data, encoding: wire.encoding }), (payload) => ({
    action: wire.action === 1 ? "annotation.delete" : "annotation.create",
    type: wire.type,
    ...(wire.id === undefined ? {} : { id: wire.id }),
    ...(wire.name === undefined ? {} : { name: wire.name }),
    ...(wire.count === undefined ? {} : { count: wire.count }),
    ...(wire.clientId === undefined ? {} : { clientId: wire.clientId }),
    ...(wire.extras === undefined ? {} : { extras: wire.extras }),
    ...(payload.data === undefined ? {} : { data: payload.data }),
    ...(payload.encoding === undefined ? {} : { encoding: payload.encoding })
  }))

/**
 * `POST /channels/:channel/messages/:serial/annotations`: an array of annotations (ably-js
 * sends one; a bare object is 400 / 40001, as on Ably), each with its action, 0 (create) or 1
 * (delete; without one: 400 / 40001), on a channel whose
 * namespace has `mutableMessages` (else 400 / 93002). Needs `annotation-publish` (else 401 /
 * 40160); the caller's clientId is applied as on publish (40012 on a mismatch); an unknown
 * message is 404 / 40400; an invalid annotation 400 / 40003 (see `Annotations.check`).
 * Answers 201 `{}`.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { publishAnnotation } from "./annotations.js"
 * const handler = publishAnnotation
 */
export const publishAnnotation = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  const serial = yield* serialParam
  yield* ensureEnabled(principal, channel)
  yield* Capability.ensure(principal.capability, channel, "annotation-publish")
  const wire = yield* Effect.flatMap(readBody, decodeBody)
  const inputs = yield* identify(principal, yield* Effect.forEach(wire, toInput))
  for (const input of inputs) yield* Annotations.check(input)
  const emulator = yield* Emulator
  for (const input of inputs) yield* emulator.annotate(principal.app.appId, channel, serial, input)
  const protocol = yield* responseProtocol
  return yield* encoded(protocol, 201, {})
})

const Digits = Schema.String.pipe(Schema.pattern(/^\d{1,4}$/))

/**
 * The query parameters of `GET …/annotations`: `limit` 1–1000 (default 100) and `cursor`
 * (an annotation serial) for later pages.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { AnnotationParams } from "./annotations.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(AnnotationParams)({ limit: "10" }) // { limit: 10 }
 */
export const AnnotationParams = Schema.Struct({
  limit: Schema.optionalWith(Schema.compose(Digits, Schema.NumberFromString).pipe(Schema.between(1, 1000)), {
    default: () => 100
  }),
  cursor: Schema.optional(Schema.String),
  format: Schema.optional(Schema.Literal("json", "msgpack"))
})

const links = (params: typeof AnnotationParams.Type, next: string | undefined): string => {
  const base: LinkTarget["params"] = [
    ["limit", String(params.limit)],
    ...(params.format === undefined ? [] : [["format", params.format] as const])
  ]
  const at = (cursor: string | undefined): LinkTarget["params"] =>
    cursor === undefined ? base : [...base, ["cursor", cursor]]
  return linkHeader("annotations", [
    { rel: "first", params: at(undefined) },
    { rel: "current", params: at(params.cursor) },
    ...(next === undefined ? [] : [{ rel: "next", params: at(next) } as const])
  ])
}

const wireActions = { "annotation.create": 0, "annotation.delete": 1 } as const

/**
 * `GET /channels/:channel/messages/:serial/annotations`: the message's annotation events,
 * creates and deletes, in serial order, paginated with `Link` headers. Needs
 * `annotation-subscribe` (else 401 / 40160) on a channel with `mutableMessages` (else 400 /
 * 93002); an unknown message is 404 / 40400.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { getAnnotations } from "./annotations.js"
 * const handler = getAnnotations
 */
export const getAnnotations = Effect.gen(function*() {
  const principal = yield* authenticate
  const channel = yield* channelName
  const serial = yield* serialParam
  yield* ensureEnabled(principal, channel)
  yield* Capability.ensure(principal.capability, channel, "annotation-subscribe")
  const params = yield* HttpServerRequest.schemaSearchParams(AnnotationParams).pipe(
    Effect.mapError((cause) =>
      Errors.ablyError(40003, 400, `Invalid annotation parameters: ${Errors.describeParseError(cause)}`, { cause })
    )
  )
  const app = yield* Effect.flatMap(Emulator, (emulator) => emulator.app(principal.app.appId))
  const state = Option.getOrElse(HashMap.get(app.channels, channel), () => Channels.emptyChannel)
  if (Option.isNone(Mutations.find(state, serial))) return yield* Effect.fail(Mutations.notFound(channel, serial))
  const page = Annotations.page(Annotations.of(state, serial), params)
  const protocol = yield* responseProtocol
  const items = page.items.map((annotation) => ({
    ...payloadForProtocol(protocol, annotation),
    action: wireActions[annotation.action]
  }))
  return yield* encoded(protocol, 200, items, { link: links(params, page.next) })
})
