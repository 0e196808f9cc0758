/**
 * The caller-input table: every public method of the client with awkward arguments, and what
 * each must give — a typed `AblyError` code, or "ok" where the input is valid (ably-js accepts
 * it too) and really reaches the emulator. Arguments are passed `as never` to stand for plain
 * JavaScript or casts.
 */
import { Rest } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { awkward, circular, nested, throwingGetter, throwingToJSON } from "./values.js"

export type Expected = "ok" | number

export interface Context {
  readonly rest: Rest.Service
}

export interface Case {
  readonly label: string
  readonly expected: Expected
  /** Options for the client the case runs on (`Rest.layer` cases build their own). */
  readonly client?: { readonly useBinaryProtocol?: boolean }
  readonly run: (context: Context) => Effect.Effect<unknown, unknown, never> | Stream.Stream<unknown, unknown, never>
}

const validCipherKey = "WUP6u0K7MXI5Zeo0VppPwg=="
const Order = Schema.Struct({ n: Schema.Number })
const Throwing = Schema.transform(Schema.Struct({ n: Schema.Number }), Order, {
  decode: (value) => value,
  encode: (): never => {
    throw new Error("schema transform refuses")
  }
})

const cases: Array<Case> = []
const add = (label: string, expected: Expected, run: Case["run"], client?: Case["client"]) =>
  cases.push({ label, expected, run, ...(client === undefined ? {} : { client }) })

// publish(name, data): every awkward value as data, in both protocols (RSL4a, RSL1).
for (const useBinaryProtocol of [false, true]) {
  for (const value of awkward) {
    add(
      `publish("n", ${value.label}) [msgpack: ${useBinaryProtocol}]`,
      value.data,
      ({ rest }) => rest.channel("inputs").publish("n", value.value()),
      { useBinaryProtocol }
    )
  }
}

// publish(first): not a name, message or array of messages (ably-js: 40013).
const firstArguments: ReadonlyArray<readonly [string, () => unknown, Expected]> = [
  ["undefined", () => undefined, 40013],
  ["null (a message without name, as ably-js)", () => null, "ok"],
  ["5", () => 5, 40013],
  ["NaN", () => Number.NaN, 40013],
  ["true", () => true, 40013],
  ["a symbol", () => Symbol("s"), 40013],
  ["a function", () => () => 1, 40013],
  ["a Date", () => new Date(0), 40013],
  ["a Map", () => new Map(), 40013],
  ["5n", () => 5n, 40013],
  ["[1, 2]", () => [1, 2], 40013],
  ["[null]", () => [null], 40013],
  ["[undefined]", () => [undefined], 40013],
  ["[[]]", () => [[]], 40013],
  ["['x']", () => ["x"], 40013],
  ["[{ name: 'a' }, 5]", () => [{ name: "a" }, 5], 40013],
  ["{} (an empty message)", () => ({}), "ok"],
  ["[{}, {}]", () => [{}, {}], "ok"],
  ["a throwing getter", throwingGetter, "ok"],
  ["a message with a throwing name getter", () =>
    Object.defineProperty({}, "name", {
      get: (): never => {
        throw new Error("no")
      }
    }), 40013]
]
for (const [label, value, expected] of firstArguments) {
  add(`publish(${label})`, expected, ({ rest }) => rest.channel("inputs").publish(value() as never))
}

