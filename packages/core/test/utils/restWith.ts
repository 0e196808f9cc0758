import { type ClientOptions, Rest } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { fakeHttp, type Reply, type Seen } from "./FakeHttp.js"

/** A `Rest` client over a scripted transport, plus what the transport saw. */
export const restWith = (options: ClientOptions.ClientOptionsInput, reply: (seen: Seen, index: number) => Reply) =>
  Effect.gen(function*() {
    const fake = yield* fakeHttp(reply)
    const rest = yield* Effect.provide(Rest.Rest, Rest.layer(options).pipe(Layer.provide(fake.layer)))
    return { rest, seen: fake.seen }
  })

export const testKey = "appid.keyid:s3cr3t-do-not-leak"
