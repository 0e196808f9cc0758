/**
 * The scenario every runtime runs against the loopback emulator, written as an app would be: the
 * browser package's `fetch` client and core's public modules, nothing from Node. Each check is one
 * Effect that fails with a message when what came back is not what was sent; `run` runs the checks
 * it is given one after another and reports each (a failed check does not stop the others).
 */
import { BrowserRest } from "@effect-ably/browser"
import { type ClientOptions, Crypto, Rest } from "@effect-ably/core"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/** Where the emulator is and which keys to use. */
export interface Target {
  readonly host: string
  readonly port: number
  readonly key: string
  /** A key that may only publish to and read `allowed:*`. */
  readonly limitedKey: string
  /** An `authUrl` that answers TokenRequests (the browser suite serves one beside the page). */
  readonly authUrl?: string | undefined
}

/** One check's outcome: `detail` says what was seen (or why it failed). */
export interface CheckResult {
  readonly name: string
  readonly ok: boolean
  readonly detail: string
}

type Check = (target: Target) => Effect.Effect<string, unknown>

const fail = (message: string) => Effect.fail(new Error(message))

const layer = (target: Target, options: ClientOptions.ClientOptionsInput) =>
  BrowserRest.layer({ endpoint: target.host, port: target.port, tls: false, ...options })

const withClient = <A, E>(
  target: Target,
  options: ClientOptions.ClientOptionsInput,
  use: (rest: Rest.Service) => Effect.Effect<A, E>
) => Effect.flatMap(Rest.Rest, use).pipe(Effect.provide(layer(target, options)))

const bytes = new Uint8Array([0, 1, 2, 253, 254, 255])
const sameBytes = (data: unknown): boolean =>
  data instanceof Uint8Array && data.length === bytes.length && data.every((byte, i) => byte === bytes[i])

// Publish a string, a JSON object and bytes; read them back through a history Stream of pages of
// 2 (so the Stream follows a `Link` to a second page).
const publishAndHistory = (useBinaryProtocol: boolean): Check => (target) =>
  withClient(target, { key: target.key, useBinaryProtocol }, (rest) =>
    Effect.gen(function*() {
      const channel = rest.channels.get(`roundtrip-${useBinaryProtocol ? "msgpack" : "json"}`)
      yield* channel.publish("text", "hello")
      yield* channel.publish("json", { n: 2, list: ["a"] })
      yield* channel.publish("bytes", bytes)
      const history = yield* Stream.runCollect(channel.history({ limit: 2, direction: "forwards" }))
      const messages = Chunk.toReadonlyArray(history)
      const names = messages.map((message) => message.name).join(",")
      if (names !== "text,json,bytes") return yield* fail(`history names ${names}`)
      const [text, json, binary] = messages
      if (text?.data !== "hello") return yield* fail(`text data ${String(text?.data)}`)
      if (JSON.stringify(json?.data) !== `{"n":2,"list":["a"]}`) return yield* fail("json data differs")
      if (!sameBytes(binary?.data)) return yield* fail("bytes differ")
      return `3 messages over 2 pages (${useBinaryProtocol ? "msgpack" : "json"})`
    }))

// A client with no key: its authCallback gets TokenRequests signed by a key client (Web Crypto HMAC).
const authCallback: Check = (target) =>
  withClient(target, { key: target.key }, (signer) =>
    withClient(target, {
      clientId: "smoke-user",
      authCallback: (params) => signer.auth.createTokenRequest({ ...params, clientId: "smoke-user" })
    }, (rest) =>
      Effect.gen(function*() {
        const channel = rest.channels.get("token-callback")
        yield* channel.publish("by-token", "signed")
        const [message] = yield* Stream.runCollect(channel.history()).pipe(Effect.map(Chunk.toReadonlyArray))
        if (message?.clientId !== "smoke-user") return yield* fail(`clientId ${String(message?.clientId)}`)
        if ((yield* rest.auth.method) !== "token") return yield* fail("the client did not use token auth")
        return "token from authCallback, clientId smoke-user"
      })))

// A client with no key that gets TokenRequests from the authUrl (served on the page's own origin).
const authUrl: Check = (target) =>
  target.authUrl === undefined ? fail("no authUrl in this suite") : withClient(
    target,
    { authUrl: target.authUrl, useBinaryProtocol: false },
    (rest) =>
      Effect.gen(function*() {
        const channel = rest.channels.get("token-url")
        yield* channel.publish("by-url", "fetched")
        const [message] = yield* Stream.runCollect(channel.history()).pipe(Effect.map(Chunk.toReadonlyArray))
        if (message?.data !== "fetched") return yield* fail(`data ${String(message?.data)}`)
        const clientId = yield* rest.auth.clientId
        return `token from authUrl, clientId ${clientId._tag === "Some" ? clientId.value : "(none)"}`
      })
  )