// Message fields of the wrong type (40003), extras that cannot travel (40013).
const messages: ReadonlyArray<readonly [string, () => unknown, Expected]> = [
  ["{ name: 5 }", () => ({ name: 5 }), 40003],
  ["{ name: {} }", () => ({ name: {} }), 40003],
  ["{ name: null }", () => ({ name: null }), "ok"],
  ["{ id: 5 }", () => ({ id: 5 }), 40003],
  ["{ id: [] }", () => ({ id: [] }), 40003],
  ["{ clientId: true }", () => ({ clientId: true }), 40003],
  ["{ connectionKey: 1 }", () => ({ connectionKey: 1 }), 40003],
  ["{ encoding: 7 }", () => ({ encoding: 7 }), 40003],
  ["{ encoding: Symbol }", () => ({ encoding: Symbol("e") }), 40003],
  ["{ extras: 5 }", () => ({ extras: 5 }), 40013],
  ["{ extras: 'x' }", () => ({ extras: "x" }), 40013],
  ["{ extras: [] }", () => ({ extras: [] }), 40013],
  ["{ extras: circular }", () => ({ extras: circular() }), 40013],
  ["{ extras: { n: 1n } }", () => ({ extras: { n: 1n } }), 40013],
  ["{ extras: nested 129 deep }", () => ({ extras: { a: nested(128) } }), 40013],
  ["{ extras: a throwing toJSON inside }", () => ({ extras: { t: throwingToJSON() } }), 40013],
  ["{ extras: a throwing getter }", () => ({ extras: throwingGetter() }), 40013],
  ["{ extras: { headers } }", () => ({ extras: { headers: { k: "v" } } }), "ok"],
  [
    "{ extras: NaN, undefined, Date, function inside }",
    () => ({ extras: { headers: { n: Number.NaN, u: undefined, d: new Date(0), f: () => 1 } } }),
    "ok"
  ],
  ["{ data: circular }", () => ({ name: "x", data: circular() }), 40013],
  ["{ data: 5 }", () => ({ name: "x", data: 5 }), 40013],
  ["{ data: a BigInt inside }", () => ({ data: { big: 1n } }), 40013],
  ["{ unknown fields only }", () => ({ foo: 1, bar: () => 1 }), "ok"]
]
for (const [label, value, expected] of messages) {
  for (const useBinaryProtocol of [false, true]) {
    add(
      `publish(${label}) [msgpack: ${useBinaryProtocol}]`,
      expected,
      ({ rest }) => rest.channel("inputs").publish(value() as never),
      { useBinaryProtocol }
    )
  }
}

// Publish params: an object of strings.
const publishParams: ReadonlyArray<readonly [string, unknown, Expected]> = [
  ["5", 5, 40003],
  ["'x'", "x", 40003],
  ["[]", [], 40003],
  ["{ a: 1 }", { a: 1 }, 40003],
  ["{ a: null }", { a: null }, 40003],
  ["{ a: {} }", { a: {} }, 40003],
  ["null", null, "ok"],
  ["{ a: 'b' }", { a: "b" }, "ok"]
]
for (const [label, params, expected] of publishParams) {
  add(
    `publish({ name }, ${label})`,
    expected,
    ({ rest }) => rest.channel("inputs").publish({ name: "p" }, params as never)
  )
}

// Channel names that are not strings or that Ably refuses (40010), and names that are fine.
const names: ReadonlyArray<readonly [string, unknown, Expected]> = [
  ["5", 5, 40010],
  ["null", null, 40010],
  ["undefined", undefined, 40010],
  ["{}", {}, 40010],
  ["a symbol", Symbol("c"), 40010],
  ["[]", [], 40010],
  ["''", "", 40010],
  ["':starts'", ":starts", 40010],
  ["'has\\nnewline'", "has\nnewline", 40010],
  ["'[unclosed'", "[unclosed", 40010],
  ["'with space'", "with space", "ok"],
  ["'ünïcødé'", "ünïcødé", "ok"],
  ["'emoji 🎉'", "emoji 🎉", "ok"]
]
for (const [label, name, expected] of names) {
  add(`channels.get(${label}).publish`, expected, ({ rest }) => rest.channels.get(name as never).publish("n", "d"))
  add(`channels.get(${label}).history`, expected, ({ rest }) => rest.channels.get(name as never).history())
  add(`channels.get(${label}).presence.get`, expected, ({ rest }) => rest.channels.get(name as never).presence.get())
}
add("channels.get(5).status", 40010, ({ rest }) => rest.channels.get(5 as never).status)

