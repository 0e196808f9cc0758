/**
 * What an `AblyError` keeps of the failure behind it (design.md §3): enough to tell what went
 * wrong — the failing step's tag, reason, status and message, a parse issue summarised — and
 * nothing dangerous. Platform errors hold the request with its headers (the `Authorization`
 * value), undici errors can hold sockets, parse errors print the whole value they failed on:
 * none of that is kept, and every text is bounded by `Limits.maxCauseText`.
 *
 * @since 0.1.0
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as AST from "effect/SchemaAST"
import { maxCauseText } from "../Limits.js"

// `@effect/platform`'s own `isHttpClientError` test (a property under its type id), without
// importing the platform's error module into every application: only the platform's clients
// make these errors, and the adapter that uses them is loaded on demand.
const httpClientErrorTypeId: symbol = Symbol.for("@effect/platform/HttpClientError")
const isHttpClientError = (u: unknown): u is HttpClientError.HttpClientError =>
  Predicate.hasProperty(u, httpClientErrorTypeId)

/**
 * Marks a cause type that is safe to keep as it is: it holds no request, header or credential
 * and prints in bounded size (e.g. `Decode.UndecodableData`, the wire item a typed channel
 * could not decode). Any object with this property is kept by `safeCause`.
 *
 * @since 0.1.0
 * @category markers
 * @example
 * import { Errors } from "@effect-ably/core"
 * class MyCause { get [Errors.SafeCause]() { return true } }
 */
export const SafeCause: unique symbol = Symbol.for("@effect-ably/core/SafeCause")

/**
 * The fields of a `CauseSummary`.
 *
 * @since 0.1.0
 * @category models
 */
export interface CauseSummaryFields {
  /** The failure's kind: `RequestError`, `ResponseError`, `ParseError`, `TypeError`, `string`… */
  readonly name: string
  /** What went wrong, at most `Limits.maxCauseText` characters. */
  readonly message: string
  /** The `_tag` of a tagged failure (`RequestError`, `ResponseError`, `ParseError`). */
  readonly _tag?: string | undefined
  /** The platform's reason: `Transport`, `Encode`, `InvalidUrl`, `StatusCode`, `Decode`, `EmptyBody`. */
  readonly reason?: string | undefined
  /** The HTTP status of a platform `ResponseError`. */
  readonly status?: number | undefined
  /** A short error code such as `ECONNREFUSED` or `UND_ERR_SOCKET`. */
  readonly code?: string | undefined
  /** The failure behind this one, summarised the same way (a few levels at most). */
  readonly cause?: CauseSummary | undefined
}

/**
 * A failure reduced to plain, bounded fields. It is an `Error` (so `instanceof Error` and
 * `String(cause)` work as before) whose `toJSON` gives every field, so `JSON.stringify` shows
 * them too. Its `stack` is only its first line: the original stack can repeat an unbounded
 * message and the summary's own frames would mislead (so none is captured, which also keeps
 * it cheap: about as fast as a plain object).
 *
 * @since 0.1.0
 * @category models
 * @example
 * import { Errors } from "@effect-ably/core"
 * const summary = new Errors.CauseSummary({ name: "TypeError", message: "fetch failed" })
 * String(summary) // "TypeError: fetch failed"
 */
export class CauseSummary extends Error implements CauseSummaryFields {
  declare readonly name: string
  declare readonly message: string
  declare readonly _tag?: string
  declare readonly reason?: string
  declare readonly status?: number
  declare readonly code?: string
  declare readonly cause?: CauseSummary

  constructor(fields: CauseSummaryFields) {
    // No stack trace: capturing one costs more than everything else here.
    const limit: unknown = Reflect.get(Error, "stackTraceLimit")
    Reflect.set(Error, "stackTraceLimit", 0)
    super(fields.message)
    Reflect.set(Error, "stackTraceLimit", limit)
    this.name = fields.name
    if (fields._tag !== undefined) this._tag = fields._tag
    if (fields.reason !== undefined) this.reason = fields.reason
    if (fields.status !== undefined) this.status = fields.status
    if (fields.code !== undefined) this.code = fields.code
    if (fields.cause !== undefined) this.cause = fields.cause
    this.stack = `${fields.name}: ${fields.message}`
  }

  /**
   * Every field, `message` included (an `Error`'s own `message` is not enumerable).
   */
  toJSON(): CauseSummaryFields {
    return {
      name: this.name,
      ...(this._tag === undefined ? {} : { _tag: this._tag }),
      ...(this.reason === undefined ? {} : { reason: this.reason }),
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.code === undefined ? {} : { code: this.code }),
      message: this.message,
      ...(this.cause === undefined ? {} : { cause: this.cause })
    }
  }
}

/**
 * Cuts a text to `max` characters (default `Limits.maxCauseText`), ending with `…` when cut,
 * without splitting a surrogate pair. Texts within the bound are returned as they are.
 *
 * @since 0.1.0
 * @category bounds
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.cutText("abcdef", 4) // "abc…"
 */
