// Every decode path of the client, each as: the options it needs, the wire shape of the answer
// to each of its requests, and the call that reads them.
import { type ClientOptions, type Errors, type Rest } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as fc from "fast-check"
import * as Shapes from "./Shapes.js"

export const testKey = "appid.keyid:s3cr3t-do-not-leak"
export const authUrl = "https://auth.example.test/token"

export interface DecodePath {
  readonly name: string
  readonly options: ClientOptions.ClientOptionsInput
  /** The answer shape for the first request and for every later one. */
  readonly first: fc.Arbitrary<unknown>
  readonly later: fc.Arbitrary<unknown>
  /** An origin besides the Ably hosts that the path may talk to. */
  readonly extraOrigin?: string
  readonly run: (rest: Rest.Service) => Effect.Effect<unknown, Errors.AblyError>
}

// A recursive JSON Schema: deep data would overflow it, so depth must be bounded before it.
type Json = string | number | boolean | null | ReadonlyArray<Json> | { readonly [key: string]: Json }
const Json: Schema.Schema<Json> = Schema.Union(
  Schema.String,
  Schema.Number,
  Schema.Boolean,
  Schema.Null,
  Schema.Array(Schema.suspend(() => Json)),
  Schema.Record({ key: Schema.String, value: Schema.suspend(() => Json) })
)
const TypedData = Schema.Union(Schema.Record({ key: Schema.String, value: Json }), Schema.Array(Json))

const take = <A>(stream: Stream.Stream<A, Errors.AblyError>, n = 10) => Stream.runCollect(Stream.take(stream, n))

const basic = { key: testKey }

const same = (
  name: string,
  shape: fc.Arbitrary<unknown>,
  run: DecodePath["run"],
  options: ClientOptions.ClientOptionsInput = basic
): DecodePath => ({
  name,
  options,
  first: shape,
  later: shape,
  run
})

export const basePaths: ReadonlyArray<DecodePath> = [
  same("historyPage", Shapes.message, (rest) => rest.channel("c").historyPage({ limit: 10 })),
  same("history", Shapes.message, (rest) => take(rest.channel("c").history({ limit: 10 }))),
  same("history-typed", Shapes.message, (rest) => take(rest.channels.get("c", { schema: TypedData }).history())),
  same("presence.get", Shapes.presence, (rest) => take(rest.channel("c").presence.get())),
  same("presence.history", Shapes.presence, (rest) => rest.channel("c").presence.historyPage()),
  same(
    "presence-typed",
    Shapes.presence,
    (rest) => take(rest.channels.get("c", { presenceSchema: TypedData }).presence.get())
  ),
  same("statsPage", Shapes.stats, (rest) => rest.statsPage({ unit: "hour" })),
  same("stats", Shapes.stats, (rest) => take(rest.stats())),
  same("time", Shapes.time, (rest) => rest.time),
  same("status", Shapes.channelDetails, (rest) => rest.channel("c").status),
  same("channels.list-id", Shapes.channelIds, (rest) => take(rest.channels.list(), 20)),
  same("channels.list-value", Shapes.channelValues, (rest) => take(rest.channels.list({ by: "value" }), 20)),
  same("publish", Shapes.hostile, (rest) => rest.channel("c").publish("n", { a: 1 })),
  same(
    "batchPublish",
    Shapes.batchPublish,
    (rest) =>
      rest.batchPublish([{ channels: ["a", "b"], messages: [{ name: "n", data: "d" }] }, {
        channels: ["a"],
        messages: [{ data: "x" }]
      }])
  ),
  same("batchPresence", Shapes.batchPresence, (rest) => rest.batchPresence(["a", "b"])),
  same(
    "request",
    Shapes.message,
    (rest) => Effect.flatMap(rest.request("GET", "/channels/c/messages"), (page) => take(page.stream))
  ),
  {
    name: "request-envelope",
    options: basic,
    first: Shapes.enveloped(Shapes.message),
    later: Shapes.enveloped(Shapes.message),
    run: (rest) =>
      Effect.flatMap(
        rest.request("GET", "/channels/c/messages", { responseControl: { envelope: "json" } }),
        (page) => Effect.zip(page.next, take(page.stream))
      )
  },
  {
    name: "requestToken",
    options: basic,
    first: Shapes.tokenDetails,
    later: Shapes.tokenDetails,
    run: (rest) => rest.auth.requestToken()
  },
  {
    name: "useTokenAuth-history",
    options: { key: testKey, useTokenAuth: true },
    first: Shapes.tokenDetails,
    later: fc.oneof(Shapes.message, Shapes.tokenDetails),
    run: (rest) => rest.channel("c").historyPage()
  },
  {
    name: "authUrl",
    options: { authUrl, authHeaders: { "x-app-auth": "hdr-s3cr3t" }, authParams: { session: "param-s3cr3t" } },
    first: Shapes.authUrlAnswer,
    later: fc.oneof(Shapes.message, Shapes.tokenDetails, Shapes.authUrlAnswer),
    extraOrigin: new URL(authUrl).origin,
    run: (rest) => rest.channel("c").historyPage()
  }
]

