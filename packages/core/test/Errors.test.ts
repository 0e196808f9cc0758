import { Errors, Rest } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { inspect } from "node:util"
import { json } from "./utils/FakeHttp.js"
import { restWith, testKey } from "./utils/restWith.js"

const noFallback = { key: testKey, useBinaryProtocol: false, fallbackHosts: [] }

const failureOf = <A>(exit: Exit.Exit<A, Errors.AblyError>): Errors.AblyError => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const failure = Cause.failureOption(exit.cause)
  if (failure._tag === "None") throw new Error(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  return failure.value
}

// A client whose key the emulator app does not know the secret of: every request is 40101.
const WrongSecret = Layer.unwrapEffect(
  Effect.map(
    Effect.flatMap(Emulator.Emulator, (emulator) => emulator.createApp()),
    (app) => Rest.layer({ key: `${app.keys[0]!.keyName}:wrong-secret`, useBinaryProtocol: false })
  )
).pipe(Layer.provide(Emulator.layer))

const failedPublish = Effect.flatMap(Rest.Rest, (rest) => rest.channels.get("orders").publish("created", { id: 42 }))

describe("AblyError type id", () => {
  it("isAblyError accepts errors built every way, by TypeId", () => {
    const built = Errors.ablyError(40000, 400, "bad")
    const constructed = new Errors.AblyError({ code: 40000, statusCode: 400, message: "bad" })
    const decoded = Schema.decodeUnknownSync(Errors.AblyError)({
      _tag: "AblyError",
      code: 40000,
      statusCode: 400,
      message: "bad"
    })
    for (const error of [built, constructed, decoded]) {
      expect(Errors.isAblyError(error)).toBe(true)
      expect(error[Errors.TypeId]).toBe(Errors.TypeId)
    }
  })

  it("isAblyError rejects an object merely tagged \"AblyError\"", () => {
    class Impostor extends Data.TaggedError("AblyError")<{ code: number; statusCode: number; message: string }> {}
    expect(Errors.isAblyError({ _tag: "AblyError", code: 40000, statusCode: 400, message: "bad" })).toBe(false)
    expect(Errors.isAblyError(new Impostor({ code: 40000, statusCode: 400, message: "bad" }))).toBe(false)
    expect(Errors.isAblyError(null)).toBe(false)
  })

  it("a cause merely tagged \"AblyError\" is summarised, not kept with what it holds", () => {
    const impostor = { _tag: "AblyError", code: 40000, request: { headers: { authorization: "Bearer s3cr3t" } } }
    const error = Errors.ablyError(80000, 500, "failed", { cause: impostor })
    expect(error.cause).toBeInstanceOf(Errors.CauseSummary)
    expect(JSON.stringify(error.cause)).not.toContain("s3cr3t")
    const genuine = Errors.ablyError(40142, 401, "Token expired")
    expect(Errors.ablyError(40170, 401, "renewal failed", { cause: genuine }).cause).toBe(genuine)
  })
})

describe("AblyError reason", () => {
  it("derives from Ably's code, then the status, for every code the SDK produces", () => {
    const table: ReadonlyArray<readonly [number, number, Errors.Reason]> = [
      [40000, 400, "Validation"],
      [40003, 400, "Validation"],
      [40009, 400, "Validation"],
      [40010, 400, "Validation"],
      [40011, 400, "Validation"],
      [40012, 400, "Validation"],
      [40013, 400, "Validation"],
      [40400, 404, "Validation"],
      [40500, 405, "Validation"],
      [40101, 401, "Auth"],
      [40102, 401, "Auth"],
      [40103, 401, "Auth"],
      [40106, 401, "Auth"],
      [40106, 400, "Auth"],
      [40142, 401, "Auth"],
      [40160, 401, "Auth"],
      [40162, 401, "Auth"],
      [40170, 401, "Auth"],
      [40171, 401, "Auth"],
      [40300, 403, "Auth"],
      [80019, 401, "Auth"],
      [42910, 429, "RateLimit"],
      [42912, 429, "RateLimit"],
      [50003, 500, "Timeout"],
      [50400, 504, "Timeout"],
      [80000, 500, "Transport"],
      [50000, 500, "Server"],
      [50001, 500, "Server"],
      [1, 401, "Auth"],
      [1, 429, "RateLimit"],
      [1, 418, "Validation"],
      [1, 500, "Server"],
      [0, 0, "Server"]
    ]
    for (const [code, statusCode, reason] of table) {
      expect([code, statusCode, Errors.ablyError(code, statusCode, "m").reason]).toEqual([code, statusCode, reason])
    }
  })

  it("a given reason wins; new and Schema decoding derive one when absent", () => {
    expect(Errors.ablyError(50000, 500, "m", { reason: "Decode" }).reason).toBe("Decode")
    expect(new Errors.AblyError({ code: 40142, statusCode: 401, message: "m" }).reason).toBe("Auth")
    const decoded = Schema.decodeUnknownSync(Errors.AblyError)({
      _tag: "AblyError",
      code: 42910,
      statusCode: 429,
      message: "m"
    })
    expect(decoded.reason).toBe("RateLimit")
    expect(Schema.encodeSync(Errors.AblyError)(decoded)).toMatchObject({ reason: "RateLimit", code: 42910 })
    expect(Errors.unexpectedResponse("time", new Error("Expected number")).reason).toBe("Decode")
  })

  it.effect("server answers, timeouts, transport failures and unreadable answers get their reasons", () =>
    Effect.gen(function*() {
      const answers: ReadonlyArray<readonly [() => Response | "network-error", Errors.Reason, number]> = [
        [() => json(401, { error: { code: 40142, statusCode: 401, message: "Token expired" } }), "Auth", 40142],
        [
          () => json(400, { error: { code: 40003, statusCode: 400, message: "Invalid parameter" } }),
          "Validation",
          40003
        ],
        [() => json(500, { error: { code: 50000, statusCode: 500, message: "Internal error" } }), "Server", 50000],
        [() => "network-error", "Transport", 80000],
        [() => json(200, { not: "a number" }), "Decode", 50000],
        [() => new Response("<html>", { status: 200, headers: { "content-type": "text/html" } }), "Decode", 50000]
      ]
      for (const [answer, reason, code] of answers) {
        const { rest } = yield* restWith(noFallback, () => answer())
        const error = yield* Effect.flip(rest.time)
        expect([code, error.code, error.reason]).toEqual([code, code, reason])
      }
    }))

  it.effect("a request with no answer in time is a Timeout (50003)", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ ...noFallback, httpRequestTimeout: 1_000 }, () => "hang")
      const fiber = yield* Effect.fork(Effect.flip(rest.time))
      yield* TestClock.adjust("2 seconds")
      const error = yield* Fiber.join(fiber)
      expect([error.code, error.reason]).toEqual([50003, "Timeout"])
    }))
})

