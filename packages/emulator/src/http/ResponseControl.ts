/**
 * Ably's response-control parameters, applied to any answer: `fields` (keep some fields),
 * `flatten=true` (long dotted keys), `select` (values at matching paths) and `envelope`
 * (status, body and links wrapped in one 200 answer). `format` is part of negotiation.
 *
 * @since 0.1.0
 */
import { Codec, Link } from "@effect-ably/core/wire"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import { requestUrl } from "./Negotiation.js"
import { encoded } from "./Respond.js"

const isContainer = (value: unknown): value is Readonly<Record<string, unknown>> | ReadonlyArray<unknown> =>
  Array.isArray(value) || Predicate.isRecord(value)

const entriesOf = (
  value: Readonly<Record<string, unknown>> | ReadonlyArray<unknown>
): ReadonlyArray<readonly [string, unknown]> =>
  Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value)

/**
 * Keeps only the given fields of an object (of each item, for an array). A dotted spec keeps
 * that nested field and the objects leading to it.
 *
 * @since 0.1.0
 * @category reshaping
 * @example
 * import { pickFields } from "./ResponseControl.js"
 * pickFields([{ channels: { peak: 2, min: 1 }, intervalId: "x", unit: "hour" }], ["channels.peak", "intervalId"])
 * // [{ channels: { peak: 2 }, intervalId: "x" }]
 */
export const pickFields = (value: unknown, specs: ReadonlyArray<string>): unknown => {
  if (Array.isArray(value)) return value.map((item) => pickFields(item, specs))
  if (!Predicate.isRecord(value)) return value
  const result: Record<string, unknown> = {}
  for (const spec of specs) {
    const [head = "", ...rest] = spec.split(".")
    if (!(head in value)) continue
    const child = value[head]
    result[head] = rest.length === 0
      ? child
      : {
        ...(Predicate.isRecord(result[head]) ? result[head] : {}),
        ...(pickFields(child, [rest.join(".")]) as object)
      }
  }
  return result
}

/**
 * One level of long dotted keys for every non-container value, array indices included.
 *
 * @since 0.1.0
 * @category reshaping
 * @example
 * import { flatten } from "./ResponseControl.js"
 * flatten([{ channels: { peak: 2 }, intervalId: "x" }]) // { "0.channels.peak": 2, "0.intervalId": "x" }
 */
export const flatten = (value: unknown, prefix = "", into: Record<string, unknown> = {}): Record<string, unknown> => {
  if (!isContainer(value)) {
    into[prefix] = value
    return into
  }
  for (const [key, child] of entriesOf(value)) flatten(child, prefix === "" ? key : `${prefix}.${key}`, into)
  return into
}

/**
 * The values at the paths matching a path spec, keyed by their long dotted path; `*`
 * matches any one segment (array indices included).
 *
 * @since 0.1.0
 * @category reshaping
 * @example
 * import { select } from "./ResponseControl.js"
 * select([{ channels: { peak: 5, min: 1 } }], "*.channels.*") // { "0.channels.peak": 5, "0.channels.min": 1 }
 */
export const select = (value: unknown, spec: string): Record<string, unknown> => {
  const pattern = spec.split(".")
  const result: Record<string, unknown> = {}
  const walk = (current: unknown, depth: number, path: ReadonlyArray<string>) => {
    if (depth === pattern.length) {
      result[path.join(".")] = current
      return
    }
    if (!isContainer(current)) return
    for (const [key, child] of entriesOf(current)) {
      if (pattern[depth] === "*" || pattern[depth] === key) walk(child, depth + 1, [...path, key])
    }
  }
  walk(value, 0, [])
  return result
}

interface Control {
  readonly envelope: string | null
  readonly fields: string | null
  readonly flatten: boolean
  readonly select: string | null
}

const reshape = (body: unknown, control: Control): unknown => {
  const picked = control.fields === null
    ? body
    : pickFields(body, control.fields.split(",").filter((field) => field !== ""))
  if (control.select !== null) return select(picked, control.select)
  return control.flatten ? flatten(picked) : picked
}

const bodyOf = (
  response: HttpServerResponse.HttpServerResponse
): { readonly value: unknown; readonly protocol: Codec.Protocol } | undefined => {
  if (response.body._tag !== "Uint8Array") return undefined
  const protocol = Codec.protocolOf(response.headers["content-type"]) ?? "json"
  try {
    return { value: Codec.decode(protocol, response.body.body), protocol }
  } catch {
    return undefined
  }
}

const apply = (response: HttpServerResponse.HttpServerResponse, control: Control) => {
  const body = bodyOf(response)
  const success = response.status >= 200 && response.status < 300
  const value = body !== undefined && success ? reshape(body.value, control) : body?.value
  const { "content-type": _type, "content-length": _length, link, ...headers } = response.headers
  if (control.envelope === null) {
    return body === undefined
      ? Effect.succeed(response)
      : encoded(body.protocol, response.status, value, response.headers)
  }
  // The emulator's own Link headers: short and well-formed.
  const rel = Either.getOrElse(Link.parse(link), () => ({}))
  const protocol: Codec.Protocol = control.envelope === "msgpack" ? "msgpack" : "json"
  return encoded(protocol, 200, {
    statusCode: response.status,
    ...(value === undefined ? {} : { response: value }),
    ...(Object.keys(rel).length === 0 ? {} : { rel })
  }, headers)
}

/**
 * Applies the request's response-control parameters to the app's answers (errors included
 * in an envelope; `fields`, `flatten` and `select` apply to successful answers).
 *
 * @since 0.1.0
 * @category middleware
 * @example
 * import { withResponseControl } from "./ResponseControl.js"
 * import { HttpServerResponse } from "@effect/platform"
 * import { Effect } from "effect"
 * const app = withResponseControl(Effect.succeed(HttpServerResponse.empty()))
 */
export const withResponseControl = <E, R>(
  app: HttpApp.Default<E, R>
): HttpApp.Default<E, R | HttpServerRequest.HttpServerRequest> =>
  Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    const params = requestUrl(request).searchParams
    const control: Control = {
      envelope: params.get("envelope"),
      fields: params.get("fields"),
      flatten: params.get("flatten") === "true",
      select: params.get("select")
    }
    if (control.envelope === null && control.fields === null && !control.flatten && control.select === null) return app
    return Effect.flatMap(app, (response) => Effect.orElseSucceed(apply(response, control), () => response))
  })
