import { Errors, Rest } from "@effect-ably/core"
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { Emulator, EmulatorApp, layerRest } from "../src/index.js"

const contentTypeOfTime = Effect.flatMap(Rest.Rest, (rest) => rest.request("GET", "/time")).pipe(
  Effect.map((response) => response.headers["content-type"])
)

describe("layerRest", () => {
  it.effect("a Rest client on a fresh app: what it publishes is in the emulator and in history", () =>
    Effect.gen(function*() {
      const rest = yield* Rest.Rest
      const app = yield* EmulatorApp
      const emulator = yield* Emulator
      const channel = rest.channels.get("orders")
      yield* channel.publish("created", { id: 42 })
      const stored = yield* emulator.messages(app.appId, "orders")
      expect(stored.map((message) => message.name)).toEqual(["created"])
      const history = yield* channel.history().pipe(Stream.runCollect)
      expect(Chunk.toReadonlyArray(history).map((message) => message.data)).toEqual([{ id: 42 }])
      expect(yield* rest.auth.method).toBe("basic")
      expect(app.keys.map((key) => key.capability)).toEqual(["{\"*\":[\"*\"]}"])
      // msgpack by default, as the client's default says.
      expect(yield* contentTypeOfTime).toBe("application/x-msgpack")
    }).pipe(Effect.provide(layerRest())))

  it.effect("every build is a fresh emulator and a fresh app", () =>
    Effect.gen(function*() {
      const first = yield* Effect.provide(EmulatorApp, layerRest())
      const second = yield* Effect.provide(EmulatorApp, layerRest())
      expect(first.appId).not.toBe(second.appId)
      // The second emulator does not know the first app.
      const lookup = yield* Effect.provide(
        Effect.flatMap(Emulator, (emulator) => Effect.either(emulator.app(first.appId))),
        layerRest()
      )
      expect(Either.isLeft(lookup)).toBe(true)
    }))

  it.effect("capability: a subscribe + history key cannot publish (40160) but reads history", () =>
    Effect.gen(function*() {
      const channel = (yield* Rest.Rest).channels.get("news")
      const failure = yield* Effect.flip(channel.publish("headline", "hi"))
      expect(Errors.isAblyError(failure) && failure.code).toBe(40160)
      expect(Chunk.size(yield* channel.history().pipe(Stream.runCollect))).toBe(0)
      expect((yield* EmulatorApp).keys[0]?.capability).toBe("{\"*\":[\"history\",\"subscribe\"]}") // canonical
    }).pipe(Effect.provide(layerRest({ capability: { "*": ["subscribe", "history"] } }))))

  it.effect("client options pass through: JSON protocol and a clientId", () =>
    Effect.gen(function*() {
      const rest = yield* Rest.Rest
      expect(yield* contentTypeOfTime).toBe("application/json")
      yield* rest.channels.get("room").publish("hello", "world")
      const [stored] = yield* Effect.flatMap(Emulator, (emulator) =>
        Effect.flatMap(EmulatorApp, (app) => emulator.messages(app.appId, "room")))
      expect(stored?.clientId).toBe("alice")
    }).pipe(Effect.provide(layerRest({ useBinaryProtocol: false, clientId: "alice" }))))

  it.effect("auth: \"token\": the client never holds the key; it gets emulator-issued tokens with its clientId", () =>
    Effect.gen(function*() {
      const rest = yield* Rest.Rest
      const app = yield* EmulatorApp
      expect(yield* rest.auth.method).toBe("token")
      expect(rest.options.key).toEqual(Option.none())
      yield* rest.channels.get("room").publish("hello", "world")
      const tokens = yield* Effect.flatMap(Emulator, (emulator) => emulator.tokens(app.appId))
      expect(tokens.length).toBe(1)
      expect(tokens[0]?.clientId).toBe("bob")
      const [stored] = yield* Effect.flatMap(Emulator, (emulator) => emulator.messages(app.appId, "room"))
      expect(stored?.clientId).toBe("bob")
    }).pipe(Effect.provide(layerRest({ auth: "token", clientId: "bob" }))))

  it.effect("app: a spec of its own (namespaces, presence fixtures); the client uses its first key", () =>
    Effect.gen(function*() {
      const rest = yield* Rest.Rest
      const app = yield* EmulatorApp
      expect(app.namespaces.map((namespace) => namespace.id)).toEqual(["persisted"])
      const members = yield* rest.channels.get("lobby").presence.get().pipe(Stream.runCollect)
      expect(Chunk.toReadonlyArray(members).map((member) => member.clientId)).toEqual(["carol"])
    }).pipe(Effect.provide(layerRest({
      app: {
        keys: [{}],
        namespaces: [{ id: "persisted", persisted: true }],
        channels: [{ name: "lobby", presence: [{ clientId: "carol" }] }]
      }
    }))))

  it.effect("a bad capability fails the layer with an AblyError (400)", () =>
    Effect.gen(function*() {
      const failure = yield* Effect.flip(Layer.build(layerRest({ capability: "not json" })).pipe(Effect.scoped))
      expect(failure.statusCode).toBe(400)
    }))
})