// AES-CBC with a random 128-bit key (crypto.getRandomValues); the server stores only ciphertext
// (the runner checks the stored encoding).
const cipher: Check = (target) =>
  withClient(target, { key: target.key }, (rest) =>
    Effect.gen(function*() {
      const key = yield* Crypto.generateRandomKey(128)
      const secret = { card: "4242", note: "ünïcödé" }
      yield* rest.channels.get("encrypted", { cipher: { key } }).publish("secret", secret)
      yield* rest.channels.get("encrypted", { cipher: { key } }).publish("raw", bytes)
      const decrypted = yield* Stream.runCollect(
        rest.channels.get("encrypted", { cipher: { key } }).history({ direction: "forwards" })
      ).pipe(Effect.map(Chunk.toReadonlyArray))
      if (JSON.stringify(decrypted[0]?.data) !== JSON.stringify(secret)) return yield* fail("JSON did not round-trip")
      if (!sameBytes(decrypted[1]?.data)) return yield* fail("bytes did not round-trip")
      const [plain] = yield* Stream.runCollect(rest.channels.get("encrypted").history({ direction: "forwards" })).pipe(
        Effect.map(Chunk.toReadonlyArray)
      )
      if (plain?.data instanceof Uint8Array === false || !String(plain.encoding).includes("cipher+aes-128-cbc")) {
        return yield* fail(`unencrypted read gave ${String(plain?.encoding)}`)
      }
      return `aes-128-cbc round trip, stored as ${plain.encoding}`
    }))

const presence: Check = (target) =>
  withClient(target, { key: target.key }, (rest) =>
    Effect.gen(function*() {
      const members = yield* Stream.runCollect(rest.channels.get("lobby").presence.get()).pipe(
        Effect.map(Chunk.toReadonlyArray)
      )
      const ids = members.map((member) => member.clientId).sort().join(",")
      if (ids !== "carol,dave") return yield* fail(`members ${ids}`)
      return `members ${ids}`
    }))

const Order = Schema.Struct({ id: Schema.Number, item: Schema.String, at: Schema.DateFromString })

const typedChannel: Check = (target) =>
  withClient(target, { key: target.key }, (rest) =>
    Effect.gen(function*() {
      const orders = rest.channels.get("orders", { schema: Order })
      const at = new Date("2026-01-02T03:04:05.000Z")
      yield* orders.publish("created", { id: 7, item: "tea", at })
      const [order] = yield* Stream.runCollect(orders.history()).pipe(Effect.map(Chunk.toReadonlyArray))
      if (order === undefined || !(order.data.at instanceof Date) || order.data.at.getTime() !== at.getTime()) {
        return yield* fail("the typed read did not decode to a Date")
      }
      return `typed read: order ${order.data.id} (${order.data.item}) at ${order.data.at.toISOString()}`
    }))

const capabilityDenied: Check = (target) =>
  withClient(target, { key: target.limitedKey }, (rest) =>
    Effect.gen(function*() {
      yield* rest.channels.get("allowed:ok").publish("fine", "inside")
      const error = yield* Effect.flip(rest.channels.get("forbidden").publish("nope", "outside"))
      if (error._tag !== "AblyError" || error.code !== 40160 || error.statusCode !== 401) {
        return yield* fail(`expected AblyError 40160/401, got ${error._tag} ${String(error.code)}`)
      }
      return `AblyError ${error.code} (${error.statusCode}) on a channel outside the capability`
    }))

/** The checks by name: the smoke suites run `smoke`, the browser suite runs all. */
export const checks = {
  "publish + history (json)": publishAndHistory(false),
  "publish + history (msgpack)": publishAndHistory(true),
  "token auth (authCallback)": authCallback,
  "cipher round trip": cipher,
  "token auth (authUrl)": authUrl,
  "presence get": presence,
  "typed channel (Schema)": typedChannel,
  "capability denied (40160)": capabilityDenied
} satisfies Record<string, Check>

export type CheckName = keyof typeof checks

export const smoke: ReadonlyArray<CheckName> = [
  "publish + history (json)",
  "publish + history (msgpack)",
  "token auth (authCallback)",
  "cipher round trip"
]

export const all = Object.keys(checks) as ReadonlyArray<CheckName>

const describe = (cause: unknown): string => cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)

/** Runs the named checks in order; never fails (each outcome is in the result). */
export const run = (target: Target, names: ReadonlyArray<CheckName>): Promise<ReadonlyArray<CheckResult>> =>
  Effect.runPromise(Effect.forEach(names, (name) =>
    checks[name](target).pipe(
      Effect.match({
        onFailure: (cause) => ({ name, ok: false, detail: describe(cause) }),
        onSuccess: (detail) => ({ name, ok: true, detail })
      }),
      Effect.catchAllDefect((defect) => Effect.succeed({ name, ok: false, detail: `defect: ${describe(defect)}` }))
    )))

/** Decodes the target a runner passes (JSON text). */
export const TargetFromJson = Schema.parseJson(Schema.Struct({
  host: Schema.String,
  port: Schema.Number,
  key: Schema.String,
  limitedKey: Schema.String,
  authUrl: Schema.optional(Schema.String)
}))
