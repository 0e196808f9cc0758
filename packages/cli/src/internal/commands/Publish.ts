/**
 * `effect-ably publish`: one message from the arguments or a file, or many from NDJSON on stdin.
 *
 * @since 0.1.0
 */
import type { Message } from "@effect-ably/core"
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Stream from "effect/Stream"
import { Output } from "../../Output.js"
import { options } from "../Global.js"
import { jsonOrText } from "../Json.js"
import { printLine, withRest } from "../Run.js"

const messageFields = ["id", "name", "data", "clientId", "connectionKey", "encoding", "extras"] as const

/**
 * One stdin line as a message: an object with a `name` or `data` field keeps the message
 * fields (`id name data clientId connectionKey encoding extras`); every other JSON value, or text
 * that is not JSON, is the data of a message named `name`.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import { Option } from "effect"
 * import { lineMessage } from "./Publish.js"
 * lineMessage('{"name":"a","data":1}', Option.none()) // { name: "a", data: 1 }
 * lineMessage("42", Option.some("n")) // { name: "n", data: 42 }
 */
export const lineMessage = (text: string, name: Option.Option<string>): Message.OutboundMessage => {
  const value = jsonOrText(text)
  const named = Option.match(name, { onNone: () => ({}), onSome: (n) => ({ name: n }) })
  if (Predicate.isRecord(value) && ("name" in value || "data" in value)) {
    const message: Record<string, unknown> = { ...named }
    for (const field of messageFields) if (field in value) message[field] = value[field]
    return message
  }
  return { ...named, data: value }
}

// File data: JSON when the file is UTF-8 text that parses, the text otherwise, bytes if not UTF-8.
const fileData = (bytes: Uint8Array): unknown => {
  try {
    return jsonOrText(new TextDecoder("utf-8", { fatal: true }).decode(bytes))
  } catch {
    return bytes
  }
}

/**
 * `publish <channel> [name] [data|-] [--file F] [--batch N]`. Data is JSON when it parses,
 * else text. With `-` as data, or no data while stdin is not a terminal, every non-empty stdin
 * line is one message, published `--batch` at a time (default 100). Prints `{"published": N}`
 * (and the serials of a single publish).
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { publish } from "./Publish.js"
 * const command = publish
 */
export const publish = Command.make("publish", {
  global: options,
  channel: Args.text({ name: "channel" }).pipe(Args.withDescription("the channel name")),
  name: Args.text({ name: "name" }).pipe(Args.withDescription("the message name"), Args.optional),
  data: Args.text({ name: "data" }).pipe(
    Args.withDescription("the data: JSON when it parses, else text; - reads NDJSON messages from stdin"),
    Args.optional
  ),
  file: Options.fileContent("file").pipe(
    Options.withDescription("take the data from a file (JSON, text, or binary)"),
    Options.optional
  ),
  batch: Options.integer("batch").pipe(
    Options.withDescription("messages per request when reading stdin (default 100)"),
    Options.withDefault(100)
  )
}, ({ batch, channel, data, file, global, name }) =>
  Effect.flatMap(Output, (output) =>
    withRest(global, (rest) => {
      const target = rest.channels.get(channel)
      const fromStdin = Option.match(data, {
        onNone: () => Option.isNone(file) && !output.stdinIsTTY,
        onSome: (d) => d === "-"
      })
      if (fromStdin) {
        return output.stdin.pipe(
          Stream.filter((text) => text.trim() !== ""),
          Stream.map((text) => lineMessage(text, name)),
          Stream.grouped(Math.max(1, batch)),
          Stream.runFoldEffect(
            0,
            (count, messages) => Effect.as(target.publish(Chunk.toReadonlyArray(messages)), count + messages.length)
          ),
          Effect.flatMap((published) => printLine({ published }))
        )
      }
      const payload = Option.isSome(file)
        ? { data: fileData(file.value[1]) }
        : Option.match(data, { onNone: () => ({}), onSome: (text) => ({ data: jsonOrText(text) }) })
      const message = { ...Option.match(name, { onNone: () => ({}), onSome: (n) => ({ name: n }) }), ...payload }
      return Effect.flatMap(target.publish(message), (result) => printLine({ published: 1, serials: result.serials }))
    }))).pipe(Command.withDescription("Publish a message (or NDJSON messages from stdin) to a channel"))
