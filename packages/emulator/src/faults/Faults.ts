/**
 * The fault injector behind `emulator.faults`: the rules in force, the seeded generator
 * behind `probability`, and the record of requests seen per host. Both transports ask
 * `decide` once per request; with no rule set that is one array push.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { type FaultAction, type FaultRule, FaultRule as FaultRuleSchema, type RequestRecord } from "./FaultRule.js"

/**
 * What a transport knows about a request when it asks for a fault: the host and port it
 * came to (URL host in process; the local address of the connection on loopback), the
 * `Host` header, the method and the raw path (no query).
 *
 * @since 0.1.0
 * @category models
 */
export interface RequestInfo {
  readonly host: string
  readonly port: number
  readonly hostHeader?: string | undefined
  readonly method: string
  readonly path: string
}

/**
 * A rule and how often it has fired.
 *
 * @since 0.1.0
 * @category models
 */
export interface RuleStatus {
  readonly rule: FaultRule
  readonly fired: number
}

/**
 * The fault-injection handle (`emulator.faults`).
 *
 * @since 0.1.0
 * @category models
 * @example
 * import { Emulator } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 *
 * const primaryDown = Effect.gen(function* () {
 *   const emulator = yield* Emulator
 *   yield* emulator.faults.set([{ host: "a.test", action: { type: "status", status: 503 } }])
 *   // … run the client …
 *   const seen = yield* emulator.faults.requests // [{ host: "a.test", …, fault }, { host: "b.test", … }]
 * })
 */
export interface Faults {
  /** Replaces the rules (and restarts the generator from `seed`, default 0). Invalid rules → 400 / 40000. */
  readonly set: (
    rules: ReadonlyArray<FaultRule>,
    options?: { readonly seed?: number | string | undefined }
  ) => Effect.Effect<void, Errors.AblyError>
  /** Removes every rule. The request record is kept. */
  readonly clear: Effect.Effect<void>
  /** The rules in force and how often each has fired. */
  readonly rules: Effect.Effect<ReadonlyArray<RuleStatus>>
  /** The requests seen, oldest first (the latest `recordLimit`; control routes are not recorded). */
  readonly requests: Effect.Effect<ReadonlyArray<RequestRecord>>
  /** Forgets the recorded requests. */
  readonly clearRequests: Effect.Effect<void>
  /** For transports: records the request and returns the fault to inject, if a rule fires. */
  readonly decide: (request: RequestInfo) => Effect.Effect<FaultAction | undefined>
}

/**
 * How many requests the record keeps (the latest ones).
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Faults from "./Faults.js"
 * Faults.recordLimit // 200_000
 */
export const recordLimit = 200_000

/**
 * The path prefix that is never faulted nor recorded: the control routes.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as Faults from "./Faults.js"
 * Faults.controlPrefix // "/_emulator"
 */
export const controlPrefix = "/_emulator"

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/**
 * Compiles a path pattern: `:name` matches one non-empty segment, `*` anything, the rest
 * literally; the whole path must match.
 *
 * @since 0.1.0
 * @category matching
 * @example
 * import { compilePath } from "./Faults.js"
 * compilePath("/channels/:channel/messages").test("/channels/a%2Fb/messages") // true
 * compilePath("/channels/*").test("/channels/a/presence/history") // true
 */
export const compilePath = (pattern: string): RegExp =>
  new RegExp(
    `^${
      pattern.split(/(:[A-Za-z0-9_]+|\*)/).map((part) =>
        part === "*" ? ".*" : part.startsWith(":") && part.length > 1 ? "[^/]+" : escapeRegExp(part)
      ).join("")
    }$`
  )

interface Compiled {
  readonly rule: FaultRule
  /** The rule's host name and, for `"name:port"`, its port. */
  readonly host: string | undefined
  readonly port: number | undefined
  readonly method: string | undefined
  readonly path: RegExp | undefined
  readonly actions: ReadonlyArray<FaultAction>
  fired: number
}

// "name:8080" → ["name", 8080]; "[::1]:8080" → ["::1", 8080]; a bare IPv6 address has no port.
const splitHostPort = (text: string): readonly [string, number | undefined] => {
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(text)
  if (bracketed !== null) return [bracketed[1] ?? "", bracketed[2] === undefined ? undefined : Number(bracketed[2])]
  const withPort = /^([^:]*):(\d+)$/.exec(text)
  return withPort === null ? [text, undefined] : [withPort[1] ?? "", Number(withPort[2])]
}

const isList = (action: FaultRule["action"]): action is readonly [FaultAction, ...Array<FaultAction>] =>
  Array.isArray(action)

