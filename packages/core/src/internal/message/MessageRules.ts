/**
 * Rules of Ably's message wire format that both sides apply: the default size limit, how a
 * message's size is counted (RSL1i, TO3l8), and how encoding steps are written. Shared with the
 * emulator through `@effect-ably/core/wire`, so the client and its test server cannot disagree.
 *
 * @since 0.1.0
 */
import * as Utf8 from "../Utf8.js"

/**
 * Ably's default limit on the size of one publish, in bytes (64 KiB, TO3l8).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as MessageRules from "./MessageRules.js"
 * MessageRules.defaultMaxMessageSize // 65536
 */
export const defaultMaxMessageSize = 65_536

/**
 * The size that counts against the limit: UTF-8 bytes of name and clientId and of the JSON
 * text of extras, plus the data's bytes (text as UTF-8, binary as is, JSON as its text).
 *
 * @since 0.1.0
 * @category sizes
 * @example
 * import * as MessageRules from "./MessageRules.js"
 * MessageRules.size({ name: "n", clientId: "c", extrasText: undefined, dataBytes: 3 }) // 5
 */
export const size = (parts: {
  readonly name?: string | undefined
  readonly clientId?: string | undefined
  readonly extrasText?: string | undefined
  readonly dataBytes: number
}): number =>
  Utf8.byteLength(parts.name) + Utf8.byteLength(parts.clientId) + Utf8.byteLength(parts.extrasText) + parts.dataBytes

/**
 * `encoding` with one more step: `json` then `base64` is `"json/base64"`.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as MessageRules from "./MessageRules.js"
 * MessageRules.appendStep("json", "base64") // "json/base64"
 */
export const appendStep = (encoding: string | undefined, step: string): string =>
  encoding === undefined || encoding === "" ? step : `${encoding}/${step}`
