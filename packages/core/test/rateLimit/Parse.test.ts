import { Errors, RateLimit } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { messageFacts, retryAfterFacts } from "../../src/internal/rateLimit/Parse.js"
import { json } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"

const faq =
  "Rate limit exceeded; request rejected (nonfatal); metric = channel.maxRate; interval = 2018-01-05:10:10:3; permitted rate = 5000; current rate = 5015; scope = channel:[appId]:[channel]"

const detailsOf = (code: number, message: string, statusCode = 429) =>
  RateLimit.details(Errors.ablyError(code, statusCode, message))

describe("rate-limit messages (42910, 42911, 42922, account-wide)", () => {
  it("42910, Ably's FAQ text with '; ': metric, interval, permitted and current rate, scope", () => {
    expect(detailsOf(42910, faq)).toEqual(Option.some({
      metric: "channel.maxRate",
      interval: "2018-01-05:10:10:3",
      permittedRate: 5000,
      currentRate: 5015,
      scope: "channel:[appId]:[channel]"
    }))
  })

  it("';\\n' separators, a fractional current rate and the ' (status: 429, code: 42910)' suffix", () => {
    const message = faq.replaceAll("; ", ";\n").replace("current rate = 5015", "current rate = 62.4") +
      " (status: 429, code: 42910)"
    expect(detailsOf(42910, message)).toEqual(Option.some({
      metric: "channel.maxRate",
      interval: "2018-01-05:10:10:3",
      permittedRate: 5000,
      currentRate: 62.4,
      scope: "channel:[appId]:[channel]"
    }))
  })

  it("newlines alone (and CRLF) separate too", () => {
    const message = "Rate limit exceeded\r\nmetric = channel.maxRate\npermitted rate = 50\ncurrent rate = 51"
    expect(detailsOf(42910, message)).toEqual(
      Option.some({ metric: "channel.maxRate", permittedRate: 50, currentRate: 51 })
    )
  })

  it("an account-wide message without a metric parses nothing and is still a rate limit", () => {
    const error = Errors.ablyError(42910, 429, "Maximum account-wide instantaneous messages rate exceeded")
    expect(error.reason).toBe("RateLimit")
    expect(RateLimit.details(error)).toEqual(Option.some({}))
  })

  it("an account-wide message with a metric", () => {
    expect(detailsOf(42910, "Maximum account-wide instantaneous rate limit exceeded; metric = messages.maxRate"))
      .toEqual(Option.some({ metric: "messages.maxRate" }))
  })

  it("an hourly limit: apiRequests.maxRate over an hour, scoped to the account", () => {
    const message =
      "Rate limit exceeded; request rejected (nonfatal); metric = apiRequests.maxRate; interval = 2020-01-01:10; permitted rate = 1000; current rate = 1002.5; scope = account:xxx"
    expect(detailsOf(42910, message)).toEqual(Option.some({
      metric: "apiRequests.maxRate",
      interval: "2020-01-01:10",
      permittedRate: 1000,
      currentRate: 1002.5,
      scope: "account:xxx"
    }))
  })

  it("42911 (publish rate), 42912 (enumeration), 42922 (too many requests) and a bare HTTP 429 are rate limits", () => {
    for (const [code, status] of [[42911, 429], [42912, 429], [42922, 429], [40000, 429], [42910, 400]] as const) {
      const error = Errors.ablyError(code, status, "Too many")
      expect(error.reason).toBe("RateLimit")
      expect(RateLimit.isRateLimitError(error)).toBe(true)
      expect(Option.isSome(RateLimit.details(error))).toBe(true)
    }
    expect(detailsOf(42911, "Rate limit exceeded; metric = connection.maxPublishRate; permitted rate = 50"))
      .toEqual(Option.some({ metric: "connection.maxPublishRate", permittedRate: 50 }))
  })

  it("any other error has no rate-limit details", () => {
    expect(RateLimit.details(Errors.ablyError(40000, 400, "metric = channel.maxRate"))).toEqual(Option.none())
    expect(RateLimit.isRateLimitError(new Error("42910"))).toBe(false)
  })

  it("rates that are not finite non-negative numbers are left out; the first value of a name wins", () => {
    const message =
      "permitted rate = Infinity; current rate = 1e999; metric = a; metric = b; scope = ; interval = -; permitted rate = 7"
    expect(detailsOf(42910, message)).toEqual(Option.some({ metric: "a", interval: "-" }))
    expect(detailsOf(42910, "permitted rate = -5; current rate = NaN; current rate = 3")).toEqual(Option.some({}))
    expect(detailsOf(42910, "permitted rate = 0x10; current rate =  ")).toEqual(Option.some({ permittedRate: 16 }))
  })

  it("hostile input: a megabyte of separators and '=' costs linear time and reads only the first 2048 characters", () => {
    const started = performance.now()
    const facts = messageFacts("metric =".repeat(150_000) + ";".repeat(500_000) + "=".repeat(500_000))
    expect(performance.now() - started).toBeLessThan(500)
    expect(Object.keys(facts)).toEqual(["metric"])
    expect(messageFacts("x".repeat(3000) + "; metric = late")).toEqual({})
  })

  it("Retry-After: delay seconds, an HTTP date against the Date header, a date alone, junk", () => {
    expect(retryAfterFacts(" 3 ", undefined)).toEqual({ retryAfterMillis: "3000" })
    expect(retryAfterFacts("Wed, 21 Oct 2026 07:28:05 GMT", "Wed, 21 Oct 2026 07:28:00 GMT"))
      .toEqual({ retryAfterMillis: "5000" })
    expect(retryAfterFacts("Wed, 21 Oct 2026 07:28:00 GMT", "Wed, 21 Oct 2026 07:29:00 GMT"))
      .toEqual({ retryAfterMillis: "0" })
    expect(retryAfterFacts("Wed, 21 Oct 2026 07:28:05 GMT", undefined)).toEqual({
      retryAt: String(Date.parse("Wed, 21 Oct 2026 07:28:05 GMT"))
    })
    expect(retryAfterFacts("soon", undefined)).toEqual({})
    expect(retryAfterFacts("1".repeat(10), undefined)).toEqual({})
    expect(retryAfterFacts("-1", undefined)).toEqual({})
  })
})

