/**
 * The JSON changes that stay silent (NaN and Infinity → null, dropped `undefined` and functions,
 * Dates → ISO text, `toJSON` results…) are the same as ably-js 2.28's: both clients publish the
 * same values to the loopback emulator, in JSON and msgpack, and what the emulator stored is
 * compared. Values both refuse are refused with the same code.
 */
import * as Emulator from "@effect-ably/emulator"
import * as EmulatorServer from "@effect-ably/emulator/server"
import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { bothClients } from "../integration/bothClients.js"
import { outcome } from "./outcome.js"

class Order {
  readonly id = 42
  readonly note: string | undefined = undefined
}

// Values both clients accept as message data, each changed by JSON in some silent way.
const accepted: ReadonlyArray<readonly [string, () => unknown]> = [
  [
    "NaN, Infinity, -0 and undefined fields",
    () => ({ n: Number.NaN, i: Number.NEGATIVE_INFINITY, z: -0, u: undefined, keep: 1 })
  ],
  ["a Date inside", () => ({ at: new Date(0) })],
  ["functions and symbols inside", () => ({ f: () => 1, s: Symbol("s"), keep: true })],
  ["undefined, functions and NaN in an array", () => [undefined, () => 1, Number.NaN, null, 1]],
  ["a class instance", () => new Order()],
  ["a null-prototype object", () => Object.assign(Object.create(null), { a: 1 })],
  ["a toJSON inside", () => ({ inner: { toJSON: () => ({ replaced: true }) } })],
  ["a Map and a Set inside", () => ({ m: new Map([["a", 1]]), s: new Set([1]) })],
  ["a lone surrogate in a string", () => "a\uD800b"],
  ["a lone surrogate inside JSON", () => ({ text: "x\uDC00y" })],
  ["an Int16Array", () => new Int16Array([1, -1, 256])],
  ["an empty object", () => ({})],
  ["an empty array", () => []]
]

const acceptedExtras: ReadonlyArray<readonly [string, () => Record<string, unknown>]> = [
  [
    "headers with NaN, a Date and undefined",
    () => ({ headers: { n: Number.NaN, d: new Date(0), u: undefined, k: "v" } })
  ],
  ["headers with a function", () => ({ headers: { f: () => 1, k: "v" } })]
]

// Values both refuse (RSL4a): the same code.
const refused: ReadonlyArray<readonly [string, () => unknown]> = [
  ["a number", () => 5],
  ["a boolean", () => true],
  ["a Date", () => new Date(0)],
  ["a Map", () => new Map()],
  ["a function", () => () => 1],
  ["a boxed string", () => new String("s")]
]

const ErrorInfo = Schema.Struct({ code: Schema.Number })

const stored = (emulator: Emulator.Emulator["Type"], appId: string, channel: string) =>
  Effect.map(emulator.messages(appId, channel), (messages) =>
    messages.map((message) => ({
      name: message.name,
      data: message.data instanceof Uint8Array ? Array.from(message.data) : message.data,
      encoding: message.encoding,
      extras: message.extras
    })))

