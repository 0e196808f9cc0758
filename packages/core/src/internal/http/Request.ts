/**
 * `request()` (RSC19): a REST call of your choice, with the client's auth, protocol and fallbacks. HTTP
 * error answers are values (`success: false`); only transport failures fail.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import { type AblyError, ablyError } from "../../Errors.js"
import * as Limits from "../../Limits.js"
import * as Input from "../Input.js"
import * as Paginated from "../paginated/Paginated.js"
import type { Service as Http } from "./AblyHttp.js"
import { type AblyRequest, type AblyResponse, type HttpMethod, query } from "./AblyRequest.js"
import * as Codec from "./Codec.js"
import * as ResponseControl from "./ResponseControl.js"
import { errorFromResponse } from "./ResponseDecoding.js"
import { isSuccess } from "./Transport.js"

/**
 * A page of `request()` results (HP1–HP8).
 *
 * @since 0.1.0
 * @category models
 */
export interface HttpPaginatedResponse extends Paginated.Paged<unknown, HttpPaginatedResponse> {
  readonly statusCode: number
  /** `200 <= statusCode < 300` (HP5). */
  readonly success: boolean
  /** The Ably error code of an unsuccessful answer (HP6). */
  readonly errorCode: Option.Option<number>
  /** The Ably error message of an unsuccessful answer (HP7). */
  readonly errorMessage: Option.Option<string>
  readonly headers: Headers.Headers
  /** The items of this page and of every following page, fetched lazily. */
  readonly stream: Stream.Stream<unknown, AblyError>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions {
  readonly params?: Readonly<Record<string, string | number | boolean | undefined>>
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** `X-Ably-Version` for this call (RSC19f1); the client's protocol version by default. */
  readonly version?: string
  /**
   * Shape the answer with Ably's response-control parameters (`envelope`, `fields`,
   * `flatten`, `select`, `format`). An enveloped answer is unwrapped: status, items and paging
   * read as without it.
   */
  readonly responseControl?: ResponseControl.ResponseControl
}

const methods: ReadonlySet<string> = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"])
const isMethod = (method: string): method is HttpMethod => methods.has(method)

// HP3: an array is the items, an object is one item, nothing is no items.
const itemsOf = (response: AblyResponse): Effect.Effect<ReadonlyArray<unknown>> =>
  Effect.succeed(response.body === undefined ? [] : Array.isArray(response.body) ? response.body : [response.body])

const build = (
  page: Paginated.Paged<unknown, HttpPaginatedResponse>,
  response: AblyResponse
): HttpPaginatedResponse => {
  const success = isSuccess(response.status)
  const error = success ? Option.none() : Option.some(errorFromResponse(response))
  const self: HttpPaginatedResponse = {
    ...page,
    statusCode: response.status,
    success,
    errorCode: Option.map(error, (e) => e.code),
    errorMessage: Option.map(error, (e) => e.message),
    headers: response.headers,
    get stream() {
      return Paginated.items<unknown, HttpPaginatedResponse>(Effect.succeed(self))
    }
  }
  return self
}

const ResponseControlSchema = Schema.Struct({
  envelope: Schema.optional(Schema.Literal("json")),
  fields: Schema.optional(Schema.Array(Schema.String)),
  flatten: Schema.optional(Schema.Boolean),
  select: Schema.optional(Schema.String),
  format: Schema.optional(Schema.Literal("json", "msgpack"))
})
const decodeResponseControl = Schema.decodeUnknownEither(ResponseControlSchema)

// Control characters never belong in a path (Node refuses them; `new URL` would drop some).
const hasControlCharacter = (text: string): boolean => {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

type Params = Readonly<Record<string, string | number | boolean | undefined>>

const checkParams = (params: unknown): Either.Either<Params, AblyError> => {
  if (params === undefined || params === null) return Either.right({})
  if (!Input.isRecord(params)) return Either.left(Input.invalid("request params", "an object", params))
  const checked: Record<string, string | number | boolean> = {}
  for (const name of Object.keys(params)) {
    const value = params[name]
    if (value === undefined) continue
    const valid = typeof value === "string" || typeof value === "boolean" ||
      (typeof value === "number" && Number.isFinite(value))
    if (!valid) {
      return Either.left(
        Input.invalid(`request param ${JSON.stringify(name)}`, "a string, a finite number or a boolean", value)
      )
    }
    checked[name] = value
  }
  return Either.right(checked)
}

const bodyWithinDepth = (body: unknown): Either.Either<void, AblyError> => {
  try {
    return Limits.depthWithin(body)
      ? Either.void
      : Either.left(
        ablyError(
          40013,
          400,
          `Unable to serialise the request body: it is circular or nested deeper than ${Limits.maxDepth} levels (Limits.maxDepth)`
        )
      )
  } catch (cause) {
    return Either.left(Codec.unserialisable("request body", cause))
  }
}

interface Checked {
  readonly method: HttpMethod
  readonly path: string
  readonly params: Params
  readonly headers: Readonly<Record<string, string>> | undefined
  readonly body: unknown
  readonly version: string | undefined
  readonly responseControl: ResponseControl.ResponseControl | undefined
}

const checkArguments = (method: unknown, path: unknown, options: unknown): Either.Either<Checked, AblyError> =>
  Either.gen(function*() {
    if (typeof method !== "string") return yield* Either.left(Input.invalid("request method", "a string", method))
    const upper = method.toUpperCase()
    if (!isMethod(upper)) {
      return yield* Either.left(ablyError(40500, 405, `Unsupported HTTP method ${JSON.stringify(method.slice(0, 20))}`))
    }
    if (typeof path !== "string" || path.length === 0) {
      return yield* Either.left(Input.invalid("request path", "a non-empty string", path))
    }
    if (hasControlCharacter(path)) {
      return yield* Either.left(ablyError(40003, 400, "Invalid request path: it contains control characters"))
    }
    if (options !== undefined && options !== null && !Input.isRecord(options)) {
      return yield* Either.left(Input.invalid("request options", "an object", options))
    }
    const given: Readonly<Record<string, unknown>> = options ?? {}
    const params = yield* checkParams(given["params"])
    const headers = yield* Input.stringRecord(given["headers"], "request headers", { headers: true })
    const version = given["version"]
    if (version !== undefined && typeof version !== "string") {
      return yield* Either.left(Input.invalid("request version", "a string", version))
    }
    const control = given["responseControl"]
    const responseControl = control === undefined ?
      undefined :
      yield* Either.mapLeft(decodeResponseControl(control), (error) =>
        ablyError(
          40003,
          400,
          `Invalid request responseControl: ${ParseResult.TreeFormatter.formatErrorSync(error).slice(0, 500)}`
        ))
    const body = given["body"]
    // Deep or circular bodies are refused here; anything else that cannot be encoded fails
    // with 40013 when the transport encodes it.
    yield* bodyWithinDepth(body)
    return { method: upper, path, params, headers, body, version, responseControl }
  })

/**
 * Sends a request. The arguments are checked at runtime whatever their static type: a method
 * that is not a string, a path that is not a non-empty string without control characters,
 * params that are not strings, finite numbers or booleans, headers that are not strings or
 * hold CR/LF, or bad response controls fail with 40003; methods other than GET, POST, PUT,
 * PATCH and DELETE with 40500; a body that cannot be serialised (circular, a BigInt, a
 * throwing `toJSON`, deeper than `Limits.maxDepth`) with 40013. Nothing is sent then.
 *
 * @since 0.1.0
 * @category operations
 * @example
 * import { Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 * const channels = Effect.flatMap(Rest.Rest, (rest) => rest.request("GET", "/channels", { params: { limit: 10 } }))
 */
export const request = (
  http: Http,
  method: string,
  path: string,
  options: RequestOptions = {}
): Effect.Effect<HttpPaginatedResponse, AblyError> => {
  const checked = Input.guard(() => checkArguments(method, path, options), () => Input.unreadable("request arguments"))
  if (Either.isLeft(checked)) return Effect.fail(checked.left)
  const valid = checked.right
  const send = (request: AblyRequest) => Effect.map(http.sendRaw(request), ResponseControl.unwrapEnvelope)
  return Paginated.fetchWith({ send, decode: itemsOf, origins: http.origins }, {
    method: valid.method,
    path: valid.path.startsWith("/") ? valid.path : `/${valid.path}`,
    query: [...query(valid.params), ...ResponseControl.toQuery(valid.responseControl)],
    body: valid.body,
    headers: valid.headers,
    version: valid.version
  }, build)
}