// Channel options (TB2): not an object, a schema that is not a Schema, a bad cipher: 40003.
const channelOptions: ReadonlyArray<readonly [string, unknown, Expected]> = [
  ["5", 5, 40003],
  ["'x'", "x", 40003],
  ["[]", [], 40003],
  ["null", null, "ok"],
  ["{ schema: 5 }", { schema: 5 }, 40003],
  ["{ schema: {} }", { schema: {} }, 40003],
  ["{ schema: a function }", { schema: () => 1 }, 40003],
  ["{ presenceSchema: 'x' }", { presenceSchema: "x" }, 40003],
  ["{ cipher: null }", { cipher: null }, 40003],
  ["{ cipher: 5 }", { cipher: 5 }, 40003],
  ["{ cipher: 'key' }", { cipher: validCipherKey }, 40003],
  ["{ cipher: { key: 16 } }", { cipher: { key: 16 } }, 40003],
  ["{ cipher: { key: [1, 2] } }", { cipher: { key: Array.from({ length: 16 }, () => 1) } }, 40003],
  ["{ cipher: { key: 'short' } }", { cipher: { key: "c2hvcnQ=" } }, 40003],
  ["{ cipher: { key: '%%%' } }", { cipher: { key: "%%%" } }, 40003],
  ["{ cipher: { key, algorithm: 5 } }", { cipher: { key: validCipherKey, algorithm: 5 } }, 40003],
  ["{ cipher: { key, algorithm: 'des' } }", { cipher: { key: validCipherKey, algorithm: "des" } }, 40003],
  ["{ cipher: { key, mode: 'ecb' } }", { cipher: { key: validCipherKey, mode: "ecb" } }, 40003],
  ["{ cipher: { key, keyLength: 256 } }", { cipher: { key: validCipherKey, keyLength: 256 } }, 40003],
  ["{ cipher: { key, keyLength: NaN } }", { cipher: { key: validCipherKey, keyLength: Number.NaN } }, 40003],
  ["{ cipher: fake CipherParams }", {
    cipher: { _tag: "CipherParams", algorithm: "aes", mode: "cbc", keyLength: 128, key: 5 }
  }, 40003],
  ["{ cipher: { key } }", { cipher: { key: validCipherKey } }, "ok"],
  ["{ schema: Schema.Struct }", { schema: Order }, "ok"]
]
for (const [label, options, expected] of channelOptions) {
  add(
    `channels.get('opts', ${label}).publish`,
    expected,
    ({ rest }) => rest.channels.get("opts", options as never).publish("n", { n: 1 })
  )
}
add(
  "typed channel: data the Schema refuses",
  40013,
  ({ rest }) => rest.channel("typed", { schema: Order }).publish("n", { n: "x" } as never)
)
add(
  "typed channel: data that is not an object",
  40013,
  ({ rest }) => rest.channel("typed", { schema: Order }).publish("n", 5 as never)
)
add(
  "typed channel: a Schema whose transform throws",
  40013,
  ({ rest }) => rest.channel("typed", { schema: Throwing }).publish("n", { n: 1 })
)