layer(EmulatorServer.layerServer({ port: 0 }), { timeout: "60 seconds", excludeTestServices: true })(
  "silent JSON changes: ours and ably-js 2.28 store the same",
  (it) => {
    describe.each([false, true])("useBinaryProtocol: %s", (useBinaryProtocol) => {
      it.scoped("RSL4 - accepted data and extras are stored identically", () =>
        Effect.gen(function*() {
          const { app, emulator, official, ours } = yield* bothClients(useBinaryProtocol)
          for (const [label, value] of accepted) {
            yield* Effect.promise(() => official.channels.get("theirs").publish(label, value()))
            yield* ours.channel("ours").publish(label, value())
          }
          for (const [label, extras] of acceptedExtras) {
            yield* Effect.promise(() =>
              official.channels.get("theirs").publish({ name: label, data: "d", extras: extras() })
            )
            yield* ours.channel("ours").publish({ name: label, data: "d", extras: extras() })
          }
          const theirs = yield* stored(emulator, app.appId, "theirs")
          const mine = yield* stored(emulator, app.appId, "ours")
          expect(mine).toHaveLength(accepted.length + acceptedExtras.length)
          // Two known differences, msgpack only: a lone surrogate in a string survives (as it does
          // in JSON) where ably-js's arrives as U+FFFD, and NaN in extras becomes null (extras
          // travel as their JSON, as in the JSON protocol) where ably-js keeps a msgpack NaN.
          const differs = useBinaryProtocol
            ? new Set(["a lone surrogate in a string", "headers with NaN, a Date and undefined"])
            : new Set()
          expect(mine.filter((message) => !differs.has(message.name))).toEqual(
            theirs.filter((message) => !differs.has(message.name))
          )
          if (useBinaryProtocol) {
            const lone = (list: typeof mine) =>
              Array.from(
                String(list.find((message) => message.name === "a lone surrogate in a string")!.data),
                (c) => c.codePointAt(0)
              )
            expect([lone(mine), lone(theirs)]).toEqual([[97, 0xd800, 98], [97, 0xfffd, 98]])
            expect(mine.find((message) => message.name === "headers with NaN, a Date and undefined")!.extras).toEqual({
              headers: { n: null, d: "1970-01-01T00:00:00.000Z", k: "v" }
            })
          }
          // The changes themselves, so that the README's list is pinned.
          expect(mine[0]!.data).toBe("{\"n\":null,\"i\":null,\"z\":0,\"keep\":1}")
          expect(mine[1]!.data).toBe("{\"at\":\"1970-01-01T00:00:00.000Z\"}")
          expect(mine[2]!.data).toBe("{\"keep\":true}")
          expect(mine[3]!.data).toBe("[null,null,null,null,1]")
          expect(mine[7]!.data).toBe("{\"m\":{},\"s\":{}}")
        }))

      it.scoped("RSL4a - data both refuse is refused with the same code", () =>
        Effect.gen(function*() {
          const { app, emulator, official, ours } = yield* bothClients(useBinaryProtocol)
          for (const [label, value] of refused) {
            const theirs = yield* Effect.flip(
              Effect.tryPromise(() => official.channels.get("refused").publish(label, value()))
            )
            const mine = yield* outcome(() => ours.channel("refused").publish(label, value()))
            expect([label, mine]).toEqual([label, Schema.decodeUnknownSync(ErrorInfo)(theirs.error).code])
          }
          // The first argument: not a name, a message or an array of messages.
          const theirs = yield* Effect.flip(
            Effect.tryPromise(() => official.channels.get("refused").publish(5 as never))
          )
          expect(yield* outcome(() => ours.channel("refused").publish(5 as never))).toBe(
            Schema.decodeUnknownSync(ErrorInfo)(theirs.error).code
          )
          expect(yield* emulator.messages(app.appId, "refused")).toEqual([])
        }))

      it.scoped("where ably-js stores empty messages (publish([1, 2]), publish([null])), we refuse with 40013", () =>
        Effect.gen(function*() {
          const { app, emulator, official, ours } = yield* bothClients(useBinaryProtocol)
          yield* Effect.promise(() => official.channels.get("theirs").publish([1, 2] as never))
          expect(yield* stored(emulator, app.appId, "theirs")).toEqual([
            { name: undefined, data: undefined, encoding: undefined, extras: undefined },
            { name: undefined, data: undefined, encoding: undefined, extras: undefined }
          ])
          expect(yield* outcome(() => ours.channel("ours").publish([1, 2] as never))).toBe(40013)
          expect(yield* outcome(() => ours.channel("ours").publish([null] as never))).toBe(40013)
          expect(yield* emulator.messages(app.appId, "ours")).toEqual([])
        }))
    })
  }
)
