import { Errors, Limits, Rest } from "@effect-ably/core"
import type { AuthCallback, ClientOptions } from "@effect-ably/core"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import { fakeHttp, json, msgpack, type Reply, type Seen } from "./utils/FakeHttp.js"
import {
  assertNoSecretIn,
  assertNoSecrets,
  logRecorder,
  logRenderings,
  rejectionOf,
  renderings,
  secretsOf,
  spanRecorder
} from "./utils/SecretScan.js"

const keySecret = "kS3cr3tZq81xPm"
const key = `appid.keyid:${keySecret}`
const token = "tK9token-Wv42-secret"
const headerValue = "hV7-session-Yx55"
const paramValue = "pV3 param/Lk09&="
const secrets = secretsOf({ key, tokens: [token], values: [headerValue, paramValue] })

const authHost = "auth.example.com"
const tokenError = () => json(401, { error: { code: 40142, statusCode: 401, message: "Token expired" } })

// A body that sends a few bytes, then fails: the platform's ResponseError holds the request.
const failingMidBody = (contentType = "application/json") => {
  let pulls = 0
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(new TextEncoder().encode("{\"items\": [1, 2"))
        else controller.error(new Error("socket hang up"))
      }
    }),
    { status: 200, headers: { "content-type": contentType } }
  )
}

const bytes = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, index) => (index * 31 + seed * 17) % 256)

const deepJson = (depth: number) => "[".repeat(depth) + "]".repeat(depth)

interface Scenario {
  readonly name: string
  readonly options: ClientOptions.ClientOptionsInput
  readonly reply?: (seen: Seen, index: number) => Reply
  readonly run: (rest: Rest.Service) => Effect.Effect<unknown, unknown>
  /** A secret this scenario puts on the wire, so the scan is not vacuous. */
  readonly sends?: (seen: ReadonlyArray<Seen>) => boolean
}

const sentBasic = (seen: ReadonlyArray<Seen>) => seen.some((s) => s.headers["authorization"] === `Basic ${btoa(key)}`)
const sentBearer = (seen: ReadonlyArray<Seen>) =>
  seen.some((s) => s.headers["authorization"] === `Bearer ${btoa(token)}`)
const sentAuthSecrets = (seen: ReadonlyArray<Seen>) =>
  seen.some((s) =>
    s.url.hostname === authHost && s.headers["x-session"] === headerValue &&
    (s.url.searchParams.get("sig") === paramValue ||
      new TextDecoder().decode(s.body).includes(encodeURIComponent(paramValue).replace(/%20/g, "+")))
  )

const history = (rest: Rest.Service) => rest.channel("room").historyPage()
const publish = (rest: Rest.Service) => rest.channel("room").publish("greeting", { hello: "world" })

type Setup = Pick<Scenario, "options" | "reply" | "sends">

const basicServer = (answer: () => Reply): Setup => ({ options: { key }, reply: () => answer(), sends: sentBasic })

const tokenWithAuthUrl = (authMethod: "GET" | "POST" = "GET"): ClientOptions.ClientOptionsInput => ({
  token,
  authUrl: `https://${authHost}/token?static=1`,
  authMethod,
  authHeaders: { "x-session": headerValue, cookie: `session=${headerValue}` },
  authParams: { sig: paramValue }
})

// API requests are rejected with 40142; the auth URL answers `answer`.
const renewalThroughAuthUrl = (answer: () => Reply, authMethod: "GET" | "POST" = "GET"): Setup => ({
  options: tokenWithAuthUrl(authMethod),
  reply: (seen) => (seen.url.hostname === authHost ? answer() : tokenError()),
  sends: (seen) => sentBearer(seen) && sentAuthSecrets(seen)
})

const renewalThroughCallback = (callback: AuthCallback.AuthCallback): Setup => ({
  options: { token, authCallback: callback },
  reply: tokenError,
  sends: sentBearer
})