// History-style params: channel history, presence history and stats share the window rules.
const historyParams: ReadonlyArray<readonly [string, unknown, Expected]> = [
  ["5", 5, 40003],
  ["'x'", "x", 40003],
  ["[]", [], 40003],
  ["true", true, 40003],
  ["{ limit: 0 }", { limit: 0 }, 40003],
  ["{ limit: 1001 }", { limit: 1001 }, 40003],
  ["{ limit: NaN }", { limit: Number.NaN }, 40003],
  ["{ limit: Infinity }", { limit: Number.POSITIVE_INFINITY }, 40003],
  ["{ limit: 1.5 }", { limit: 1.5 }, 40003],
  ["{ limit: '10' }", { limit: "10" }, 40003],
  ["{ direction: 'sideways' }", { direction: "sideways" }, 40003],
  ["{ direction: 1 }", { direction: 1 }, 40003],
  ["{ start: -1 }", { start: -1 }, 40003],
  ["{ start: NaN }", { start: Number.NaN }, 40003],
  ["{ end: Infinity }", { end: Number.POSITIVE_INFINITY }, 40003],
  ["{ start: invalid Date }", { start: new Date(Number.NaN) }, 40003],
  ["{ start: '2020' }", { start: "2020" }, 40003],
  ["{ start: 10, end: 5 }", { start: 10, end: 5 }, 40003],
  [
    "a throwing getter",
    Object.defineProperty({}, "limit", {
      enumerable: true,
      get: (): never => {
        throw new Error("no")
      }
    }),
    40003
  ],
  ["null", null, "ok"],
  ["{}", {}, "ok"],
  ["{ limit: 1, direction: 'forwards' }", { limit: 1, direction: "forwards" }, "ok"],
  ["{ start: new Date(0), end: Date }", { start: new Date(0), end: new Date() }, "ok"]
]
for (const [label, params, expected] of historyParams) {
  add(`history(${label})`, expected, ({ rest }) => rest.channel("inputs").history(params as never))
  add(`presence.history(${label})`, expected, ({ rest }) => rest.channel("inputs").presence.history(params as never))
  add(`stats(${label})`, expected, ({ rest }) => rest.stats(params as never))
}
const statsUnits: ReadonlyArray<readonly [string, unknown, Expected]> = [
  ["{ unit: 'week' }", { unit: "week" }, 40003],
  ["{ unit: 5 }", { unit: 5 }, 40003],
  ["{ unit: null }", { unit: null }, 40003],
  ["{ unit: 'hour' }", { unit: "hour" }, "ok"],
  ["{ unit: 'month', limit: 2 }", { unit: "month", limit: 2 }, "ok"]
]
for (const [label, params, expected] of statsUnits) {
  add(`stats(${label})`, expected, ({ rest }) => rest.stats(params as never))
}
add("statsPage('x')", 40003, ({ rest }) => rest.statsPage("x" as never))
add("historyPage({ limit: -5 })", 40003, ({ rest }) => rest.channel("inputs").historyPage({ limit: -5 }))

// presence.get params (RSP3).
const presenceParams: ReadonlyArray<readonly [string, unknown, Expected]> = [
  ["5", 5, 40003],
  ["'x'", "x", 40003],
  ["{ limit: 0 }", { limit: 0 }, 40003],
  ["{ limit: NaN }", { limit: Number.NaN }, 40003],
  ["{ clientId: 5 }", { clientId: 5 }, 40003],
  ["{ connectionId: {} }", { connectionId: {} }, 40003],
  ["null", null, "ok"],
  ["{ clientId: 'alice' }", { clientId: "alice" }, "ok"]
]
for (const [label, params, expected] of presenceParams) {
  add(`presence.get(${label})`, expected, ({ rest }) => rest.channel("inputs").presence.get(params as never))
  add(`presence.getPage(${label})`, expected, ({ rest }) => rest.channel("inputs").presence.getPage(params as never))
}

// Channel enumeration params.
const listParams: ReadonlyArray<readonly [string, unknown, Expected]> = [
  ["5", 5, 40003],
  ["'x'", "x", 40003],
  ["[]", [], 40003],
  ["{ limit: 0 }", { limit: 0 }, 40003],
  ["{ limit: 1001 }", { limit: 1001 }, 40003],
  ["{ limit: NaN }", { limit: Number.NaN }, 40003],
  ["{ by: 'name' }", { by: "name" }, 40003],
  ["{ prefix: 5 }", { prefix: 5 }, 40003],
  ["{ deduplicate: 'yes' }", { deduplicate: "yes" }, 40003],
  ["{ restartOnInvalidation: 5 }", { restartOnInvalidation: 5 }, 40003],
  ["{ retryWhileInProgress: {} }", { retryWhileInProgress: {} }, 40003],
  ["null", null, "ok"],
  ["{ by: 'value' }", { by: "value" }, "ok"],
  ["{ prefix: 'in', limit: 10 }", { prefix: "in", limit: 10 }, "ok"]
]
for (const [label, params, expected] of listParams) {
  add(`channels.list(${label})`, expected, ({ rest }) => rest.channels.list(params as never))
  add(`channels.listPage(${label})`, expected, ({ rest }) => rest.channels.listPage(params as never))
}

