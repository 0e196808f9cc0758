// (a') app (a) with module-by-module imports of effect-ably.
import * as BrowserRest from "@effect-ably/browser/BrowserRest"
import * as Rest from "@effect-ably/core/Rest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

const program = Effect.gen(function*() {
  const channel = (yield* Rest.Rest).channel("demo")
  yield* channel.publish("greeting", "hello")
  return yield* channel.history({ limit: 10 }).pipe(Stream.take(10), Stream.runCollect)
})

Effect.runPromise(program.pipe(Effect.provide(BrowserRest.layer({ token: "a-token" })))).then(console.log)
