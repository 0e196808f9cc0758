/**
 * Hand-written readers of the common wire shape of a message (and the helpers that
 * `PresenceShape` reads a presence message with): the hot path of every history read. Each
 * gives exactly what the Schema (`Message.WireMessage`) gives for the same input, or
 * `undefined` for anything unusual, which then goes to the Schema (so errors stay the
 * Schema's). A property test holds the two to the same answers.
 *
 * They read values the SDK parsed itself (JSON or MessagePack bodies): plain objects whose
 * fields are data properties. The result is a new object; nested values (`data`, `extras`) are
 * shared with the input, which the SDK owns.
 *
 * @since 0.1.0
 */
import * as Limits from "../../Limits.js"
import type { PublishResult } from "../../Message.js"
import { actionNames, type WireMessage } from "./WireMessage.js"

/**
 * A type with its fields writable: what the readers fill before they hand the result out.
 *
 * @since 0.1.0
 * @category models
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * The fields of a plain object read from a body.
 *
 * @since 0.1.0
 * @category models
 */
export type Fields = Readonly<Record<string, unknown>>

/**
 * A plain object as JSON.parse and MessagePack make them; anything else goes to the Schema.
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import * as WireShape from "./WireShape.js"
 * WireShape.isPlainObject({ a: 1 }) // true
 * WireShape.isPlainObject([1]) // false
 */
export const isPlainObject = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype

// The values of a message's fields sit two levels into a page (the array, the message): the
// depth they may have for the page to stay within `Limits.maxDepth`; a summary's, three. A
// deeper value is not the common shape: the general path walks the whole body and refuses it
// (history pages are not walked before they are read: `AblyRequest.depthCheckedByReader`).
const fieldDepth = Limits.maxDepth - 2
const summaryDepth = Limits.maxDepth - 3

const nestedWithin = (value: unknown, limit: number): boolean =>
  typeof value !== "object" || value === null || Limits.depthWithin(value, limit)

/**
 * Extras are a record of anything; a `__proto__` key is the Schema's to copy (it would not
 * survive a copy as a key).
 *
 * @since 0.1.0
 * @category guards
 * @example
 * import * as WireShape from "./WireShape.js"
 * WireShape.isExtras({ headers: {} }) // true
 */
export const isExtras = (value: unknown): value is Fields =>
  isPlainObject(value) && !Object.prototype.hasOwnProperty.call(value, "__proto__")

/**
 * Copies the optional fields `names` of `raw` whose values have type `kind` into `into`;
 * `false` when one is present with another type (not the common shape: the Schema decides).
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as WireShape from "./WireShape.js"
 * const into: Record<string, unknown> = {}
 * WireShape.copy({ id: "a" }, into, "string", ["id", "name"]) // true; into is { id: "a" }
 */
export const copy = (
  raw: Fields,
  into: Record<string, unknown>,
  kind: "string" | "number",
  names: ReadonlyArray<string>
): boolean => {
  for (const name of names) {
    const value = raw[name]
    if (value === undefined) continue
    if (typeof value !== kind) return false
    into[name] = value
  }
  return true
}

const readVersion = (value: Fields): typeof WireMessage.Type["version"] | undefined => {
  const version: Mutable<NonNullable<typeof WireMessage.Type["version"]>> = {}
  // Metadata is rare: the Schema checks it.
  if (value["metadata"] !== undefined) return undefined
  return copy(value, version, "string", ["serial", "clientId", "description"]) &&
      copy(value, version, "number", ["timestamp"])
    ? version
    : undefined
}

// `{ summary }` only, as the Schema gives it: a missing summary is `{}`; a summary is a record
// like extras (anything else is the Schema's to refuse).
const readAnnotations = (value: Fields): typeof WireMessage.Type["annotations"] | undefined => {
  const summary = value["summary"]
  if (summary === undefined) return { summary: {} }
  return isExtras(summary) && nestedWithin(summary, summaryDepth) ? { summary } : undefined
}

// An optional text field: absent or a string.
const isText = (value: unknown): value is string | undefined => value === undefined || typeof value === "string"

/**
 * The wire message `Message.WireMessage` decodes `raw` to, or `undefined` when `raw` is not
 * the common shape (then decode it with the Schema, which may accept or refuse it). Its
 * `data`, `extras` and annotation summary are within the depth a page of messages allows
 * (`Limits.maxDepth` less the array and the message); deeper ones give `undefined` too.
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
  // Each field read by name, checked, then stored by name in one fixed order: the messages of
  // a body all take the same path, so every read and store stays monomorphic (a loop over
  // field names made keyed reads and stores, several times slower per message).
  const {
    action,
    annotations,
    clientId,
    connectionId,
    connectionKey,
    data,
    encoding,
    extras,
    id,
    name,
    serial,
    timestamp,
    version
  } = raw
  if (
    !isText(id) || !isText(clientId) || !isText(connectionId) || !isText(connectionKey) || !isText(name) ||
    !isText(encoding) || !isText(serial) || (timestamp !== undefined && typeof timestamp !== "number") ||
    (extras !== undefined && (!isExtras(extras) || !nestedWithin(extras, fieldDepth))) ||
    (action !== undefined && typeof action !== "number") || !nestedWithin(data, fieldDepth)
  ) return undefined
  let wireVersion: typeof WireMessage.Type["version"]
  if (version !== undefined) {
    wireVersion = isPlainObject(version) ? readVersion(version) : undefined
    if (wireVersion === undefined) return undefined
  }
  let wireAnnotations: typeof WireMessage.Type["annotations"]
  if (annotations !== undefined) {
    wireAnnotations = isPlainObject(annotations) ? readAnnotations(annotations) : undefined
    if (wireAnnotations === undefined) return undefined
  }
  const wire: Mutable<typeof WireMessage.Type> = {}
  if (id !== undefined) wire.id = id
  if (clientId !== undefined) wire.clientId = clientId
  if (connectionId !== undefined) wire.connectionId = connectionId
  if (connectionKey !== undefined) wire.connectionKey = connectionKey
  if (name !== undefined) wire.name = name
  if (encoding !== undefined) wire.encoding = encoding
  if (serial !== undefined) wire.serial = serial
  if (timestamp !== undefined) wire.timestamp = timestamp
  if (data !== undefined) wire.data = data
  if (extras !== undefined) wire.extras = extras
  // An unknown number is "unknown", as `Action.numbered` decodes it (RSF1).
  if (action !== undefined) wire.action = actionNames[action] ?? "unknown"
  if (wireVersion !== undefined) wire.version = wireVersion
  if (wireAnnotations !== undefined) wire.annotations = wireAnnotations
  return wire
}

/**
 * The `Message.PublishResult` a publish answer decodes to, or `undefined` when it is not the
 * common shape (an object whose `serials`, if present, is an array of strings and nulls):
 * then decode it with the Schema.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as WireShape from "./WireShape.js"
 * WireShape.publishResult({ channel: "c", messageId: "m", serials: ["s1", null] }) // { serials: ["s1", null] }
 */
export const publishResult = (raw: unknown): PublishResult | undefined => {
  if (!isPlainObject(raw)) return undefined
  const serials = raw["serials"]
  if (serials === undefined) return { serials: [] }
  if (!Array.isArray(serials)) return undefined
  for (const serial of serials) {
    if (serial !== null && typeof serial !== "string") return undefined
  }
  return { serials: serials.slice() }
}
