/**
 * `POST /apps` as a local Ably sandbox: a harness that knows only the sandbox URL (as
 * ably-js's reads `ABLY_LOCAL_SANDBOX_URL`) provisions ably-common's test app over plain HTTP
 * and builds its clients from the reply alone (where to connect and the keys), with no
 * emulator API in between.
 */
import { Rest } from "@effect-ably/core"
import * as EmulatorServer from "@effect-ably/emulator/server"
import { NodeRest } from "@effect-ably/node"
import { describe, expect, layer } from "@effect/vitest"
import * as Ably from "ably"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { readFileSync } from "node:fs"

const testAppSetup = Schema.decodeUnknownSync(Schema.Struct({ post_apps: Schema.Unknown }))(
  JSON.parse(readFileSync(new URL("../../../../fixtures/ably-common/test-app-setup.json", import.meta.url), "utf8"))
)

// What a sandbox-driven harness reads from the reply, and nothing else.
const SandboxKey = Schema.Struct({
  id: Schema.String,
  value: Schema.String,
  keyName: Schema.String,
  keySecret: Schema.String,
  keyStr: Schema.String,
  capability: Schema.String,
  revocableTokens: Schema.Boolean
})
const SandboxApp = Schema.Struct({
  appId: Schema.String,
  accountId: Schema.String,
  endpoint: Schema.String,
  restHost: Schema.String,
  port: Schema.Number,
  tls: Schema.Boolean,
  keys: Schema.Array(SandboxKey),
  namespaces: Schema.Array(Schema.Struct({ id: Schema.String })),
  channels: Schema.Array(Schema.Struct({ name: Schema.String }))
})

const ErrorInfo = Schema.Struct({ code: Schema.Number, statusCode: Schema.Number })

const provision = (sandboxUrl: string) =>
  Effect.promise(async () => {
    const response = await fetch(`${sandboxUrl}/apps`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(testAppSetup.post_apps)
    })
    return { status: response.status, body: Schema.decodeUnknownSync(SandboxApp)(await response.json()) }
  })

layer(EmulatorServer.layerServer({ port: 0 }), { timeout: "30 seconds", excludeTestServices: true })(
  "POST /apps as a local Ably sandbox",
  (it) => {
    it.scoped("G2 - the reply says where to connect and holds full key objects", () =>
      Effect.gen(function*() {
        const { port, url } = yield* EmulatorServer.EmulatorAddress
        const { body: app, status } = yield* provision(url)
        expect(status).toBe(201)
        expect({ endpoint: app.endpoint, restHost: app.restHost, port: app.port, tls: app.tls }).toEqual({
          endpoint: "127.0.0.1",
          restHost: "127.0.0.1",
          port,
          tls: false
        })
        expect(app.keys).toHaveLength(6)
        expect(app.namespaces).toHaveLength(3)
        for (const key of app.keys) {
          // ably-go and ably-python build `appId.id:value`; ably-js reads keyStr.
          expect(`${app.appId}.${key.id}:${key.value}`).toBe(key.keyStr)
          expect(key.keyName).toBe(`${app.appId}.${key.id}`)
          expect(key.keySecret).toBe(key.value)
        }
        expect(app.keys.map((key) => key.revocableTokens)).toEqual([false, false, false, false, true, false])
        expect(app.keys[3]!.capability).toBe("{\"*\":[\"subscribe\"]}")
        expect(JSON.parse(app.keys[2]!.capability)).toMatchObject({ channel2: ["publish", "subscribe"] })
      }))

    describe.each([false, true])("useBinaryProtocol: %s", (useBinaryProtocol) => {
      it.scoped("ably-js and our client, built from the reply alone: publish, history, a restricted key refused", () =>
        Effect.gen(function*() {
          const { url } = yield* EmulatorServer.EmulatorAddress
          const { body: app } = yield* provision(url)
          const where = { endpoint: app.endpoint, port: app.port, tls: app.tls, useBinaryProtocol }
          const official = new Ably.Rest({ key: app.keys[0]!.keyStr, ...where, fallbackHosts: [], logLevel: 0 })
          const ours = Context.get(
            yield* Layer.build(NodeRest.layer({ key: app.keys[0]!.keyStr, ...where })),
            Rest.Rest
          )
          const name = `sandbox:${useBinaryProtocol}`
          yield* Effect.promise(() => official.channels.get(name).publish("from-ably-js", "a"))
          yield* ours.channel(name).publish("from-effect", "b")
          const theirs = yield* Effect.promise(() => official.channels.get(name).history({ direction: "forwards" }))
          expect(theirs.items.map((m) => [m.name, m.data])).toEqual([["from-ably-js", "a"], ["from-effect", "b"]])
          const mine = Chunk.toReadonlyArray(
            yield* Stream.runCollect(ours.channel(name).history({ direction: "forwards" }))
          )
          expect(mine.map((m) => m.id)).toEqual(theirs.items.map((m) => m.id))

          // Key 3 may only subscribe: publishing is refused with 40160 to both clients.
          const subscribeOnly = { key: app.keys[3]!.keyStr, ...where }
          const officialError = yield* Effect.flip(
            Effect.tryPromise(() =>
              new Ably.Rest({ ...subscribeOnly, fallbackHosts: [], logLevel: 0 }).channels.get(name).publish("n", "d")
            )
          )
          expect(Schema.decodeUnknownSync(ErrorInfo)(officialError.error)).toMatchObject({
            code: 40160,
            statusCode: 401
          })
          const restricted = Context.get(yield* Layer.build(NodeRest.layer(subscribeOnly)), Rest.Rest)
          const ourError = yield* Effect.flip(restricted.channel(name).publish("n", "d"))
          expect([ourError.code, ourError.statusCode]).toEqual([40160, 401])
        }))
    })
  }
)
