/**
 * Interop with the official `ably` client (2.28.0) over the loopback emulator: encrypted,
 * binary and JSON payloads written by one are read back identically by the other, over JSON
 * and MessagePack, with 128- and 256-bit keys.
 */
import { Crypto, Message, Rest } from "@effect-ably/core"
import * as EmulatorServer from "@effect-ably/emulator/server"
import { describe, expect, layer } from "@effect/vitest"
import * as Ably from "ably"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { bothClients } from "./bothClients.js"

const bytes = new Uint8Array([0, 1, 2, 3, 127, 128, 250, 255])
const json = { order: { id: 42, items: ["a", "b"], ok: true, price: 1.5, none: null } }
const list = [1, "two", { three: [3] }]
const text = "héllo, wörld ✓"

/** ably-js gives Node `Buffer`s for binary data; compare as plain bytes. */
const plain = (data: unknown): unknown => (data instanceof Uint8Array ? new Uint8Array(data) : data)

const readOurs = (ours: Rest.Service, channel: string, cipher?: Crypto.CipherParamOptions) =>
  Effect.map(
    Stream.runCollect(ours.channels.get(channel, { cipher }).history({ direction: "forwards" })),
    Chunk.toReadonlyArray
  )

const keys = {
  128: Encoding.encodeBase64(new Uint8Array(16).map((_, i) => i * 11)),
  256: Encoding.encodeBase64(new Uint8Array(32).map((_, i) => 255 - i * 3))
} as const