const scenarios: ReadonlyArray<Scenario> = [
  {
    name: "401 with Basic auth",
    ...basicServer(() => json(401, { error: { code: 40101, statusCode: 401, message: "Invalid credentials" } })),
    run: publish
  },
  {
    name: "403",
    ...basicServer(() => json(403, { error: { code: 40160, statusCode: 403, message: "Not permitted" } })),
    run: history
  },
  {
    name: "500 on every host",
    ...basicServer(() => json(500, { error: { code: 50000, statusCode: 500, message: "Internal" } })),
    run: history
  },
  {
    name: "CloudFront 403 without body",
    ...basicServer(() =>
      new Response("<html/>", { status: 403, headers: { server: "CloudFront", "content-type": "text/html" } })
    ),
    run: history
  },
  { name: "transport error", ...basicServer(() => "network-error"), run: publish },
  { name: "body fails mid-read (JSON)", ...basicServer(() => failingMidBody()), run: history },
  {
    name: "body fails mid-read (msgpack)",
    ...basicServer(() => failingMidBody("application/x-msgpack")),
    run: publish
  },
  {
    name: "garbage msgpack body",
    ...basicServer(() => new Response(bytes(300, 1), { headers: { "content-type": "application/x-msgpack" } })),
    run: history
  },
  {
    name: "malformed JSON body",
    ...basicServer(() => new Response("{\"items\": [tru", { headers: { "content-type": "application/json" } })),
    run: history
  },
  {
    name: "unsupported content type",
    ...basicServer(() => new Response(bytes(2000, 2), { headers: { "content-type": "application/octet-stream" } })),
    run: history
  },
  {
    name: "2xx body of the wrong shape",
    ...basicServer(() => json(200, { items: "nope", huge: "x".repeat(1 << 20) })),
    run: history
  },
  {
    name: "2xx body, wide wrong items",
    ...basicServer(() =>
      json(200, Array.from({ length: 5000 }, (_, i) => ({ id: i, data: [i], extras: "e".repeat(100) })))
    ),
    run: history
  },
  {
    name: "2xx body, deep JSON",
    ...basicServer(() => new Response(deepJson(100), { headers: { "content-type": "application/json" } })),
    run: history
  },
  {
    name: "2xx msgpack of the wrong shape",
    ...basicServer(() => msgpack(200, { channelId: 5, status: [1, 2, 3] })),
    run: (rest) => rest.channel("room").status
  },
  {
    name: "error body with a huge message, href and detail",
    ...basicServer(() =>
      json(404, {
        error: {
          code: 40400,
          statusCode: 404,
          message: "m".repeat(1 << 20),
          href: `https://help.ably.io/${"h".repeat(100_000)}`,
          detail: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, "v".repeat(1000)]))
        }
      })
    ),
    run: history
  },
  {
    name: "error headers only",
    ...basicServer(() =>
      new Response(bytes(100, 3), {
        status: 400,
        headers: {
          "x-ably-errorcode": "40000",
          "x-ably-errormessage": "e".repeat(50_000),
          "content-type": "application/x-msgpack"
        }
      })
    ),
    run: publish
  },
  { name: "token rejected, no means to renew", options: { token }, reply: tokenError, run: history, sends: sentBearer },
  {
    name: "renewal: authUrl answers 500",
    ...renewalThroughAuthUrl(() => json(500, { error: { code: 50000, statusCode: 500, message: "down" } })),
    run: history
  },
  { name: "renewal: authUrl answers 500 (POST)", ...renewalThroughAuthUrl(() => json(500, {}), "POST"), run: history },
  {
    name: "renewal: authUrl answers JSON garbage that starts with a token",
    ...renewalThroughAuthUrl(() =>
      new Response(`${token} is not JSON`, { headers: { "content-type": "application/json" } })
    ),
    run: history
  },
  {
    name: "renewal: authUrl answers HTML",
    ...renewalThroughAuthUrl(() => new Response(`<html>${token}</html>`, { headers: { "content-type": "text/html" } })),
    run: history
  },
  {
    name: "renewal: authUrl answers too large",
    ...renewalThroughAuthUrl(() => new Response("t".repeat(200_000), { headers: { "content-type": "text/plain" } })),
    run: history
  },
  {
    name: "renewal: authUrl declares a huge content-length",
    ...renewalThroughAuthUrl(() =>
      new Response("x", { headers: { "content-type": "text/plain", "content-length": "999999999" } })
    ),
    run: history
  },
  {
    name: "renewal: authUrl answers invalid TokenDetails",
    ...renewalThroughAuthUrl(() => json(200, { token: 5, expires: "soon" })),
    run: history
  },
  {
    name: "renewal: authUrl answers an invalid TokenRequest",
    ...renewalThroughAuthUrl(() => json(200, { keyName: 7, mac: [token], nonce: { deep: [[[token]]] } })),
    run: history
  },
  { name: "renewal: authUrl transport error", ...renewalThroughAuthUrl(() => "network-error"), run: history },
  {
    name: "renewal: authUrl body fails mid-read",
    ...renewalThroughAuthUrl(() => failingMidBody("text/plain")),
    run: history
  },
  {
    name: "renewal: authCallback throws",
    ...renewalThroughCallback(() => {
      throw new TypeError("auth server down")
    }),
    run: history
  },
  {
    name: "renewal: authCallback rejects with an error holding a request",
    ...renewalThroughCallback(() =>
      Promise.reject(
        Object.assign(new Error("upstream failed"), {
          request: { headers: { authorization: `Bearer ${btoa(token)}` } },
          token
        })
      )
    ),
    run: history
  },
  {
    name: "renewal: authCallback fails with an object holding the token",
    ...renewalThroughCallback(() => Effect.fail({ token, headers: { cookie: headerValue } })),
    run: history
  },
  { name: "renewal: authCallback dies", ...renewalThroughCallback(() => Effect.die({ token })), run: history },
  {
    name: "renewal: authCallback answers garbage",
    ...renewalThroughCallback(() => ({ tokenish: token, keyName: 3 })),
    run: history
  },
  {
    name: "authorize with per-call authUrl options failing",
    options: { key },
    reply: (seen) => (seen.url.hostname === authHost ? json(503, {}) : json(200, [])),
    run: (rest) =>
      rest.auth.authorize(undefined, {
        authUrl: `https://${authHost}/per-call`,
        authHeaders: { "x-session": headerValue },
        authParams: { sig: Redacted.make(paramValue) }
      }),
    sends: sentAuthSecrets
  },
  {
    name: "requestToken with invalid per-call authHeaders",
    options: { key },
    reply: () => json(200, []),
    run: (rest) =>
      rest.auth.requestToken(undefined, {
        authUrl: `https://${authHost}/t`,
        authHeaders: headerValue as unknown as Record<string, string>
      })
  },
  {
    name: "requestToken: Ably answers the token request with garbage",
    options: { key },
    reply: () => json(200, { token: 42, keyName: key }),
    run: (rest) => rest.auth.requestToken({ clientId: "alice" })
  },
  {
    name: "bad options: authHeaders not an object",
    options: { key, authUrl: `https://${authHost}/t`, authHeaders: headerValue as unknown as Record<string, string> },
    run: history
  },
  {
    name: "bad options: authParams values not strings",
    options: { key, authUrl: `https://${authHost}/t`, authParams: { sig: [paramValue] as unknown as string } },
    run: history
  },
  {
    name: "bad options: authUrl not a string",
    options: { key, authUrl: { secret: headerValue } as unknown as string },
    run: history
  },
  { name: "bad options: malformed key", options: { key: `${key}:extra:${token}` }, run: history },
  { name: "bad options: Basic auth without TLS", options: { key, tls: false }, run: history },
  {
    name: "bad options: invalid tokenDetails",
    options: { tokenDetails: { token, expires: "soon" as unknown as number } },
    run: history
  },
  {
    name: "bad options: several wrong fields",
    options: {
      key,
      port: -1,
      httpRequestTimeout: "slow" as unknown as number,
      agents: { product: 5 as unknown as string },
      authParams: { sig: 7 as unknown as string }
    },
    run: history
  }
]