export const cutText = (text: string, max: number = maxCauseText): string => {
  if (text.length <= max) return text
  let end = max - 1
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}

const maxNestedCauses = 3
const maxAblyErrorChain = 8
const maxIssueLines = 8
const maxIssueNodes = 1000
const maxIssuesPerComposite = 16

/**
 * The type id an `AblyError` carries (`Errors.TypeId`, defined here so that `safeCause` can
 * recognise one without importing `Errors`). A global symbol: two copies of the package
 * recognise each other's errors.
 *
 * @since 0.1.0
 * @category markers
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.ablyError(40000, 400, "bad")[Errors.TypeId] === Errors.TypeId // true
 */
export const AblyErrorTypeId: unique symbol = Symbol.for("@effect-ably/core/AblyError")

// By type id, not by tag: an object merely tagged "AblyError" can hold anything.
const isAblyError = (u: unknown): boolean => Predicate.hasProperty(u, AblyErrorTypeId)

// Property reads that cannot throw (getters, proxies) and only yield what they should.
const read = (u: object, key: PropertyKey): unknown => {
  try {
    return Reflect.get(u, key)
  } catch {
    return undefined
  }
}
const textOf = (u: object, key: PropertyKey): string | undefined => {
  const value = read(u, key)
  return typeof value === "string" ? value : undefined
}

const typeOf = (actual: unknown): string => {
  if (actual === null) return "null"
  if (Array.isArray(actual)) return `an array of ${actual.length}`
  switch (typeof actual) {
    case "string":
      return `a string of ${actual.length} characters`
    case "number":
    case "boolean":
      return `${typeof actual} ${String(actual)}`
    case "undefined":
      return "undefined"
    case "object":
      return ArrayBuffer.isView(actual) ? `${actual.byteLength} bytes` : "an object"
    default:
      return `a ${typeof actual}`
  }
}

const keyText = (key: PropertyKey): string => {
  if (typeof key === "number") return `[${key}]`
  if (typeof key === "symbol") return `[${cutText(String(key), 40)}]`
  return /^[A-Za-z_$][\w$]*$/.test(key) && key.length <= 40 ? `.${key}` : `[${JSON.stringify(cutText(key, 40))}]`
}

const pathKeys = (path: ParseResult.Path): ReadonlyArray<PropertyKey> => typeof path === "object" ? path : [path]

// The message annotation of the issue's Schema, when it is plain text (a function annotation
// is the Schema author's code: it runs guarded, and an Effect answer is not waited for).
const annotatedMessage = (issue: ParseResult.Refinement | ParseResult.Type): string | undefined => {
  try {
    const annotation = Option.getOrUndefined(AST.getMessageAnnotation(issue.ast))
    if (annotation === undefined) return undefined
    const answer: unknown = annotation(issue)
    if (typeof answer === "string") return answer
    const message = Predicate.isObject(answer) ? read(answer, "message") : undefined
    return typeof message === "string" ? message : undefined
  } catch {
    return undefined
  }
}

const astText = (ast: unknown): string => {
  try {
    return cutText(String(ast), 200)
  } catch {
    return "a value of another shape"
  }
}

/**
 * A parse issue as short lines `path: what was expected, what came`, at most a few lines and
 * `Limits.maxCauseText` characters. It never prints the value that failed (it can be huge,
 * deep or hold a secret): only its type and, for strings and arrays, its length. Iterative,
 * so any depth of issue is summarised without recursion.
 *
 * @since 0.1.0
 * @category summaries
 * @example
 * import { Errors } from "@effect-ably/core"
 * import { Either, Schema } from "effect"
 * const result = Schema.decodeUnknownEither(Schema.Struct({ id: Schema.String }))({ id: 1 })
 * if (Either.isLeft(result)) Errors.describeParseError(result.left) // ".id: Expected string, got number 1"
 */
export const describeParseError = (error: ParseResult.ParseError): string => describeIssue(error.issue)

const describeIssue = (root: ParseResult.ParseIssue): string => {
  const lines: Array<string> = []
  const stack: Array<readonly [string, ParseResult.ParseIssue]> = [["", root]]
  let visited = 0
  let more = false
  while (stack.length > 0) {
    if (lines.length >= maxIssueLines || visited++ >= maxIssueNodes) {
      more = true
      break
    }
    const [path, issue] = stack.pop()!
    const at = path === "" ? "" : `${cutText(path, 200)}: `
    switch (issue._tag) {
      case "Pointer": {
        const keys: ReadonlyArray<PropertyKey> = pathKeys(issue.path)
        stack.push([path + keys.slice(0, 16).map(keyText).join(""), issue.issue])
        break
      }
      case "Refinement": {
        // A Schema's own message (`.annotations({ message })`) says it best, as ArrayFormatter does.
        const message = annotatedMessage(issue)
        if (message === undefined) stack.push([path, issue.issue])
        else lines.push(at + cutText(message, 300))
        break
      }
      case "Transformation":
        stack.push([path, issue.issue])
        break
      case "Composite": {
        const issues = Array.isArray(issue.issues) ? issue.issues : [issue.issues]
        if (issues.length > maxIssuesPerComposite) more = true
        for (let index = Math.min(issues.length, maxIssuesPerComposite) - 1; index >= 0; index--) {
          stack.push([path, issues[index]!])
        }
        break
      }
      case "Type":
        lines.push(
          at +
            cutText(
              issue.message ?? annotatedMessage(issue) ?? `Expected ${astText(issue.ast)}, got ${typeOf(issue.actual)}`,
              300
            )
        )
        break
      case "Missing":
        lines.push(`${at}is missing`)
        break
      case "Unexpected":
        lines.push(`${at}is unexpected`)
        break
      case "Forbidden":
        lines.push(`${at}is forbidden`)
        break
    }
  }
  if (lines.length === 0) return "an issue nested too deep to summarise"
  // An optional field that fails reports "Expected undefined" beside the real issue: keep the real one.
  const meaningful = lines.filter((line) => !/(^|: )Expected undefined, got /.test(line))
  return cutText((meaningful.length > 0 ? meaningful : lines).join("; ") + (more ? "; …" : ""))
}

