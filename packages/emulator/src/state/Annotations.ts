/**
 * Annotations of messages (RSAN): each message's annotation events in serial order, kept per
 * channel by message serial, and the summary they roll up to, kept on the latest version of
 * the message (`annotations.summary`, TM2u) so history and `getMessage` show it.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Chunk from "effect/Chunk"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as AnnotationSummary from "./AnnotationSummary.js"
import { idempotencyWindowMillis } from "./Channels.js"
import type { ChannelState, Payload } from "./Model.js"
import * as Mutations from "./Mutations.js"

/**
 * An annotation as received: its action, type and fields, data normalised as on publish.
 *
 * @since 0.1.0
 * @category models
 */
export interface AnnotationInput {
  readonly action: "annotation.create" | "annotation.delete"
  readonly type: string
  readonly id?: string | undefined
  readonly name?: string | undefined
  readonly count?: number | undefined
  readonly clientId?: string | undefined
  readonly data?: Payload | undefined
  readonly encoding?: string | undefined
  readonly extras?: Readonly<Record<string, unknown>> | undefined
}

/**
 * A stored annotation: the server fields always set.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredAnnotation extends AnnotationInput {
  readonly id: string
  readonly serial: string
  readonly messageSerial: string
  readonly timestamp: number
}

const invalid = (message: string) => Errors.ablyError(40003, 400, message)

/**
 * Checks an annotation as Ably does (where Ably's rules are not documented, as the emulator
 * guesses them). Any non-empty type is taken (Ably's sandbox takes `com.ably.reactions`); only
 * a type ending in a known method (`:distinct.v1`, `:unique.v1`, `:multiple.v1`, `:flag.v1`,
 * `:total.v1`) is summarised, and those have rules: distinct.v1, unique.v1 and multiple.v1 need
 * a `name`; flag.v1, distinct.v1 and unique.v1 need an identified client; a `count` is a
 * positive integer (else 400 / 40003).
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import * as Annotations from "./Annotations.js"
 * Annotations.check({ action: "annotation.create", type: "r:flag.v1", clientId: "alice" }) // Either.void
 * Annotations.check({ action: "annotation.create", type: "r:flag.v1" }) // Either.left(AblyError 40003)
 */
export const check = (input: AnnotationInput): Either.Either<void, Errors.AblyError> => {
  if (input.type.length === 0) return Either.left(invalid("Invalid annotation: the type is empty"))
  if (input.count !== undefined && !(Number.isInteger(input.count) && input.count > 0)) {
    return Either.left(invalid(`Invalid annotation: count must be a positive integer, got ${input.count}`))
  }
  const method = AnnotationSummary.methodOf(input.type)
  if (method === undefined) return Either.void
  const named = method === "distinct.v1" || method === "unique.v1" || method === "multiple.v1"
  if (named && input.name === undefined && input.action === "annotation.create") {
    return Either.left(invalid(`Invalid annotation: a ${method} annotation needs a name`))
  }
  const identified = method === "flag.v1" || method === "distinct.v1" || method === "unique.v1"
  if (identified && input.clientId === undefined) {
    return Either.left(invalid(`Invalid annotation: ${method} annotations need an identified client (a clientId)`))
  }
  return Either.void
}

/**
 * The annotation events of one message, oldest first (none when it has none).
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Annotations from "./Annotations.js"
 * import * as Channels from "./Channels.js"
 * Annotations.of(Channels.emptyChannel, "s1").length // 0
 */
export const of = (channel: ChannelState, messageSerial: string): ReadonlyArray<StoredAnnotation> =>
  Option.match(HashMap.get(channel.annotations ?? HashMap.empty(), messageSerial), {
    onNone: () => [],
    onSome: Chunk.toReadonlyArray
  })

/**
 * Records an annotation event on the message `messageSerial` and updates the summary on the
 * message. An id already recorded on that message in the last two minutes is not recorded
 * again (idempotent publishing). Unknown message: 404 / 40400.
 *
 * @since 0.1.0
 * @category changes
 * @example
 * import * as Annotations from "./Annotations.js"
 * import * as Channels from "./Channels.js"
 * Annotations.annotate(Channels.emptyChannel, "chat", "s1", { action: "annotation.create", type: "r:total.v1" }, {
 *   id: "a:0", serial: "s2", timestamp: 2
 * }) // Left(AblyError 40400)
 */
export const annotate = (
  channel: ChannelState,
  name: string,
  messageSerial: string,
  input: AnnotationInput,
  server: { readonly id: string; readonly serial: string; readonly timestamp: number }
): Either.Either<ChannelState, Errors.AblyError> => {
  const index = Chunk.findFirstIndex(channel.messages, (message) => message.serial === messageSerial)
  if (Option.isNone(index)) return Either.left(Mutations.notFound(name, messageSerial))
  const previous = of(channel, messageSerial)
  const id = input.id ?? server.id
  if (previous.some((seen) => seen.id === id && server.timestamp - seen.timestamp < idempotencyWindowMillis)) {
    return Either.right(channel)
  }
  const stored: StoredAnnotation = {
    ...input,
    id,
    serial: server.serial,
    messageSerial,
    timestamp: server.timestamp
  }
  const all = [...previous, stored]
  const message = Chunk.unsafeGet(channel.messages, index.value)
  return Either.right({
    ...channel,
    messages: Chunk.replace(channel.messages, index.value, {
      ...message,
      annotations: { summary: AnnotationSummary.summarize(all) }
    }),
    annotations: HashMap.set(channel.annotations ?? HashMap.empty(), messageSerial, Chunk.unsafeFromArray(all))
  })
}

/**
 * One page of a message's annotations in serial order, from the cursor (a serial) on.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Annotations from "./Annotations.js"
 * Annotations.page([], { limit: 100 }) // { items: [], next: undefined }
 */
export const page = (
  annotations: ReadonlyArray<StoredAnnotation>,
  query: { readonly limit: number; readonly cursor?: string | undefined }
): { readonly items: ReadonlyArray<StoredAnnotation>; readonly next: string | undefined } => {
  const { cursor } = query
  const from = cursor === undefined ? annotations : annotations.filter((annotation) => annotation.serial >= cursor)
  const items = from.slice(0, query.limit)
  return { items, next: from[query.limit]?.serial }
}
