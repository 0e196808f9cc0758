/**
 * Updating, deleting and appending to a message (RSL15): the serial to address, the operation
 * metadata, and the PATCH body, the caller's message copied and encoded like a publish (RSL4,
 * channel Schema and cipher included), never changed.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as DataCodec from "../../DataCodec.js"
import { type AblyError, ablyError, describeParseError } from "../../Errors.js"
import { checkOutbound, MessageOperation } from "../../Message.js"
import type * as Codec from "../http/Codec.js"
import * as Input from "../Input.js"
import * as Lazy from "../Lazy.js"
import type { Query } from "../params/Query.js"
import * as Publish from "./Publish.js"

/**
 * The three changes and their wire actions (TM5): update 1, delete 2, append 5.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Mutation from "./Mutation.js"
 * Mutation.actions["message.append"] // 5
 */
export const actions = { "message.update": 1, "message.delete": 2, "message.append": 5 } as const

/**
 * One of the changes: `"message.update"`, `"message.delete"` or `"message.append"`.
 *
 * @since 0.1.0
 * @category models
 */
export type MutationAction = keyof typeof actions

const lacksSerial = (what: string) =>
  ablyError(
    40003,
    400,
    `This message lacks a serial: ${what} needs the serial of a message read from Ably, or a message carrying it`
  )

/**
 * The serial a `getMessage`/`getMessageVersions` argument names: a non-empty string, or an
 * object whose `serial` is one. Anything else fails with 40003 before anything is sent.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import * as Mutation from "./Mutation.js"
 * Mutation.serialOf("01726585978590-001@abcdefghij:001", "getMessage") // Either.right("01726585978590-001@abcdefghij:001")
 * Mutation.serialOf({ name: "no serial" }, "getMessage") // Either.left(AblyError 40003)
 */
export const serialOf = (serialOrMessage: unknown, what: string): Either.Either<string, AblyError> =>
  Input.guard(() => {
    const serial = Input.isRecord(serialOrMessage) ? serialOrMessage["serial"] : serialOrMessage
    return typeof serial === "string" && serial !== "" ? Either.right(serial) : Either.left(lacksSerial(what))
  }, () => Input.unreadable(`${what} argument`))

const decodeOperation = Lazy.onFirstCall(() => Schema.decodeUnknownEither(MessageOperation))

/**
 * Checks the operation metadata (MOP2): absent, or an object whose `clientId` and
 * `description` are strings and `metadata` an object of strings; else 40003.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import * as Mutation from "./Mutation.js"
 * Mutation.checkOperation({ description: "typo" }) // Either.right({ description: "typo" })
 * Mutation.checkOperation({ metadata: { n: 1 } }) // Either.left(AblyError 40003)
 */
export const checkOperation = (
  operation: unknown
): Either.Either<typeof MessageOperation.Type | undefined, AblyError> =>
  operation === undefined || operation === null ? Either.right(undefined) : Input.guard(
    () =>
      Either.mapLeft(
        decodeOperation(operation),
        (cause) => ablyError(40003, 400, `Invalid message operation: ${describeParseError(cause)}`, { cause })
      ),
    () => Input.unreadable("message operation")
  )

/**
 * Checks the query params of a change (RSL15f): absent, or an object whose values are strings,
 * numbers or booleans, sent as text; else 40003.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import * as Mutation from "./Mutation.js"
 * Mutation.checkParams({ fullWait: true }) // Either.right([["fullWait", "true"]])
 */
export const checkParams = (params: unknown): Either.Either<Query | undefined, AblyError> =>
  params === undefined || params === null ? Either.right(undefined) : Input.guard(() => {
    if (!Input.isRecord(params)) return Either.left(Input.invalid("message operation params", "an object", params))
    const query: Array<readonly [string, string]> = []
    for (const name of Object.keys(params)) {
      const value = params[name]
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        return Either.left(Input.invalid(`message operation param ${name}`, "a string, number or boolean", value))
      }
      query.push([name, String(value)])
    }
    return Either.right(query)
  }, () => Input.unreadable("message operation params"))

/**
 * How to encode a change: the wire protocol, the channel's codec and the size limit.
 *
 * @since 0.1.0
 * @category models
 */
export interface BodyOptions<A> {
  readonly protocol: Codec.Protocol
  readonly codec: DataCodec.DataCodec<A>
  readonly maxMessageSize: number
}

/**
 * A checked change, ready to send: the serial it addresses and the PATCH body.
 *
 * @since 0.1.0
 * @category models
 */
export interface Prepared {
  readonly serial: string
  readonly body: Readonly<Record<string, unknown>>
}

/**
 * Checks `message` and `operation` whatever their static type and builds the PATCH body: the
 * message's fields (a copy, nulls left out) with data encoded like a publish, its `serial`,
 * the wire `action` and the operation as `version`. A message without a serial fails with
 * 40003, a field of the wrong type 40003 (not an object: 40013), data the channel Schema
 * refuses 40013, too large 40009; nothing is sent then. A message without data (a plain
 * delete) skips the Schema.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Mutation from "./Mutation.js"
 * import { DataCodec } from "@effect-ably/core"
 * const prepared = Mutation.prepare("message.update", { serial: "s1", data: { n: 2 } }, { description: "fix" }, {
 *   protocol: "json", codec: DataCodec.untyped(), maxMessageSize: 65536
 * }) // Effect of { serial: "s1", body: { serial: "s1", data: '{"n":2}', encoding: "json", action: 1, version: { description: "fix" } } }
 */
export const prepare = <A>(
  action: MutationAction,
  message: unknown,
  operation: unknown,
  options: BodyOptions<A>
): Effect.Effect<Prepared, AblyError> =>
  Effect.gen(function*() {
    const checked = yield* checkOutbound(message)
    const serial = yield* serialOf(message, `${action.slice("message.".length)}Message`)
    const version = yield* checkOperation(operation)
    const encoded = yield* Publish.encodeMessage(checked, {
      protocol: options.protocol,
      // Without data there is nothing for the Schema or the cipher to work on.
      codec: checked.data === undefined ? undefined : options.codec
    })
    yield* Publish.checkSize(encoded.size, options.maxMessageSize)
    const body: Record<string, unknown> = { ...encoded.wire, serial, action: actions[action] }
    if (version !== undefined) body["version"] = version
    return { serial, body }
  })