// batchPublish (RSC22).
const batchSpecs: ReadonlyArray<readonly [string, () => unknown, Expected]> = [
  ["null", () => null, 40003],
  ["undefined", () => undefined, 40003],
  ["5", () => 5, 40003],
  ["'x'", () => "x", 40003],
  ["[null]", () => [null], 40003],
  ["[5]", () => [5], 40003],
  ["{ channels: 'a' }", () => ({ channels: "a", messages: [] }), 40003],
  ["{ channels missing }", () => ({ messages: [{ name: "x" }] }), 40003],
  ["{ channels: [5] }", () => ({ channels: [5], messages: [{ name: "x" }] }), 40010],
  ["{ channels: [null] }", () => ({ channels: [null], messages: [{ name: "x" }] }), 40010],
  ["{ messages: 5 }", () => ({ channels: ["a"], messages: 5 }), 40013],
  ["{ messages missing }", () => ({ channels: ["a"] }), 40013],
  ["{ messages: [5] }", () => ({ channels: ["a"], messages: [5] }), 40013],
  ["{ messages: [null] }", () => ({ channels: ["a"], messages: [null] }), 40013],
  ["{ messages: [{ name: 5 }] }", () => ({ channels: ["a"], messages: [{ name: 5 }] }), 40003],
  ["{ messages: [{ data: circular }] }", () => ({ channels: ["a"], messages: [{ data: circular() }] }), 40013],
  ["{ messages: [{ data: 5n }] }", () => ({ channels: ["a"], messages: [{ data: 5n }] }), 40013],
  ["{ messages: [{ extras: circular }] }", () => ({ channels: ["a"], messages: [{ extras: circular() }] }), 40013],
  ["[]", () => [], "ok"],
  ["{ messages: one message }", () => ({ channels: ["a", "b"], messages: { name: "x", data: "d" } }), "ok"],
  [
    "[spec, spec]",
    () => [{ channels: ["a"], messages: [{ name: "x" }] }, { channels: ["b"], messages: [{ data: { j: 1 } }] }],
    "ok"
  ]
]
for (const [label, specs, expected] of batchSpecs) {
  add(`batchPublish(${label})`, expected, ({ rest }) => rest.batchPublish(specs() as never))
}

// batchPresence (RSC24).
const batchChannels: ReadonlyArray<readonly [string, unknown, Expected]> = [
  ["null", null, 40003],
  ["5", 5, 40003],
  ["'a,b'", "a,b", 40003],
  ["{}", {}, 40003],
  ["[5]", [5], 40010],
  ["['a', null]", ["a", null], 40010],
  ["[]", [], "ok"],
  ["['a', 'b,c']", ["a", "b,c"], "ok"]
]
for (const [label, channels, expected] of batchChannels) {
  add(`batchPresence(${label})`, expected, ({ rest }) => rest.batchPresence(channels as never))
}

