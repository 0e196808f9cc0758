// (c) The same publish + history by hand with Effect alone: FetchHttpClient, a Schema for the
// messages, Stream.paginateEffect over Link headers. What any Effect app already pays.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

const Message = Schema.Struct({
  id: Schema.optional(Schema.String),
  name: Schema.optional(Schema.String),
  data: Schema.optional(Schema.Unknown),
  timestamp: Schema.optional(Schema.Number)
})
const base = "https://main.realtime.ably.net"
const next = (link: string | undefined) => Option.fromNullable(/<\.\/([^>]*)>;\s*rel="next"/.exec(link ?? "")?.[1])

const program = Effect.gen(function*() {
  const client = (yield* HttpClient.HttpClient).pipe(
    HttpClient.mapRequest(HttpClientRequest.bearerToken("a-token")),
    HttpClient.filterStatusOk
  )
  yield* client.execute(
    HttpClientRequest.post(`${base}/channels/demo/messages`).pipe(
      HttpClientRequest.bodyUnsafeJson({ name: "greeting", data: "hello" })
    )
  )
  return yield* Stream.paginateEffect(
    `${base}/channels/demo/messages?limit=10`,
    (url) =>
      Effect.flatMap(
        client.get(url),
        (response) =>
          Effect.map(HttpClientResponse.schemaBodyJson(Schema.Array(Message))(response), (page) =>
            [
              page,
              Option.map(next(response.headers["link"]), (path) => `${base}/channels/demo/${path}`)
            ] as const)
      )
  ).pipe(Stream.flattenIterables, Stream.take(10), Stream.runCollect)
})

Effect.runPromise(program.pipe(Effect.provide(FetchHttpClient.layer))).then(console.log)