describe("AblyError detail", () => {
  it.effect("TI: the detail of an error body is kept, bounded, with non-string values dropped", () =>
    Effect.gen(function*() {
      const detail: Record<string, unknown> = { field: "name", limit: 64, nested: { a: 1 }, long: "x".repeat(1_000) }
      for (let index = 0; index < 40; index++) detail[`k${index}`] = `v${index}`
      const { rest } = yield* restWith(
        noFallback,
        () => json(400, { error: { code: 40003, statusCode: 400, message: "Invalid parameter", detail } })
      )
      const error = yield* Effect.flip(rest.time)
      expect(error.code).toBe(40003)
      expect(error.message).toBe("Invalid parameter")
      expect(error.detail?.["field"]).toBe("name")
      expect(error.detail?.["limit"]).toBeUndefined()
      expect(error.detail?.["nested"]).toBeUndefined()
      expect(error.detail?.["long"]?.length).toBeLessThanOrEqual(200)
      expect(Object.keys(error.detail ?? {}).length).toBe(32)
    }))

  it.effect("a detail that is not an object does not lose the code and message", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith(noFallback, () =>
        json(400, { error: { code: 40003, statusCode: 400, message: "Invalid parameter", detail: "oops" } }))
      const error = yield* Effect.flip(rest.time)
      expect([error.code, error.message, error.detail]).toEqual([40003, "Invalid parameter", undefined])
    }))
})

describe("AblyError printed forms (TI5: a help link)", () => {
  it("toString reads like ably-js's ErrorInfo: message, code, statusCode, requestId, detail, cause, href", () => {
    expect(String(Errors.ablyError(40142, 401, "Token expired"))).toBe(
      "AblyError: Token expired (code 40142, statusCode 401, see https://help.ably.io/error/40142)"
    )
    const cause = Errors.ablyError(40142, 401, "Token expired")
    const full = Errors.ablyError(40170, 401, "Error obtaining a token", {
      requestId: "req-1",
      detail: { step: "authUrl" },
      cause
    })
    expect(full.toString()).toBe(
      "AblyError: Error obtaining a token (code 40170, statusCode 401, requestId req-1, detail {\"step\":\"authUrl\"}, " +
        "cause: AblyError: Token expired (code 40142, statusCode 401, see https://help.ably.io/error/40142), " +
        "see https://help.ably.io/error/40170)"
    )
    // Like ErrorInfo: no second link when the message has one.
    expect(String(Errors.ablyError(40000, 400, "See https://help.ably.io/error/40000"))).toBe(
      "AblyError: See https://help.ably.io/error/40000 (code 40000, statusCode 400)"
    )
  })

  it.effect("Cause.pretty of a failed publish shows code, statusCode and the help link", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Effect.provide(failedPublish, WrongSecret))
      const printed = Cause.pretty(Exit.isFailure(exit) ? exit.cause : Cause.empty)
      const lines = printed.split("\n")
      expect(lines[0]).toMatch(/^AblyError: Invalid secret for key \w+\.\w+$/)
      expect(lines[1]).toBe("    code 40101, statusCode 401, see https://help.ably.io/error/40101")
      expect(lines[2]).toMatch(/^ {4}at /)
      expect(failureOf(exit).message).toMatch(/^Invalid secret for key \w+\.\w+$/)
    }))

  it.live("a rejected runPromise and console.log show them too", () =>
    Effect.gen(function*() {
      const rejected = yield* Effect.promise(() =>
        Effect.runPromise(Effect.provide(failedPublish, WrongSecret)).then(() => undefined, (error: unknown) => error)
      )
      expect(rejected).toBeInstanceOf(Error)
      const stack = rejected instanceof Error ? rejected.stack ?? "" : ""
      expect(stack).toContain("code 40101, statusCode 401, see https://help.ably.io/error/40101")
      const error = Errors.ablyError(40009, 400, "Message too large")
      const inspected = inspect(error)
      expect(inspected.split("\n")[0]).toBe(
        "AblyError: Message too large (code 40009, statusCode 400, see https://help.ably.io/error/40009)"
      )
      expect(inspected.split("\n")[1]).toMatch(/^ {4}at /)
    }))

  it("the stack can still be replaced, and printing stays bounded for long server texts", () => {
    const error = Errors.ablyError(50000, 500, "x".repeat(100_000), { detail: { k: "y".repeat(10_000) } })
    expect(error.toString().length).toBeLessThan(2_000)
    expect((error.stack ?? "").split("\n")[1]!.length).toBeLessThan(600)
    error.stack = "replaced"
    expect(error.stack).toBe("replaced")
  })
})