// request (RSC19).
const requests: ReadonlyArray<readonly [string, unknown, unknown, () => unknown, Expected]> = [
  ["method 5", 5, "/time", () => undefined, 40003],
  ["method null", null, "/time", () => undefined, 40003],
  ["method 'FOO'", "FOO", "/time", () => undefined, 40500],
  ["method 'get'", "get", "/time", () => undefined, "ok"],
  ["path 5", "GET", 5, () => undefined, 40003],
  ["path ''", "GET", "", () => undefined, 40003],
  ["path null", "GET", null, () => undefined, 40003],
  ["path with a newline", "GET", "/ti\nme", () => undefined, 40003],
  ["path with NUL", "GET", "/time\0", () => undefined, 40003],
  ["path 'time' (no slash)", "GET", "time", () => undefined, "ok"],
  ["options 5", "GET", "/time", () => 5, 40003],
  ["options 'x'", "GET", "/time", () => "x", 40003],
  ["params 5", "GET", "/time", () => ({ params: 5 }), 40003],
  ["params { a: NaN }", "GET", "/time", () => ({ params: { a: Number.NaN } }), 40003],
  ["params { a: Infinity }", "GET", "/time", () => ({ params: { a: Number.POSITIVE_INFINITY } }), 40003],
  ["params { a: {} }", "GET", "/time", () => ({ params: { a: {} } }), 40003],
  ["params { a: null }", "GET", "/time", () => ({ params: { a: null } }), 40003],
  ["params { a: Symbol }", "GET", "/time", () => ({ params: { a: Symbol("p") } }), 40003],
  ["params { a: 1n }", "GET", "/time", () => ({ params: { a: 1n } }), 40003],
  [
    "params { limit: 5, flag: true, s: 'x' }",
    "GET",
    "/channels/x/messages",
    () => ({ params: { limit: 5, flag: true, s: "x" } }),
    "ok"
  ],
  ["headers 5", "GET", "/time", () => ({ headers: 5 }), 40003],
  ["headers { a: 5 }", "GET", "/time", () => ({ headers: { a: 5 } }), 40003],
  ["headers { a: 'x\\r\\ny' }", "GET", "/time", () => ({ headers: { "x-a": "x\r\nInjected: 1" } }), 40003],
  ["headers { a: 'x\\ny' }", "GET", "/time", () => ({ headers: { "x-a": "x\ny" } }), 40003],
  ["headers { 'bad name': 'x' }", "GET", "/time", () => ({ headers: { "bad name": "x" } }), 40003],
  ["headers { 'x-ok': 'fine' }", "GET", "/time", () => ({ headers: { "x-ok": "fine" } }), "ok"],
  ["body circular", "POST", "/channels/r/messages", () => ({ body: circular() }), 40013],
  ["body { n: 1n }", "POST", "/channels/r/messages", () => ({ body: { n: 1n } }), 40013],
  ["body 5n", "POST", "/channels/r/messages", () => ({ body: 5n }), 40013],
  ["body nested 200 deep", "POST", "/channels/r/messages", () => ({ body: nested(200) }), 40013],
  ["body nested 100000 deep", "POST", "/channels/r/messages", () => ({ body: nested(100_000) }), 40013],
  [
    "body a throwing toJSON",
    "POST",
    "/channels/r/messages",
    () => ({ body: { name: "x", data: "d", t: throwingToJSON() } }),
    40013
  ],
  ["body a throwing getter", "POST", "/channels/r/messages", () => ({ body: throwingGetter() }), 40013],
  ["body { name, data }", "POST", "/channels/r/messages", () => ({ body: { name: "x", data: "d" } }), "ok"],
  ["version 5", "GET", "/time", () => ({ version: 5 }), 40003],
  ["responseControl 5", "GET", "/time", () => ({ responseControl: 5 }), 40003],
  ["responseControl { envelope: 'xml' }", "GET", "/time", () => ({ responseControl: { envelope: "xml" } }), 40003],
  ["responseControl { fields: 'a' }", "GET", "/time", () => ({ responseControl: { fields: "a" } }), 40003],
  ["responseControl { envelope: 'json' }", "GET", "/time", () => ({ responseControl: { envelope: "json" } }), "ok"]
]
for (const [label, method, path, options, expected] of requests) {
  for (const useBinaryProtocol of [false, true]) {
    add(
      `request(${label}) [msgpack: ${useBinaryProtocol}]`,
      expected,
      ({ rest }) => rest.request(method as never, path as never, options() as never),
      { useBinaryProtocol }
    )
  }
}

