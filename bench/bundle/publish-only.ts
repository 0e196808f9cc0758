// (b) An app that only publishes with effect-ably in a browser.
import { BrowserRest } from "@effect-ably/browser"
import { Rest } from "@effect-ably/core"
import * as Effect from "effect/Effect"

const program = Effect.flatMap(Rest.Rest, (rest) => rest.channel("demo").publish("greeting", "hello"))

Effect.runPromise(program.pipe(Effect.provide(BrowserRest.layer({ token: "a-token" })))).then(console.log)