// `METHOD origin/path` of a platform request: no query, no fragment, no user info.
const requestText = (request: unknown): string => {
  if (!Predicate.isObject(request)) return ""
  const method = cutText(textOf(request, "method") ?? "", 10)
  const url = textOf(request, "url") ?? ""
  try {
    const parsed = new URL(url)
    return ` (${method} ${cutText(parsed.origin + parsed.pathname, 300)})`
  } catch {
    return ` (${method})`
  }
}

const summarise = (u: unknown, level: number): CauseSummary => {
  if (typeof u === "string") return new CauseSummary({ name: "string", message: cutText(u) })
  if (!Predicate.isObject(u)) return new CauseSummary({ name: typeof u, message: typeOf(u) })
  if (ParseResult.isParseError(u)) {
    return new CauseSummary({ name: "ParseError", _tag: "ParseError", message: describeIssue(u.issue) })
  }
  const nested = (): CauseSummary | undefined => {
    const inner = read(u, "cause")
    return inner === undefined || inner === null || level >= maxNestedCauses
      ? undefined
      : summariseSafely(inner, level + 1)
  }
  if (isHttpClientError(u)) {
    // The platform's `message` repeats the URL: rebuild it from the reason and description.
    const description = textOf(u, "description")
    const response = read(u, "response")
    const status = Predicate.isObject(response) ? read(response, "status") : undefined
    return new CauseSummary({
      name: u._tag,
      _tag: u._tag,
      reason: u.reason,
      status: typeof status === "number" ? status : undefined,
      message: cutText(
        `${u.reason} error${description === undefined ? "" : `: ${cutText(description, 300)}`}${
          requestText(read(u, "request"))
        }`
      ),
      cause: nested()
    })
  }
  if (u instanceof Error) {
    const code = read(u, "code")
    return new CauseSummary({
      name: cutText(textOf(u, "name") ?? "Error", 100),
      message: cutText(textOf(u, "message") ?? ""),
      code: typeof code === "string" && code.length <= 64 ? code : undefined,
      cause: nested()
    })
  }
  const tag = textOf(u, "_tag")
  return new CauseSummary({
    name: tag === undefined ? "object" : cutText(tag, 100),
    message: Array.isArray(u) ? typeOf(u) : `an object${tag === undefined ? "" : ` tagged ${cutText(tag, 100)}`}`
  })
}

const summariseSafely = (u: unknown, level: number): CauseSummary => {
  try {
    return summarise(u, level)
  } catch {
    return new CauseSummary({ name: "unknown", message: "a failure that could not be described" })
  }
}

const ablyErrorChainWithin = (u: unknown): boolean => {
  let current = u
  for (let depth = 0; depth < maxAblyErrorChain; depth++) {
    if (!isAblyError(current)) return true
    current = read(current as object, "cause")
  }
  return !isAblyError(current)
}

/**
 * What an `AblyError` keeps as its `cause`: an `AblyError` (already safe) as it is, a value
 * marked `SafeCause` as it is, anything else as a `CauseSummary` — a platform
 * `HttpClientError` as its tag, reason, status and a message without the URL's query, an
 * `Error` as its name, message and short `code`, a `ParseError` as `describeParseError`,
 * other values as their type. Nested causes are summarised a few levels deep. Never throws.
 *
 * @since 0.1.0
 * @category summaries
 * @example
 * import { Errors } from "@effect-ably/core"
 * Errors.safeCause(new TypeError("fetch failed")) // CauseSummary { name: "TypeError", message: "fetch failed" }
 */
export const safeCause = (cause: unknown): unknown => {
  try {
    if (cause instanceof CauseSummary) return cause
    if (isAblyError(cause) && ablyErrorChainWithin(cause)) return cause
    if (Predicate.hasProperty(cause, SafeCause) && !isAblyError(cause)) return cause
  } catch {
    // A hostile object (a revoked proxy…): summarised below.
  }
  return summariseSafely(cause, 0)
}
