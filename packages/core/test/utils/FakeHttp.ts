import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Codec from "../../src/internal/http/Codec.js"

/** What the fake transport saw: enough to assert on the wire. */
export interface Seen {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array | undefined
}

export type Reply = Response | "network-error" | "hang"

/** A scripted HttpClient: `reply` answers each request; every request is recorded. */
export const fakeHttp = (reply: (seen: Seen, index: number) => Reply) =>
  Effect.gen(function*() {
    const seen = yield* Ref.make<ReadonlyArray<Seen>>([])
    const client = HttpClient.make((request: HttpClientRequest.HttpClientRequest, url) =>
      Effect.gen(function*() {
        const body = request.body._tag === "Uint8Array" ? request.body.body : undefined
        const entry: Seen = { method: request.method, url, headers: request.headers, body }
        const index = (yield* Ref.getAndUpdate(seen, (all) => [...all, entry])).length
        const answer = reply(entry, index)
        if (answer === "hang") return yield* Effect.never
        if (answer === "network-error") {
          return yield* Effect.fail(
            new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("ECONNREFUSED") })
          )
        }
        return HttpClientResponse.fromWeb(request, answer)
      })
    )
    return { seen, layer: Layer.succeed(HttpClient.HttpClient, client) }
  })

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers }
  })

export const msgpack = (status: number, body: unknown) =>
  new Response(Either.getOrThrow(Codec.encode("msgpack", body)).slice(), {
    status,
    headers: { "content-type": "application/x-msgpack" }
  })