// Token calls (RSA8, RSA9, RSA10): params and auth options.
const tokenParams: ReadonlyArray<readonly [string, unknown, Expected]> = [
  ["5", 5, 40003],
  ["'x'", "x", 40003],
  ["[]", [], 40003],
  ["{ ttl: -1 }", { ttl: -1 }, 40003],
  ["{ ttl: NaN }", { ttl: Number.NaN }, 40003],
  ["{ ttl: Infinity }", { ttl: Number.POSITIVE_INFINITY }, 40003],
  ["{ ttl: '1000' }", { ttl: "1000" }, 40003],
  ["{ capability: 5 }", { capability: 5 }, 40003],
  ["{ capability: { '*': 'publish' } }", { capability: { "*": "publish" } }, 40003],
  ["{ clientId: 5 }", { clientId: 5 }, 40003],
  ["{ timestamp: NaN }", { timestamp: Number.NaN }, 40003],
  ["{ nonce: 'short' }", { nonce: "short" }, 40003],
  ["null", null, "ok"],
  ["{ ttl: 60000, capability: { '*': ['*'] } }", { ttl: 60_000, capability: { "*": ["*"] } }, "ok"]
]
const authOptions: ReadonlyArray<readonly [string, unknown, Expected]> = [
  ["5", 5, 40003],
  ["'x'", "x", 40003],
  ["{ key: 5 }", { key: 5 }, 40003],
  ["{ key: 'not-a-key' }", { key: "not-a-key" }, 40101],
  ["{ authCallback: 5 }", { authCallback: 5 }, 40003],
  ["{ authUrl: 5 }", { authUrl: 5 }, 40003],
  ["{ authUrl: '' }", { authUrl: "" }, 40003],
  ["{ authMethod: 'PUT' }", { authMethod: "PUT" }, 40003],
  ["{ authHeaders: { a: 5 } }", { authHeaders: { a: 5 } }, 40003],
  ["{ authHeaders: { a: 'x\\r\\ny' } }", { authHeaders: { a: "x\r\ny" } }, 40003],
  ["{ authParams: { a: {} } }", { authParams: { a: {} } }, 40003],
  ["{ queryTime: 'yes' }", { queryTime: "yes" }, 40003],
  ["null", null, "ok"]
]
const tokenCalls = ["createTokenRequest", "requestToken", "authorize"] as const
for (const call of tokenCalls) {
  for (const [label, params, expected] of tokenParams) {
    add(`auth.${call}(${label})`, expected, ({ rest }) => rest.auth[call](params as never))
  }
  for (const [label, options, expected] of authOptions) {
    add(`auth.${call}(undefined, ${label})`, expected, ({ rest }) => rest.auth[call](undefined, options as never))
  }
}

// revokeTokens (RSA17).
const revocations: ReadonlyArray<readonly [string, unknown, unknown, Expected]> = [
  ["null", null, undefined, 40003],
  ["5", 5, undefined, 40003],
  ["'clientId:a'", "clientId:a", undefined, 40003],
  ["[]", [], undefined, 40003],
  ["[5]", [5], undefined, 40003],
  ["['']", [""], undefined, 40003],
  ["[null]", [null], undefined, 40003],
  ["[{ type: 'user' }]", [{ type: "user", value: "a" }], undefined, 40003],
  ["[{ type: 'clientId', value: 5 }]", [{ type: "clientId", value: 5 }], undefined, 40003],
  ["options 5", ["clientId:a"], 5, 40003],
  ["options { issuedBefore: NaN }", ["clientId:a"], { issuedBefore: Number.NaN }, 40003],
  ["options { issuedBefore: '1' }", ["clientId:a"], { issuedBefore: "1" }, 40003],
  ["options { allowReauthMargin: 1 }", ["clientId:a"], { allowReauthMargin: 1 }, 40003],
  ["['clientId:alice']", ["clientId:alice"], undefined, "ok"],
  ["[{ type: 'clientId', value: 'bob' }]", [{ type: "clientId", value: "bob" }], { allowReauthMargin: true }, "ok"]
]
for (const [label, targets, options, expected] of revocations) {
  add(`auth.revokeTokens(${label})`, expected, ({ rest }) => rest.auth.revokeTokens(targets as never, options as never))
}

add("time", "ok", ({ rest }) => rest.time)

export const clientCases: ReadonlyArray<Case> = cases

/** `Rest.layer(options)` cases: the options replace the test key unless `withKey`. */
export interface LayerCase {
  readonly label: string
  readonly options: () => unknown
  readonly withKey: boolean
  readonly expected: Expected
}

