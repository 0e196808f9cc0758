/**
 * Mutable messages (RSL11, RSL14, RSL15): reading one message by serial, its versions, and
 * changing it. Each change is a new version with its own serial, later than every serial
 * before it; history shows the latest version in the place of the original.
 *
 * @since 0.1.0
 */
import { Errors, type Message } from "@effect-ably/core"
import * as Chunk from "effect/Chunk"
import * as Either from "effect/Either"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import type { ChannelState, Payload, StoredMessage } from "./Model.js"

/**
 * A change as received: which, the fields it carries (data normalised as on publish), and the
 * operation metadata that becomes the new version's.
 *
 * @since 0.1.0
 * @category models
 */
export interface Change {
  readonly action: "message.update" | "message.delete" | "message.append"
  readonly name?: string | undefined
  readonly data?: Payload | undefined
  readonly encoding?: string | undefined
  readonly extras?: Readonly<Record<string, unknown>> | undefined
  readonly operation: typeof Message.MessageVersion.Type
}

/**
 * Whether a channel's namespace (the part of its name before the first `:`) has the "message
 * annotations, updates, deletes and appends" rule (`mutableMessages`).
 *
 * @since 0.1.0
 * @category predicates
 * @example
 * import * as Mutations from "./Mutations.js"
 * Mutations.isMutable([{ id: "mutable", mutableMessages: true }], "mutable:chat") // true
 * Mutations.isMutable([{ id: "mutable", mutableMessages: true }], "chat") // false
 */
export const isMutable = (
  namespaces: ReadonlyArray<{ readonly id: string; readonly mutableMessages?: boolean | undefined }>,
  channel: string
): boolean => {
  const colon = channel.indexOf(":")
  if (colon === -1) return false
  const namespace = channel.slice(0, colon)
  return namespaces.some((rule) => rule.id === namespace && rule.mutableMessages === true)
}

/**
 * 404 / 40400: no message with that serial on the channel.
 *
 * @since 0.1.0
 * @category errors
 * @example
 * import * as Mutations from "./Mutations.js"
 * Mutations.notFound("chat", "s1").code // 40400
 */
export const notFound = (channel: string, serial: string): Errors.AblyError =>
  Errors.ablyError(40400, 404, `Message not found: no message with serial ${serial} on channel ${channel}`)

/**
 * The latest version of a message, by serial.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Channels from "./Channels.js"
 * import * as Mutations from "./Mutations.js"
 * Mutations.find(Channels.emptyChannel, "s1") // Option.none()
 */
export const find = (channel: ChannelState, serial: string): Option.Option<StoredMessage> =>
  Chunk.findFirst(channel.messages, (message) => message.serial === serial)

// The create version as a version: its version is its own serial and time (TM2s).
const asFirstVersion = (message: StoredMessage): StoredMessage =>
  message.version === undefined
    ? { ...message, version: { serial: message.serial, timestamp: message.timestamp } }
    : message

/**
 * Every version of a message, oldest first (one, the create, if it never changed); `None`
 * when there is no such message.
 *
 * @since 0.1.0
 * @category queries
 * @example
 * import * as Channels from "./Channels.js"
 * import * as Mutations from "./Mutations.js"
 * Mutations.versions(Channels.emptyChannel, "s1") // Option.none()
 */
export const versions = (channel: ChannelState, serial: string): Option.Option<Chunk.Chunk<StoredMessage>> =>
  Option.orElse(
    HashMap.get(channel.versions ?? HashMap.empty(), serial),
    () => Option.map(find(channel, serial), (message) => Chunk.of(asFirstVersion(message)))
  )

const appended = (previous: StoredMessage, change: Change): Either.Either<Payload | undefined, Errors.AblyError> => {
  if (change.data === undefined) return Either.right(previous.data)
  if (previous.data === undefined) return Either.right(change.data)
  if (typeof previous.data === "string" && typeof change.data === "string" && previous.encoding === change.encoding) {
    return Either.right(previous.data + change.data)
  }
  return Either.left(
    Errors.ablyError(40013, 400, "Invalid append: only string data without encoding steps can be appended to")
  )
}

/**
 * The next version of a message: the change's name, data, encoding and extras replace the
 * previous ones where it has them (a delete keeps the data it was sent, or the previous data),
 * an append concatenates string data; the id, clientId, serial and original timestamp stay.
 * An append is stored as an update (history shows the whole text).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Mutations from "./Mutations.js"
 * import type { StoredMessage } from "@effect-ably/emulator"
 * const original: StoredMessage = { id: "a:0", serial: "s1", timestamp: 1, action: "message.create", data: "Hel" }
 * Mutations.nextVersion(original, { action: "message.append", data: "lo", operation: {} }, { serial: "s2", timestamp: 2 })
 * // Right({ ...original, data: "Hello", action: "message.update", version: { serial: "s2", timestamp: 2 } })
 */
export const nextVersion = (
  previous: StoredMessage,
  change: Change,
  version: { readonly serial: string; readonly timestamp: number }
): Either.Either<StoredMessage, Errors.AblyError> =>
  Either.map(
    change.action === "message.append" ? appended(previous, change) : Either.right(change.data ?? previous.data),
    (data): StoredMessage => {
      const { data: _data, encoding: _encoding, ...kept } = previous
      const encoding = change.action === "message.append" || change.data === undefined
        ? previous.encoding
        : change.encoding
      const name = change.name ?? previous.name
      const extras = change.extras ?? previous.extras
      return {
        ...kept,
        ...(name === undefined ? {} : { name }),
        ...(extras === undefined ? {} : { extras }),
        ...(data === undefined ? {} : { data }),
        ...(encoding === undefined ? {} : { encoding }),
        action: change.action === "message.delete" ? "message.delete" : "message.update",
        version: { ...change.operation, serial: version.serial, timestamp: version.timestamp }
      }
    }
  )

/**
 * Applies a change to the message `serial` of a channel: the latest version is replaced in
 * place and every version kept. `check` sees the current version first (capabilities that
 * depend on who published it). Unknown serial: 404 / 40400.
 *
 * @since 0.1.0
 * @category changes
 * @example
 * import * as Channels from "./Channels.js"
 * import * as Mutations from "./Mutations.js"
 * import { Either } from "effect"
 * const outcome = Mutations.apply(Channels.emptyChannel, "chat", "s1", { action: "message.delete", operation: {} }, {
 *   serial: "s2", timestamp: 2, check: () => Either.void
 * }) // Left(AblyError 40400)
 */
export const apply = (
  channel: ChannelState,
  name: string,
  serial: string,
  change: Change,
  context: {
    readonly serial: string
    readonly timestamp: number
    readonly check: (current: StoredMessage) => Either.Either<void, Errors.AblyError>
  }
): Either.Either<ChannelState, Errors.AblyError> => {
  const index = Chunk.findFirstIndex(channel.messages, (message) => message.serial === serial)
  if (Option.isNone(index)) return Either.left(notFound(name, serial))
  const current = Chunk.unsafeGet(channel.messages, index.value)
  return Either.flatMap(context.check(current), () =>
    Either.map(nextVersion(current, change, context), (next) => {
      const all = Option.getOrElse(versions(channel, serial), () => Chunk.of(asFirstVersion(current)))
      return {
        ...channel,
        messages: Chunk.replace(channel.messages, index.value, next),
        versions: HashMap.set(channel.versions ?? HashMap.empty(), serial, Chunk.append(all, next))
      }
    }))
}
