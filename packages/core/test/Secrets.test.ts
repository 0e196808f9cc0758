import { Rest } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import { fakeHttp, json } from "./utils/FakeHttp.js"
import { restWith } from "./utils/restWith.js"

const secret = "Xy7-known-secret-Q9"
const key = `appid.keyid:${secret}`
const encodedKey = btoa(key)

const leaks = (text: string) => text.includes(secret) || text.includes(encodedKey) || text.includes("the-token-value")

describe("secrets never leak", () => {
  it.effect("errors from failed requests, bad options and transport failures hold no secret", () =>
    Effect.gen(function*() {
      const logs: Array<string> = []
      const logger = Logger.make(({ message, annotations, cause }) => {
        logs.push(JSON.stringify({ message, annotations: [...annotations], cause: Cause.pretty(cause) }))
      })
      const attempts: ReadonlyArray<Effect.Effect<unknown, unknown>> = [
        Effect.flatMap(
          restWith({ key }, () => json(401, { error: { code: 40101, statusCode: 401, message: "nope" } })),
          ({ rest }) => rest.channel("c").publish("n", "d")
        ),
        Effect.flatMap(restWith({ key }, () => "network-error"), ({ rest }) => rest.channel("c").historyPage()),
        Effect.flatMap(restWith({ key, tls: false }, () => json(200, [1])), ({ rest }) => rest.time),
        Effect.flatMap(restWith({ key: `${key}:extra` }, () => json(200, [1])), ({ rest }) => rest.time),
        Effect.flatMap(
          restWith(
            { token: "the-token-value" },
            () => json(401, { error: { code: 40142, statusCode: 401, message: "expired" } })
          ),
          ({ rest }) => rest.channel("c").historyPage()
        )
      ]
      const failures = yield* Effect.all(
        attempts.map((effect) =>
          Effect.exit(Effect.tapErrorCause(effect, (cause) => Effect.logError("request failed", cause)))
        )
      )
        .pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger)), Logger.withMinimumLogLevel(LogLevel.All))
      expect(failures.every(Exit.isFailure)).toBe(true)
      for (const exit of failures) {
        const rendered = [
          Cause.pretty(Exit.isFailure(exit) ? exit.cause : Cause.empty),
          JSON.stringify(exit),
          String(exit)
        ]
        for (const text of rendered) expect(leaks(text)).toBe(false)
      }
      // Five failures, plus the RSA4a1 info line for the token that cannot be renewed.
      expect(logs).toHaveLength(6)
      for (const line of logs) expect(leaks(line)).toBe(false)
    }))

  it.effect("the resolved options print the key name but not the secret", () =>
    Effect.gen(function*() {
      const fake = yield* fakeHttp(() => json(200, [1]))
      const rest = yield* Effect.provide(Rest.Rest, Rest.layer({ key }).pipe(Layer.provide(fake.layer)))
      const printed = `${JSON.stringify(rest.options)} ${String(rest.options.key)}`
      expect(printed).toContain("appid.keyid")
      expect(leaks(printed)).toBe(false)
    }))
})
