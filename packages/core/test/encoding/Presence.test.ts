/**
 * RSP5: presence data goes through the same decoder as messages — decrypted with the channel
 * cipher and checked by the channel's `presenceSchema`. The members are those of ably-common's
 * `persisted:presence_fixtures` (test-app-setup.json), one of them encrypted.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Decode from "../../src/internal/message/Decode.js"
import { json, msgpack } from "../utils/FakeHttp.js"
import { restWith, testKey } from "../utils/restWith.js"
import { bytesOfBase64 } from "./fixtures.js"

const cipherKey = "WUP6u0K7MXI5Zeo0VppPwg=="
const members = [
  { clientId: "client_string", data: "This is a string clientData payload" },
  { clientId: "client_decoded", data: "{\"example\":{\"json\":\"Object\"}}", encoding: "json" },
  {
    clientId: "client_encoded",
    data: "HO4cYSP8LybPYBPZPHQOtuD53yrD3YV3NBoTEYBh4U0N1QXHbtkfsDfTspKeLQFt",
    encoding: "json/utf-8/cipher+aes-128-cbc/base64"
  }
].map((member, index) => ({ id: `conn:${index}:0`, action: 1, connectionId: "conn", timestamp: 1, ...member }))

/** The same members as a msgpack server sends them: bytes as bin, no `base64` step. */
const asMsgpack = members.map((member) =>
  member.encoding?.endsWith("/base64")
    ? { ...member, data: bytesOfBase64(member.data), encoding: member.encoding.slice(0, -"/base64".length) }
    : member
)

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

describe.each([true, false])("presence decoding (useBinaryProtocol: %s)", (useBinaryProtocol) => {
  const answer = () => (useBinaryProtocol ? msgpack(200, asMsgpack) : json(200, members))

  it.effect("RSP5/RSL5 - presence.get decrypts with the channel cipher", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, useBinaryProtocol }, answer)
      const read = yield* collect(
        rest.channels.get("persisted:presence_fixtures", { cipher: { key: cipherKey } }).presence.get()
      )
      expect(read.map((m) => m.data)).toEqual([
        "This is a string clientData payload",
        { example: { json: "Object" } },
        { example: { json: "Object" } }
      ])
      expect(read.every((m) => m.encoding === undefined)).toBe(true)
    }))

  it.effect("RSL6b - without the cipher the encrypted member keeps its residual encoding", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, useBinaryProtocol }, answer)
      const read = yield* collect(rest.channel("persisted:presence_fixtures").presence.history()).pipe(
        Logger.withMinimumLogLevel(LogLevel.Error)
      )
      expect(read[2]!.encoding).toBe("json/utf-8/cipher+aes-128-cbc")
      expect(read[2]!.data).toBeInstanceOf(Uint8Array)
      expect(read[1]!.data).toEqual({ example: { json: "Object" } })
    }))

  it.effect("presenceSchema types presence data; a member that does not fit is a typed 40013 with the raw message", () =>
    Effect.gen(function*() {
      const { rest } = yield* restWith({ key: testKey, useBinaryProtocol }, answer)
      const Example = Schema.Struct({ example: Schema.Struct({ json: Schema.Literal("Object") }) })
      const typed = rest.channels.get("persisted:presence_fixtures", {
        cipher: { key: cipherKey },
        presenceSchema: Example
      })
      const page = yield* Effect.flip(typed.presence.getPage())
      expect(page).toMatchObject({ _tag: "AblyError", code: 40013 })
      const raw = Option.getOrThrow(Decode.undecodable(page))
      expect(raw.wire).toMatchObject({ clientId: "client_string", data: "This is a string clientData payload" })

      const onlyJson = yield* restWith(
        { key: testKey, useBinaryProtocol },
        () => useBinaryProtocol ? msgpack(200, asMsgpack.slice(1)) : json(200, members.slice(1))
      )
      const fitting = yield* collect(
        onlyJson.rest.channels.get("persisted:presence_fixtures", {
          cipher: { key: cipherKey },
          presenceSchema: Example
        }).presence.get()
      )
      const data: ReadonlyArray<typeof Example.Type> = fitting.map((m) => m.data)
      expect(data).toEqual([{ example: { json: "Object" } }, { example: { json: "Object" } }])
    }))
})