describe("a 429 answer from the server", () => {
  const noFallback = { key: testKey, fallbackHosts: [] }

  it.effect("RSC15: the body's message facts and Retry-After land in detail; Ably's own detail wins", () =>
    Effect.gen(function*() {
      const body = {
        error: { code: 42910, statusCode: 429, message: faq, detail: { scope: "from-ably", other: "x" } }
      }
      const { rest } = yield* restWith(noFallback, () => json(429, body, { "retry-after": "2" }))
      const error = yield* Effect.flip(rest.channel("c").publish("n", "d"))
      expect(error.code).toBe(42910)
      expect(error.reason).toBe("RateLimit")
      expect(error.detail).toEqual({
        metric: "channel.maxRate",
        interval: "2018-01-05:10:10:3",
        permittedRate: "5000",
        currentRate: "5015",
        scope: "from-ably",
        other: "x",
        retryAfterMillis: "2000"
      })
      expect(RateLimit.details(error)).toEqual(Option.some({
        metric: "channel.maxRate",
        interval: "2018-01-05:10:10:3",
        permittedRate: 5000,
        currentRate: 5015,
        scope: "from-ably",
        retryAfterMillis: 2000
      }))
    }))

  it.effect("a 429 without a body, only headers: still RateLimit, with the Retry-After hint", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith(noFallback, () =>
        new Response(null, {
          status: 429,
          headers: {
            "x-ably-errorcode": "42922",
            "retry-after": "Wed, 21 Oct 2026 07:28:01 GMT",
            date: "Wed, 21 Oct 2026 07:28:00 GMT"
          }
        }))
      const error = yield* Effect.flip(rest.time)
      expect([error.code, error.statusCode, error.reason]).toEqual([42922, 429, "RateLimit"])
      expect(RateLimit.details(error)).toEqual(Option.some({ retryAfterMillis: 1000 }))
    }))

  it.effect("other error answers keep their detail untouched (no parsing)", () =>
    Effect.gen(function*() {
      const body = { error: { code: 40000, statusCode: 400, message: "metric = channel.maxRate" } }
      const { rest } = yield* restWith(noFallback, () => json(400, body, { "retry-after": "2" }))
      const error = yield* Effect.flip(rest.time)
      expect(error.detail).toBeUndefined()
    }))
})