const layerOptions: ReadonlyArray<readonly [string, () => unknown, boolean, Expected]> = [
  ["null", () => null, false, 40000],
  ["undefined", () => undefined, false, 40000],
  ["5", () => 5, false, 40000],
  ["true", () => true, false, 40000],
  ["[]", () => [], false, 40000],
  ["a function", () => () => 1, false, 40000],
  ["a symbol", () => Symbol("o"), false, 40000],
  [
    "a throwing getter",
    () =>
      Object.defineProperty({}, "key", {
        enumerable: true,
        get: (): never => {
          throw new Error("no")
        }
      }),
    false,
    40000
  ],
  ["'' (an empty token)", () => "", false, 40005],
  ["{ key: 5 }", () => ({ key: 5 }), false, 40000],
  ["{ key: {} }", () => ({ key: {} }), false, 40000],
  ["{ key: 'nokey' }", () => ({ key: "no-colon" }), false, 40101],
  ["{ token: 5 }", () => ({ token: 5 }), false, 40000],
  ["{ tokenDetails: 'x' }", () => ({ tokenDetails: "x" }), false, 40000],
  ["{ authCallback: 5 }", () => ({ authCallback: 5 }), false, 40000],
  ["{ endpoint: 5 }", () => ({ endpoint: 5 }), true, 40000],
  ["{ endpoint: '' }", () => ({ endpoint: "" }), true, 40000],
  ["{ port: NaN }", () => ({ port: Number.NaN }), true, 40000],
  ["{ port: 0 }", () => ({ port: 0 }), true, 40000],
  ["{ port: 1.5 }", () => ({ port: 1.5 }), true, 40000],
  ["{ tlsPort: Infinity }", () => ({ tlsPort: Number.POSITIVE_INFINITY }), true, 40000],
  ["{ httpRequestTimeout: NaN }", () => ({ httpRequestTimeout: Number.NaN }), true, 40000],
  ["{ httpRequestTimeout: -1 }", () => ({ httpRequestTimeout: -1 }), true, 40000],
  ["{ httpMaxRetryCount: '3' }", () => ({ httpMaxRetryCount: "3" }), true, 40000],
  ["{ maxMessageSize: 0 }", () => ({ maxMessageSize: 0 }), true, 40000],
  ["{ useBinaryProtocol: 'yes' }", () => ({ useBinaryProtocol: "yes" }), true, 40000],
  ["{ tls: 1 }", () => ({ tls: 1 }), true, 40000],
  ["{ fallbackHosts: 'a' }", () => ({ fallbackHosts: "a" }), true, 40000],
  ["{ fallbackHosts: [5] }", () => ({ fallbackHosts: [5] }), true, 40000],
  ["{ authHeaders: { a: 5 } }", () => ({ authHeaders: { a: 5 } }), true, 40000],
  ["{ authHeaders: { a: 'x\\r\\ny' } }", () => ({ authHeaders: { a: "x\r\ny" } }), true, 40000],
  ["{ authParams: { a: 1 } }", () => ({ authParams: { a: 1 } }), true, 40000],
  ["{ authMethod: 'PUT' }", () => ({ authMethod: "PUT" }), true, 40000],
  ["{ agents: { a: 5 } }", () => ({ agents: { a: 5 } }), true, 40000],
  ["{ clientId: 5 }", () => ({ clientId: 5 }), true, 40000],
  ["{ clientId: '*' }", () => ({ clientId: "*" }), true, 40012],
  ["{ defaultTokenParams: { ttl: NaN } }", () => ({ defaultTokenParams: { ttl: Number.NaN } }), true, 40000],
  ["{ defaultTokenParams: 5 }", () => ({ defaultTokenParams: 5 }), true, 40000],
  ["{ idempotentRestPublishing: 1 }", () => ({ idempotentRestPublishing: 1 }), true, 40000],
  ["{} (no means to authenticate)", () => ({}), false, 40106],
  ["{ clientId: 'alice' }", () => ({ clientId: "alice" }), true, "ok"],
  ["{ unknownOption: 1 }", () => ({ unknownOption: 1 }), true, "ok"]
]
export const layerCases: ReadonlyArray<LayerCase> = layerOptions.map(([label, options, withKey, expected]) => ({
  label,
  options,
  withKey,
  expected
}))