// The server runs on the live clock, like a real Ably would.
layer(EmulatorServer.layerServer({ port: 0 }), { timeout: "30 seconds", excludeTestServices: true })(
  "encoding interop with the official ably client",
  (it) => {
    describe.each([true, false])("useBinaryProtocol: %s", (useBinaryProtocol) => {
      it.scoped("RSL4/RSL6 - binary and JSON from ably-js read back identically by our SDK", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          yield* Effect.promise(() =>
            official.channels.get("interop:from-ably-js").publish([
              { name: "bin", data: Buffer.from(bytes) },
              { name: "json", data: json },
              { name: "list", data: list },
              { name: "text", data: text },
              { name: "empty-bin", data: Buffer.alloc(0) }
            ])
          )
          const read = yield* readOurs(ours, "interop:from-ably-js")
          expect(read.map((m) => m.data)).toEqual([bytes, json, list, text, new Uint8Array(0)])
          expect(read[0]!.data).toBeInstanceOf(Uint8Array)
          expect(read.every((m) => m.encoding === undefined)).toBe(true)
        }))

      it.scoped("RSL4/RSL6 - binary and JSON from our SDK read back identically by ably-js", () =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          yield* ours.channel("interop:from-effect").publish([
            { name: "bin", data: bytes },
            { name: "json", data: json },
            { name: "list", data: list },
            { name: "text", data: text }
          ])
          const page = yield* Effect.promise(() =>
            official.channels.get("interop:from-effect").history({ direction: "forwards" })
          )
          expect(page.items.map((m) => plain(m.data))).toEqual([bytes, json, list, text])
          expect(page.items.every((m) => !m.encoding)).toBe(true)
        }))

      describe.each([128, 256] as const)("aes-%i-cbc", (keyLength) => {
        const key = keys[keyLength]

        it.scoped("RSL5 - encrypted by our SDK, decrypted by ably-js (Rest channel with the same key)", () =>
          Effect.gen(function*() {
            const { official, ours } = yield* bothClients(useBinaryProtocol)
            const name = `interop:ours-encrypted-${keyLength}`
            yield* ours.channels.get(name, { cipher: { key } }).publish([
              { name: "text", data: text },
              { name: "json", data: json },
              { name: "bin", data: bytes },
              { name: "list", data: list }
            ])
            const channel = official.channels.get(name, { cipher: { key } })
            const page = yield* Effect.promise(() => channel.history({ direction: "forwards" }))
            expect(page.items.map((m) => plain(m.data))).toEqual([text, json, bytes, list])
            // Without the key ably-js keeps the ciphertext and the residual encoding, like we do.
            const locked = yield* Effect.promise(() =>
              official.channels.get(`${name}`, {}).history({ direction: "forwards" })
            )
            expect(locked.items[0]!.encoding).toBe(`utf-8/cipher+aes-${keyLength}-cbc`)
          }))

        it.scoped("RSL5 - encrypted by ably-js, decrypted by our SDK", () =>
          Effect.gen(function*() {
            const { official, ours } = yield* bothClients(useBinaryProtocol)
            const name = `interop:ably-js-encrypted-${keyLength}`
            yield* Effect.promise(() =>
              official.channels.get(name, { cipher: { key } }).publish([
                { name: "text", data: text },
                { name: "json", data: json },
                { name: "bin", data: Buffer.from(bytes) },
                { name: "list", data: list }
              ])
            )
            const read = yield* readOurs(ours, name, { key })
            expect(read.map((m) => m.data)).toEqual([text, json, bytes, list])
            expect(read.every((m) => m.encoding === undefined)).toBe(true)
            // Without the key we keep the ciphertext and the residual encoding (RSL6b).
            // Each undecryptable message is logged as a 40013 warning; quiet here.
            const locked = yield* readOurs(ours, name).pipe(Logger.withMinimumLogLevel(LogLevel.Error))
            expect(locked.map((m) => m.encoding)).toEqual([
              `utf-8/cipher+aes-${keyLength}-cbc`,
              `json/utf-8/cipher+aes-${keyLength}-cbc`,
              `cipher+aes-${keyLength}-cbc`,
              `json/utf-8/cipher+aes-${keyLength}-cbc`
            ])
            expect(locked.every((m) => m.data instanceof Uint8Array)).toBe(true)
          }))

        it.scoped("keys generated on either side work on the other (raw bytes and base64url)", () =>
          Effect.gen(function*() {
            const { official, ours } = yield* bothClients(useBinaryProtocol)
            const theirs = new Uint8Array(yield* Effect.promise(() => Ably.Rest.Crypto.generateRandomKey(keyLength)))
            const mine = yield* Crypto.generateRandomKey(keyLength)
            yield* ours.channels.get("interop:keys-a", { cipher: { key: Encoding.encodeBase64Url(theirs) } }).publish(
              "m",
              json
            )
            const a = yield* Effect.promise(() =>
              official.channels.get("interop:keys-a", { cipher: { key: Buffer.from(theirs) } }).history()
            )
            expect(a.items[0]!.data).toEqual(json)
            yield* Effect.promise(() =>
              official.channels.get("interop:keys-b", {
                cipher: Ably.Rest.Crypto.getDefaultParams({ key: Buffer.from(mine) })
              })
                .publish("m", Buffer.from(bytes))
            )
            const b = yield* readOurs(ours, "interop:keys-b", { key: mine })
            expect(b.map((m) => m.data)).toEqual([bytes])
          }))
      })
    })

    it.scoped.each([true, false])(
      "RSP5 - encrypted presence fixtures read the same by ably-js and by us (useBinaryProtocol: %s)",
      (useBinaryProtocol) =>
        Effect.gen(function*() {
          const { official, ours } = yield* bothClients(useBinaryProtocol)
          const cipher = { key: "WUP6u0K7MXI5Zeo0VppPwg==" } // test-app-setup.json's cipher
          const theirs = yield* Effect.promise(() =>
            official.channels.get("persisted:presence_fixtures", { cipher }).presence.get()
          )
          const mine = yield* Effect.map(
            Stream.runCollect(ours.channels.get("persisted:presence_fixtures", { cipher }).presence.get()),
            Chunk.toReadonlyArray
          )
          const byClient = (
            members: ReadonlyArray<{ readonly clientId?: string | undefined; readonly data?: unknown }>
          ) => Object.fromEntries(members.map((m) => [m.clientId, plain(m.data)]))
          expect(byClient(mine)).toEqual(byClient(theirs.items))
          expect(byClient(mine)["client_encoded"]).toEqual({ example: { json: "Object" } })
          expect(mine.every((m) => m.encoding === undefined)).toBe(true)
        })
    )

    it.scoped("ably-js Message.fromEncoded decrypts our encoded payloads, and we decode its wire form", () =>
      Effect.gen(function*() {
        const { ours } = yield* bothClients(false)
        const key = keys[256]
        yield* ours.channels.get("interop:encoded", { cipher: { key } }).publish([{ name: "a", data: json }, {
          name: "b",
          data: bytes
        }])
        // The JSON wire form as the server stores and answers it, straight from the emulator.
        const raw = yield* ours.request("GET", "/channels/interop:encoded/messages", {
          params: { direction: "forwards" }
        })
        const wire = Schema.decodeUnknownSync(Schema.Array(Message.WireMessage))(raw.items)
        expect(wire.map((item) => item.encoding)).toEqual([
          "json/utf-8/cipher+aes-256-cbc/base64",
          "cipher+aes-256-cbc/base64"
        ])
        const decoded = yield* Effect.promise(() =>
          Ably.Rest.Message.fromEncodedArray([...raw.items], { cipher: { key } })
        )
        expect(decoded.map((m) => plain(m.data))).toEqual([json, bytes])
        expect(Either.getOrThrow(Crypto.getDefaultParams({ key })).keyLength).toBe(256)
      }))
  }
)
