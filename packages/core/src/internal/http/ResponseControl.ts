/**
 * Ably's response-control query parameters for `request()`: `envelope`, `fields`, `flatten`,
 * `select` and `format`, and unwrapping an enveloped answer back into a normal response.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { AblyResponse } from "./AblyRequest.js"

/**
 * How the server should shape its answer.
 *
 * @since 0.1.0
 * @category models
 * @example
 * import type * as ResponseControl from "./ResponseControl.js"
 * const onlyPeaks: ResponseControl.ResponseControl = { fields: ["channels.peak", "intervalId"] }
 */
export interface ResponseControl {
  /**
   * `json`: the answer comes as `{statusCode, response, rel}` with HTTP 200, for clients that
   * cannot read status or headers. `request()` unwraps it, so the result looks the same.
   */
  readonly envelope?: "json" | undefined
  /** Only these fields of each item; a dotted path (`channels.peak`) keeps that nested field. */
  readonly fields?: ReadonlyArray<string> | undefined
  /** One level of long dotted keys (`0.channels.peak`), array indices included. */
  readonly flatten?: boolean | undefined
  /** Only the values whose path matches, as a map of long keys; `*` matches any one segment. */
  readonly select?: string | undefined
  /** The answer's format when no `Accept` header decides (the SDK always sends one). */
  readonly format?: "json" | "msgpack" | undefined
}

/**
 * The query parameters for the given controls.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * import * as ResponseControl from "./ResponseControl.js"
 * ResponseControl.toQuery({ envelope: "json", fields: ["a", "b.c"] }) // [["envelope", "json"], ["fields", "a,b.c"]]
 */
export const toQuery = (control: ResponseControl | undefined): ReadonlyArray<readonly [string, string]> => {
  if (control === undefined) return []
  const params: Array<readonly [string, string]> = []
  if (control.envelope !== undefined) params.push(["envelope", control.envelope])
  if (control.fields !== undefined) params.push(["fields", control.fields.join(",")])
  if (control.flatten !== undefined) params.push(["flatten", String(control.flatten)])
  if (control.select !== undefined) params.push(["select", control.select])
  if (control.format !== undefined) params.push(["format", control.format])
  return params
}

/**
 * An enveloped answer: the real status, the real body and the pagination links.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import * as ResponseControl from "./ResponseControl.js"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(ResponseControl.Envelope)({ statusCode: 201, response: [{ a: 1 }], rel: { next: "./things?page=2" } })
 */
export const Envelope = Schema.Struct({
  statusCode: Schema.Number,
  response: Schema.optional(Schema.Unknown),
  rel: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})

const decodeEnvelope = Schema.decodeUnknownOption(Envelope)

/**
 * Turns the answer to a request made with `envelope` back into the response it wraps: its
 * status and body, and its `rel` links as the response's `links` (never re-serialised into a
 * `Link` header, so a `rel` value holding `>` or `,` cannot add links), so paging works as
 * usual and each link is checked like a `Link` header's (`Link.resolve`). Other responses are
 * returned unchanged.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as ResponseControl from "./ResponseControl.js"
 * import * as AblyHttp from "./AblyHttp.js"
 * import { Effect } from "effect"
 * const request = { method: "GET", path: "/channels", query: [["envelope", "json"]] } as const
 * const response = Effect.flatMap(AblyHttp.AblyHttp, (http) => Effect.map(http.sendRaw(request), ResponseControl.unwrapEnvelope))
 */
export const unwrapEnvelope = (response: AblyResponse): AblyResponse => {
  const enveloped = response.request.query?.some(([name]) => name === "envelope") ?? false
  if (!enveloped) return response
  return Option.match(decodeEnvelope(response.body), {
    onNone: () => response,
    onSome: (envelope) => {
      // Relations are case-insensitive (RFC 8288), as `Link.parse` reads them.
      const links: Record<string, string> = Object.create(null)
      for (const [rel, url] of Object.entries(envelope.rel ?? {})) {
        const name = rel.toLowerCase()
        if (!(name in links)) links[name] = url
      }
      return {
        ...response,
        status: envelope.statusCode,
        body: envelope.response,
        headers: Headers.remove(response.headers, "link"),
        links
      }
    }
  })
}
