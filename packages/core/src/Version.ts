/**
 * Library and protocol versions sent on every request.
 *
 * @since 0.1.0
 */

/**
 * This library's version (kept equal to `package.json`; a test checks it).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { Version } from "@effect-ably/core"
 * Version.libraryVersion // "0.1.0"
 */
export const libraryVersion = "0.1.0"

/**
 * The Ably protocol version sent as `X-Ably-Version` (spec 6.1.1, CSV2).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import { Version } from "@effect-ably/core"
 * Version.protocolVersion // "6"
 */
export const protocolVersion = "6"

/**
 * The `Ably-Agent` header value (RSC7d): this library, then the given agents.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { Version } from "@effect-ably/core"
 * Version.agentHeader({ nodejs: "20.20.2" }) // "effect-ably/0.1.0 nodejs/20.20.2"
 */
export const agentHeader = (agents?: Readonly<Record<string, string | null>>): string =>
  [
    `effect-ably/${libraryVersion}`,
    ...Object.entries(agents ?? {}).map(([name, version]) => version === null ? name : `${name}/${version}`)
  ].join(" ")
