/**
 * The floor of an Effect-native client: raw undici's calls and JSON work, each inside
 * `Effect.tryPromise`, one `Effect.runPromise` per operation (as an SDK user runs them).
 */
import * as Effect from "effect/Effect"
import { randomBytes } from "node:crypto"
import { Agent, request } from "undici"
import { type BenchClient, key, nextUrl, payload, publishChannel, type Target } from "../Client.js"

class HttpFailure {
  readonly _tag = "HttpFailure"
  constructor(readonly cause: unknown) {}
}

export const make = (target: Target): BenchClient => {
  const dispatcher = new Agent()
  const headers = {
    authorization: `Basic ${Buffer.from(key).toString("base64")}`,
    accept: "application/json",
    "x-ably-version": "5"
  }
  const postHeaders = { ...headers, "content-type": "application/json" }
  const call = (url: string, method: "GET" | "POST", body?: string) =>
    Effect.gen(function*() {
      const response = yield* Effect.tryPromise({
        // No abort signal: the floor adds nothing (an AbortController per request) it does not need.
        try: () => request(url, { method, dispatcher, headers: body === undefined ? headers : postHeaders, body }),
        catch: (cause) => new HttpFailure(cause)
      })
      const text = yield* Effect.tryPromise({ try: () => response.body.text(), catch: (c) => new HttpFailure(c) })
      if (response.statusCode >= 300) return yield* Effect.fail(new HttpFailure(`${response.statusCode} ${text}`))
      const json = yield* Effect.try({ try: () => JSON.parse(text) as unknown, catch: (c) => new HttpFailure(c) })
      return { json, link: response.headers.link }
    })
  const publishUrl = `${target.origin}/channels/${encodeURIComponent(publishChannel)}/messages`
  const pages = (first: string, onItems: (n: number) => void) =>
    Effect.runPromise(Effect.gen(function*() {
      let url: string | undefined = first
      while (url !== undefined) {
        const page = yield* call(url, "GET")
        onItems(Array.isArray(page.json) ? page.json.length : 0)
        url = nextUrl(page.link, url)
      }
    }))
  return {
    publish: (i) =>
      Effect.runPromise(Effect.asVoid(Effect.suspend(() => {
        const id = `${randomBytes(9).toString("base64")}:0`
        return call(publishUrl, "POST", JSON.stringify([{ id, name: "bench", data: payload(i) }]))
      }))),
    history: (channel, limit, onItems) =>
      pages(`${target.origin}/channels/${encodeURIComponent(channel)}/messages?limit=${limit}`, onItems),
    list: (prefix, onItems) =>
      pages(`${target.origin}/channels?limit=1000&by=id${prefix === undefined ? "" : `&prefix=${prefix}`}`, onItems),
    time: () => Effect.runPromise(Effect.asVoid(call(`${target.origin}/time`, "GET"))),
    close: () => dispatcher.close()
  }
}