// --- authCallback returning odd values ----------------------------------------------------

/** What a callback does, as data so a case prints and replays. */
export type CallbackBehaviour =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "promise"; readonly value: unknown }
  | { readonly kind: "reject" }
  | { readonly kind: "throw" }
  | { readonly kind: "effect-fail" }
  | { readonly kind: "effect-die" }
  | { readonly kind: "proxy" }
  | { readonly kind: "getter" }
  | { readonly kind: "cyclic" }
  | { readonly kind: "tokenRequest"; readonly keyName: string }

export const callbackBehaviour: fc.Arbitrary<CallbackBehaviour> = fc.oneof(
  fc.record({ kind: fc.constant("value" as const), value: fc.oneof(Shapes.authUrlAnswer, Shapes.hostile) }),
  fc.record({ kind: fc.constant("promise" as const), value: Shapes.authUrlAnswer }),
  fc.constantFrom<CallbackBehaviour>(
    { kind: "reject" },
    { kind: "throw" },
    { kind: "effect-fail" },
    { kind: "effect-die" },
    { kind: "proxy" },
    { kind: "getter" },
    { kind: "cyclic" }
  ),
  fc.record({
    kind: fc.constant("tokenRequest" as const),
    keyName: fc.oneof(fc.constant("appid.keyid"), Shapes.hostileString)
  })
)

const throwingProxy = () =>
  new Proxy({}, {
    has: () => {
      throw new Error("proxy has")
    },
    get: () => {
      throw new Error("proxy get")
    },
    ownKeys: () => {
      throw new Error("proxy ownKeys")
    }
  })

export const callbackOf = (behaviour: CallbackBehaviour) => (): unknown => {
  switch (behaviour.kind) {
    case "value":
      return behaviour.value
    case "promise":
      return Promise.resolve(behaviour.value)
    case "reject":
      return Promise.reject(new Error("no token for you"))
    case "throw":
      throw new Error("callback threw")
    case "effect-fail":
      return Effect.fail("nope")
    case "effect-die":
      return Effect.die(new Error("callback died"))
    case "proxy":
      return throwingProxy()
    case "getter":
      return {
        get token(): string {
          throw new Error("getter threw")
        }
      }
    case "cyclic": {
      const value: Record<string, unknown> = { token: "tok3n" }
      value["self"] = value
      return value
    }
    case "tokenRequest":
      return {
        keyName: behaviour.keyName,
        mac: "bWFj",
        timestamp: 1_700_000_000_000,
        nonce: "0123456789abcdef",
        ttl: 60_000
      }
  }
}

/** The authCallback path for one behaviour. */
export const authCallbackPath = (behaviour: CallbackBehaviour): DecodePath => ({
  name: `authCallback-${behaviour.kind}`,
  // Deliberately outside the AuthCallback type: a callback returns whatever it returns at runtime.
  options: { authCallback: callbackOf(behaviour) as never },
  first: Shapes.tokenDetails,
  later: fc.oneof(Shapes.message, Shapes.tokenDetails),
  run: (rest) => rest.channel("c").historyPage()
})