const runScenario = (scenario: Scenario) =>
  Effect.gen(function*() {
    const fake = yield* fakeHttp(scenario.reply ?? (() => json(200, [])))
    const logs = logRecorder()
    const spans = spanRecorder()
    const program = Effect.flatMap(
      Effect.provide(Rest.Rest, Rest.layer(scenario.options).pipe(Layer.provide(fake.layer))),
      scenario.run
    ).pipe(
      // What a user would do: log every failure with its cause.
      Effect.tapErrorCause((cause) => Effect.logError("request failed", cause)),
      Effect.withSpan("user.operation"),
      Effect.withTracer(spans.tracer),
      Effect.provide(logs.layer),
      Logger.withMinimumLogLevel(LogLevel.All)
    )
    const exit = yield* Effect.exit(program)
    return { exit, logs: logs.records, spans, seen: yield* Ref.get(fake.seen) }
  })

describe("secret scan: no rendering of any error, log line or span holds a credential", () => {
  it("the scanner finds a secret that is there (a raw platform error holds the Basic header)", () => {
    const request = HttpClientRequest.get("https://main.realtime.ably.net/channels/room/messages", {
      headers: { authorization: `Basic ${btoa(key)}` }
    })
    const raw = new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("reset") })
    expect(() => assertNoSecrets(secrets, Exit.fail(raw))).toThrow(/contains the secret/)
    expect(() => assertNoSecrets(secrets, Exit.fail({ note: `token ${token.slice(0, 8)}…` }))).toThrow(
      /contains the secret/
    )
    // The same failure as an AblyError cause keeps the tag and reason only.
    const error = Errors.ablyError(80000, 500, "Request failed", { cause: raw })
    assertNoSecrets(secrets, error, Exit.fail(error))
    expect(error.cause).toMatchObject({ _tag: "RequestError", reason: "Transport", cause: { message: "reset" } })
  })

  for (const scenario of scenarios) {
    it.effect(scenario.name, () =>
      Effect.gen(function*() {
        const { exit, logs, seen, spans } = yield* runScenario(scenario)
        expect(Exit.isFailure(exit)).toBe(true)
        if (scenario.sends !== undefined) expect(scenario.sends(seen)).toBe(true)
        const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
        // Every failure a caller or server causes is a typed AblyError, not a defect.
        expect(Errors.isAblyError(error)).toBe(true)
        assertNoSecrets(secrets, exit, error)
        const rejection = yield* Effect.promise(() => rejectionOf(exit))
        assertNoSecrets(secrets, rejection)
        // runPromise rejects with the FiberFailure of the AblyError, never a bare RangeError.
        expect(String(rejection)).toContain("AblyError")
        expect(logs.length).toBeGreaterThan(0)
        for (const record of logs) assertNoSecretIn(secrets, logRenderings(record), "log record")
        expect(spans.spans.length).toBeGreaterThan(0)
        assertNoSecretIn(secrets, spans.renderings(), "spans")
        for (const text of renderings(error)) expect(text.length).toBeLessThan(200_000)
      }))
  }

  it.effect("RSA8c - the authUrl request has its own span with the origin and path only, and no platform span", () =>
    Effect.gen(function*() {
      const scenario = scenarios.find((s) => s.name === "renewal: authUrl answers 500")!
      const { spans } = yield* runScenario(scenario)
      const authSpans = spans.spans.filter((span) => span.name === "Auth.authUrl")
      expect(authSpans).toHaveLength(1)
      expect(Object.fromEntries(authSpans[0]!.attributes)).toEqual({
        "http.request.method": "GET",
        "server.address": `https://${authHost}`,
        "url.path": "/token",
        "http.response.status_code": 500
      })
      // No platform span at all: Transport and the authUrl request both turn the platform tracer off.
      expect(spans.spans.filter((span) => span.name.startsWith("http.client"))).toEqual([])
    }))

  it.effect("a failing transport whose inner error holds the request keeps only names, messages and codes", () =>
    Effect.gen(function*() {
      const client = HttpClient.make((request) =>
        Effect.fail(
          new HttpClientError.RequestError({
            request,
            reason: "Transport",
            cause: Object.assign(new Error("other side closed"), {
              code: "UND_ERR_SOCKET",
              request,
              socket: { headers: request.headers }
            })
          })
        )
      )
      const rest = yield* Effect.provide(
        Rest.Rest,
        Rest.layer({ key, fallbackHosts: [] }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, client)))
      )
      const error = yield* Effect.flip(rest.channel("room").publish("n", "d"))
      assertNoSecrets(secrets, error, Exit.fail(error))
      expect(error).toMatchObject({ code: 80000, message: "Request to main.realtime.ably.net failed: Transport error" })
      expect(JSON.parse(JSON.stringify(error.cause))).toEqual({
        name: "RequestError",
        _tag: "RequestError",
        reason: "Transport",
        message: "Transport error (POST https://main.realtime.ably.net/channels/room/messages)",
        cause: { name: "Error", message: "other side closed", code: "UND_ERR_SOCKET" }
      })
    }))

  it.effect("the resolved options hold authHeaders and authParams as Redacted", () =>
    Effect.gen(function*() {
      const fake = yield* fakeHttp(() => json(200, []))
      const rest = yield* Effect.provide(Rest.Rest, Rest.layer(tokenWithAuthUrl()).pipe(Layer.provide(fake.layer)))
      assertNoSecrets(secrets, rest.options)
      expect(Redacted.isRedacted(rest.options.authHeaders["x-session"])).toBe(true)
      expect(Redacted.value(rest.options.authParams["sig"]!)).toBe(paramValue)
      expect(JSON.stringify(rest.options.authHeaders)).toBe("{\"x-session\":\"<redacted>\",\"cookie\":\"<redacted>\"}")
    }))
})

