/**
 * Publishing and deleting annotations (RSAN1, RSAN2): the caller's annotation checked
 * whatever its static type, copied (never changed) and encoded for the wire, its `data` like
 * a message's (RSL4, the channel cipher included), the idempotent id (RSAN1c4), and the
 * one-element array body.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { AblyError } from "../../Errors.js"
import { ablyError } from "../../Errors.js"
import type * as Cipher from "../crypto/Cipher.js"
import type * as Codec from "../http/Codec.js"
import * as Input from "../Input.js"
import * as Payload from "../message/Payload.js"

/**
 * An annotation to publish (or delete): its `type` (e.g. `"reactions:distinct.v1"`) is
 * required; the other fields depend on the summarisation method. Leave `id` unset to get an
 * idempotent id when `idempotentRestPublishing` is on (RSAN1c4).
 *
 * @since 0.1.0
 * @category models
 */
export interface OutboundAnnotation {
  readonly type: string
  readonly name?: string | undefined
  readonly count?: number | undefined
  readonly clientId?: string | undefined
  readonly id?: string | undefined
  readonly data?: unknown
  /** An encoding the data already carries; the SDK's steps go after it. */
  readonly encoding?: string | undefined
  readonly extras?: Readonly<Record<string, unknown>> | undefined
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const textFields = ["name", "clientId", "id", "encoding"] as const

const read = (value: unknown, what: string): Either.Either<OutboundAnnotation, AblyError> => {
  if (!Input.isRecord(value)) {
    return Either.left(
      Input.invalid(
        `${what}: the annotation`,
        "an object such as { type: \"reactions:distinct.v1\", name: \"👍\" }",
        value
      )
    )
  }
  // Each field is read once, into a copy: what was checked is what is sent, on every retry.
  const type = value["type"]
  if (typeof type !== "string" || type === "") {
    return Either.left(
      ablyError(
        40003,
        400,
        `Invalid ${what}: the annotation needs a type (e.g. "reactions:distinct.v1"), got ${Input.describe(type)}`
      )
    )
  }
  const annotation: Mutable<OutboundAnnotation> = { type }
  for (const field of textFields) {
    const text = value[field]
    if (text === undefined || text === null) continue
    if (typeof text !== "string") return Either.left(Input.invalid(`${what}: ${field}`, "a string", text))
    annotation[field] = text
  }
  const count = value["count"]
  if (count !== undefined && count !== null) {
    if (typeof count !== "number" || !Number.isFinite(count)) {
      return Either.left(Input.invalid(`${what}: count`, "a finite number", count))
    }
    annotation.count = count
  }
  const data = value["data"]
  if (data !== undefined && data !== null) annotation.data = data
  const extras = value["extras"]
  if (extras !== undefined && extras !== null) {
    if (!Input.isRecord(extras)) return Either.left(Input.invalid(`${what}: extras`, "an object", extras, 40013))
    annotation.extras = extras
  }
  return Either.right(annotation)
}

/**
 * Checks a value given as an annotation, whatever its static type: an object (else 40003)
 * with a non-empty string `type` (else 40003, RSAN1a3), string `name`, `clientId`, `id` and
 * `encoding`, a finite `count` and an object `extras` when set. Gives a copy of those fields
 * and `data`, nulls left out.
 *
 * @since 0.1.0
 * @category validation
 * @example
 * import * as Outbound from "./Outbound.js"
 * Outbound.check({ type: "reactions:distinct.v1", name: "👍" }, "annotations.publish") // Either.right(...)
 * Outbound.check({ name: "👍" }, "annotations.publish") // Either.left(AblyError 40003)
 */
export const check = (value: unknown, what: string): Either.Either<OutboundAnnotation, AblyError> =>
  Input.guard(() => read(value, what), () => Input.unreadable(`${what}: the annotation`))

/**
 * The wire actions (TAN2b): 0 to publish, 1 to delete.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Outbound from "./Outbound.js"
 * Outbound.wireActions.delete // 1
 */
export const wireActions = { publish: 0, delete: 1 } as const

/**
 * How to encode an annotation: the wire protocol, the channel cipher, whether to add an
 * idempotent id, and the id base (drawn once per publish Effect).
 *
 * @since 0.1.0
 * @category models
 */
export interface EncodeOptions {
  readonly protocol: Codec.Protocol
  readonly cipher: Cipher.Cipher | undefined
  readonly idempotent: boolean
  readonly idBase: Effect.Effect<string>
}

/**
 * The wire annotation for a checked one: `action` and `messageSerial` set, `data` encoded like
 * a message's (RSL4: JSON, UTF-8, base64 over JSON, the cipher), nulls left out (RSL1e), and
 * `<base>:0` as `id` when idempotent publishing is on and the caller set none (RSAN1c4).
 * Unsupported data fails with 40013.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as Outbound from "./Outbound.js"
 * import { Effect } from "effect"
 * const wire = Outbound.encode({ type: "comments:total.v1", data: { text: "nice" } }, "s1", "publish", {
 *   protocol: "json", cipher: undefined, idempotent: false, idBase: Effect.succeed("base")
 * }) // Effect of { action: 0, messageSerial: "s1", type: "comments:total.v1", data: '{"text":"nice"}', encoding: "json" }
 */
export const encode = (
  annotation: OutboundAnnotation,
  messageSerial: string,
  action: keyof typeof wireActions,
  options: EncodeOptions
): Effect.Effect<Readonly<Record<string, unknown>>, AblyError> =>
  Effect.flatMap(
    Payload.encode(annotation.data, {
      protocol: options.protocol,
      cipher: options.cipher,
      encoding: annotation.encoding
    }),
    (payload) => {
      const wire: Record<string, unknown> = { action: wireActions[action], messageSerial, type: annotation.type }
      if (annotation.id !== undefined) wire["id"] = annotation.id
      if (annotation.name !== undefined) wire["name"] = annotation.name
      if (annotation.count !== undefined) wire["count"] = annotation.count
      if (annotation.clientId !== undefined) wire["clientId"] = annotation.clientId
      if (payload.data != null) wire["data"] = payload.data
      if (payload.encoding != null) wire["encoding"] = payload.encoding
      if (annotation.extras !== undefined) wire["extras"] = annotation.extras
      if (annotation.id !== undefined || !options.idempotent) return Effect.succeed(wire)
      return Effect.map(options.idBase, (base) => {
        wire["id"] = `${base}:0`
        return wire
      })
    }
  )
