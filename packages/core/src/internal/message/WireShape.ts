/**
 * Hand-written readers of the common wire shape of a message and of a presence message: the
 * hot path of every history and presence read. Each gives exactly what the Schema
 * (`Message.WireMessage`, `PresenceMessage.WirePresenceMessage`) gives for the same input, or
 * `undefined` for anything unusual, which then goes to the Schema (so errors stay the
 * Schema's). A property test holds the two to the same answers.
 *
 * They read values the SDK parsed itself (JSON or MessagePack bodies): plain objects whose
 * fields are data properties. The result is a new object; nested values (`data`, `extras`) are
 * shared with the input, which the SDK owns.
 *
 * @since 0.1.0
 */
import { actionNames, type WireMessage } from "../../Message.js"
import { actionNames as presenceActionNames, type WirePresenceMessage } from "../../PresenceMessage.js"

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Fields = Readonly<Record<string, unknown>>

// A plain object as JSON.parse and MessagePack make them; anything else goes to the Schema.
const isPlainObject = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype

// Extras are a record of anything; a `__proto__` key is the Schema's to copy (it would not
// survive a copy as a key).
const isExtras = (value: unknown): value is Fields =>
  isPlainObject(value) && !Object.prototype.hasOwnProperty.call(value, "__proto__")

// Sentinel for "not the common shape": never a wire value.
const unusual: unique symbol = Symbol("unusual")

const text = (value: unknown): string | undefined | typeof unusual =>
  value === undefined || typeof value === "string" ? value : unusual

const readVersion = (value: Fields): typeof WireMessage.Type["version"] | undefined => {
  const version: Mutable<NonNullable<typeof WireMessage.Type["version"]>> = {}
  const serial = text(value["serial"])
  if (serial === unusual) return undefined
  if (serial !== undefined) version.serial = serial
  const timestamp = value["timestamp"]
  if (timestamp !== undefined) {
    if (typeof timestamp !== "number") return undefined
    version.timestamp = timestamp
  }
  const clientId = text(value["clientId"])
  if (clientId === unusual) return undefined
  if (clientId !== undefined) version.clientId = clientId
  const description = text(value["description"])
  if (description === unusual) return undefined
  if (description !== undefined) version.description = description
  // Metadata is rare: the Schema checks it.
  if (value["metadata"] !== undefined) return undefined
  return version
}

/**
 * The wire message `Message.WireMessage` decodes `raw` to, or `undefined` when `raw` is not
 * the common shape (then decode it with the Schema, which may accept or refuse it).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as WireShape from "./WireShape.js"
 * WireShape.message({ id: "a:0", name: "n", data: "d", action: 1 }) // { id: "a:0", name: "n", data: "d", action: "message.update" }
 * WireShape.message({ name: 5 }) // undefined: the Schema decides (and refuses)
 */
export const message = (raw: unknown): typeof WireMessage.Type | undefined => {
  if (!isPlainObject(raw)) return undefined
  const wire: Mutable<typeof WireMessage.Type> = {}
  const id = text(raw["id"])
  if (id === unusual) return undefined
  if (id !== undefined) wire.id = id
  const clientId = text(raw["clientId"])
  if (clientId === unusual) return undefined
  if (clientId !== undefined) wire.clientId = clientId
  const connectionId = text(raw["connectionId"])
  if (connectionId === unusual) return undefined
  if (connectionId !== undefined) wire.connectionId = connectionId
  const connectionKey = text(raw["connectionKey"])
  if (connectionKey === unusual) return undefined
  if (connectionKey !== undefined) wire.connectionKey = connectionKey
  const name = text(raw["name"])
  if (name === unusual) return undefined
  if (name !== undefined) wire.name = name
  const data = raw["data"]
  if (data !== undefined) wire.data = data
  const encoding = text(raw["encoding"])
  if (encoding === unusual) return undefined
  if (encoding !== undefined) wire.encoding = encoding
  const extras = raw["extras"]
  if (extras !== undefined) {
    if (!isExtras(extras)) return undefined
    wire.extras = extras
  }
  const timestamp = raw["timestamp"]
  if (timestamp !== undefined) {
    if (typeof timestamp !== "number") return undefined
    wire.timestamp = timestamp
  }
  const serial = text(raw["serial"])
  if (serial === unusual) return undefined
  if (serial !== undefined) wire.serial = serial
  const action = raw["action"]
  if (action !== undefined) {
    if (typeof action !== "number") return undefined
    // As `Action.numbered`: an unknown number is "unknown" (RSF1).
    wire.action = actionNames[action] ?? "unknown"
  }
  const version = raw["version"]
  if (version !== undefined) {
    const read = isPlainObject(version) ? readVersion(version) : undefined
    if (read === undefined) return undefined
    wire.version = read
  }
  return wire
}

/**
 * The wire presence message `PresenceMessage.WirePresenceMessage` decodes `raw` to, or
 * `undefined` when `raw` is not the common shape (then decode it with the Schema).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as WireShape from "./WireShape.js"
 * WireShape.presence({ clientId: "a", action: 1, data: "d" }) // { clientId: "a", action: "present", data: "d" }
 */
export const presence = (raw: unknown): typeof WirePresenceMessage.Type | undefined => {
  if (!isPlainObject(raw)) return undefined
  const wire: Mutable<typeof WirePresenceMessage.Type> = {}
  const id = text(raw["id"])
  if (id === unusual) return undefined
  if (id !== undefined) wire.id = id
  const action = raw["action"]
  if (action !== undefined) {
    if (typeof action !== "number") return undefined
    wire.action = presenceActionNames[action] ?? "unknown"
  }
  const clientId = text(raw["clientId"])
  if (clientId === unusual) return undefined
  if (clientId !== undefined) wire.clientId = clientId
  const connectionId = text(raw["connectionId"])
  if (connectionId === unusual) return undefined
  if (connectionId !== undefined) wire.connectionId = connectionId
  const data = raw["data"]
  if (data !== undefined) wire.data = data
  const encoding = text(raw["encoding"])
  if (encoding === unusual) return undefined
  if (encoding !== undefined) wire.encoding = encoding
  const extras = raw["extras"]
  if (extras !== undefined) {
    if (!isExtras(extras)) return undefined
    wire.extras = extras
  }
  const timestamp = raw["timestamp"]
  if (timestamp !== undefined) {
    if (typeof timestamp !== "number") return undefined
    wire.timestamp = timestamp
  }
  return wire
}