describe("AblyError causes and texts are bounded and printable", () => {
  interface Tree {
    readonly a: ReadonlyArray<Tree> | number
  }
  const Tree: Schema.Schema<Tree> = Schema.Struct({
    a: Schema.Union(Schema.Number, Schema.Array(Schema.suspend(() => Tree)))
  })

  it("a parse issue over a deep, wide value becomes a short summary without the values", () => {
    let value: unknown = "s".repeat(100_000)
    for (let level = 0; level < 100; level++) value = { a: [value, { a: token }] }
    const decoded = Schema.decodeUnknownEither(Tree, { errors: "all" })(value)
    const parseError = Either.getLeft(decoded).pipe(Option.getOrThrow)
    // What the platform formatter would print: megabytes, with the secret in it.
    const formatted = ParseResult.TreeFormatter.formatErrorSync(parseError)
    expect(formatted.length).toBeGreaterThan(1_000_000)
    expect(formatted).toContain(token)
    const error = Errors.unexpectedResponse("tree", parseError)
    expect(error.cause).toBeInstanceOf(Errors.CauseSummary)
    expect(error.cause).toMatchObject({ _tag: "ParseError" })
    const summary = (error.cause as Errors.CauseSummary).message
    expect(summary.length).toBeLessThanOrEqual(Limits.maxCauseText)
    expect(summary).toMatch(/^\.a: Expected number, got an array of 2; \.a\[0\]\.a/)
    assertNoSecrets(secrets, error, Exit.fail(error))
  })

  it("messages, hrefs and details are cut to Limits.maxCauseText without splitting a surrogate pair", () => {
    const error = Errors.ablyError(40000, 400, `${"a".repeat(Limits.maxCauseText - 2)}😀😀`, { href: "h".repeat(5000) })
    expect(error.message.length).toBe(Limits.maxCauseText - 1)
    expect(error.message.endsWith("a…")).toBe(true)
    expect(error.href!.length).toBe(Limits.maxCauseText)
    const exact = Errors.ablyError(40000, 400, "b".repeat(Limits.maxCauseText))
    expect(exact.message).toBe("b".repeat(Limits.maxCauseText))
    const detailed = new Errors.AblyError({
      code: 1,
      statusCode: 400,
      message: "m",
      detail: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, "v".repeat(500)]))
    })
    expect(Object.keys(detailed.detail!)).toHaveLength(32)
    expect(detailed.detail!["k0"]!.length).toBe(200)
  })

  it("every way of building an AblyError sanitises the cause: new, ablyError and Schema decoding", () => {
    const hostile = { token, request: { headers: { authorization: `Bearer ${btoa(token)}` } } }
    const built = new Errors.AblyError({ code: 1, statusCode: 500, message: "m", cause: hostile })
    const decoded = Schema.decodeUnknownSync(Errors.AblyError)({
      _tag: "AblyError",
      code: 1,
      statusCode: 500,
      message: "m",
      cause: { name: "X", message: "boom" }
    })
    assertNoSecrets(secrets, built, decoded, Errors.ablyError(1, 500, "m", { cause: hostile }))
    expect(built.cause).toMatchObject({ name: "object", message: "an object" })
    expect(decoded.cause).toBeInstanceOf(Errors.CauseSummary)
    expect(decoded.cause).toMatchObject({ message: "boom" })
  })

  it("causes that cannot be read, loop or nest deeply still give a printable summary", () => {
    const loop: { cause?: unknown } & Error = new Error("loop")
    loop.cause = loop
    const throwing = new Proxy({}, {
      get: () => {
        throw new Error("trap")
      },
      has: () => {
        throw new Error("trap")
      }
    })
    const revoked = Proxy.revocable({}, {})
    revoked.revoke()
    let chain = Errors.ablyError(1, 500, "innermost")
    for (let i = 0; i < 50; i++) chain = Errors.ablyError(1, 500, `level ${i}`, { cause: chain })
    const values = [loop, throwing, revoked.proxy, Symbol(token), 10n, () => token, chain, null]
    for (const cause of values) {
      const error = Errors.ablyError(50000, 500, "failed", { cause })
      assertNoSecrets(secrets, error, Exit.fail(error))
    }
    // A long chain of AblyErrors is cut: the kept chain is at most 9 deep.
    let depth = 0
    for (let current: unknown = chain; Errors.isAblyError(current); current = current.cause) depth++
    expect(depth).toBeLessThanOrEqual(9)
  })

  it("a summary of an issue tree of any depth is built without recursion, in bounded time", () => {
    let issue: ParseResult.ParseIssue = new ParseResult.Type(Schema.Number.ast, token)
    for (let level = 0; level < 200_000; level++) issue = new ParseResult.Pointer(level % 2 === 0 ? "a" : 0, {}, issue)
    const summary = Errors.describeParseError(new ParseResult.ParseError({ issue }))
    expect(summary).toBe("an issue nested too deep to summarise")
    const shallow = Option.getOrThrow(Either.getLeft(Schema.decodeUnknownEither(Tree)({ a: [{ a: ["x"] }] })))
    expect(Errors.describeParseError(shallow)).toBe(
      ".a: Expected number, got an array of 1; .a[0].a: Expected number, got an array of 1; " +
        ".a[0].a[0]: Expected { readonly a: number | ReadonlyArray<<suspended schema>> }, got a string of 1 characters"
    )
  })
})