const compile = (rule: FaultRule): Compiled => {
  const [host, port] = rule.host === undefined ? [undefined, undefined] : splitHostPort(rule.host.toLowerCase())
  return {
    rule,
    host,
    port,
    method: rule.method?.toUpperCase(),
    path: rule.path === undefined ? undefined : compilePath(rule.path),
    actions: isList(rule.action) ? rule.action : [rule.action],
    fired: 0
  }
}

const hostMatches = (rule: Compiled, request: RequestInfo): boolean => {
  if (rule.host === request.host && (rule.port === undefined || rule.port === request.port)) return true
  if (request.hostHeader === undefined) return false
  const [host, port] = splitHostPort(request.hostHeader.toLowerCase())
  return rule.host === host && (rule.port === undefined || rule.port === port)
}

const matches = (rule: Compiled, request: RequestInfo): boolean =>
  (rule.rule.times === undefined || rule.fired < rule.rule.times) &&
  (rule.host === undefined || hostMatches(rule, request)) &&
  (rule.method === undefined || rule.method === request.method.toUpperCase()) &&
  (rule.path === undefined || rule.path.test(request.path))

/**
 * A small seeded generator of numbers in [0, 1): a Weyl sequence through the murmur3
 * finaliser. Synchronous, so a decision never yields between drawing and counting; string
 * seeds are hashed with FNV-1a.
 *
 * @since 0.1.0
 * @category random
 * @example
 * import { seeded } from "./Faults.js"
 * const next = seeded(42)
 * const [a, b] = [next(), next()] // the same two numbers on every run
 */
export const seeded = (seed: number | string): () => number => {
  let state = typeof seed === "number" ? Math.trunc(seed) | 0 : fnv1a(seed)
  return () => {
    state = (state + 0x9e3779b9) | 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    z ^= z >>> 16
    return (z >>> 0) / 4294967296
  }
}

const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash | 0
}

const validate = Schema.validateEither(Schema.Array(FaultRuleSchema))

/**
 * Counts recorded requests per host: `{ "127.0.0.1": 3, "127.0.0.2": 1 }`.
 *
 * @since 0.1.0
 * @category records
 * @example
 * import { perHost } from "./Faults.js"
 * perHost([{ host: "a", port: 80, method: "GET", path: "/time" }]) // { a: 1 }
 */
export const perHost = (records: ReadonlyArray<RequestRecord>): Readonly<Record<string, number>> => {
  const counts: Record<string, number> = {}
  for (const record of records) counts[record.host] = (counts[record.host] ?? 0) + 1
  return counts
}

/**
 * Builds an injector with no rules and an empty record. Its state is plain mutable data
 * touched only inside `Effect.sync`, so each decision is atomic and costs no allocation
 * beyond the record entry.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { make } from "./Faults.js"
 * import { Effect } from "effect"
 * const program = Effect.flatMap(make, (faults) => faults.set([{ action: { type: "reset" } }]))
 */
export const make: Effect.Effect<Faults> = Effect.sync(() => {
  let compiled: ReadonlyArray<Compiled> = []
  let random = seeded(0)
  let record: Array<RequestRecord> = []

  const remember = (request: RequestInfo, fault: FaultAction | undefined) => {
    record.push({
      host: request.host,
      port: request.port,
      method: request.method,
      path: request.path,
      ...(fault === undefined ? {} : { fault })
    })
    if (record.length > 2 * recordLimit) record = record.slice(record.length - recordLimit)
  }

  const draw = (rule: Compiled): FaultAction | undefined => {
    if (rule.rule.probability !== undefined && random() >= rule.rule.probability) return undefined
    return rule.actions.length === 1 ? rule.actions[0] : rule.actions[Math.floor(random() * rule.actions.length)]
  }

  const decide = (request: RequestInfo): Effect.Effect<FaultAction | undefined> =>
    Effect.sync(() => {
      if (request.path.startsWith(controlPrefix)) return undefined
      for (const rule of compiled) {
        if (!matches(rule, request)) continue
        const fault = draw(rule)
        if (fault === undefined) continue
        rule.fired++
        remember(request, fault)
        return fault
      }
      remember(request, undefined)
      return undefined
    })

  return {
    set: (rules, options) =>
      Effect.suspend(() =>
        Either.match(validate(rules), {
          onLeft: (cause) =>
            Effect.fail(Errors.ablyError(40000, 400, `Invalid fault rules: ${Errors.describeParseError(cause)}`)),
          onRight: (valid) =>
            Effect.sync(() => {
              compiled = valid.map(compile)
              random = seeded(options?.seed ?? 0)
            })
        })
      ),
    clear: Effect.sync(() => {
      compiled = []
    }),
    rules: Effect.sync(() => compiled.map(({ fired, rule }) => ({ rule, fired }))),
    requests: Effect.sync(() => record.slice(Math.max(0, record.length - recordLimit))),
    clearRequests: Effect.sync(() => {
      record = []
    }),
    decide
  }
})
