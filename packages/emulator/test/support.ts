/**
 * Raw HTTP helpers for the emulator tests: requests go through `HttpClient` exactly as the
 * SDK's would, and replies come back decoded by their Content-Type.
 */
import { Message } from "@effect-ably/core"
import { Codec, Utf8 } from "@effect-ably/core/wire"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Schema from "effect/Schema"
import { AppInfo, Emulator } from "../src/index.js"

export const baseUrl = "https://rest.ably.io"

export interface CallOptions {
  readonly key?: string | undefined
  /** Protocol of the request body and of the `Accept` header (default JSON). */
  readonly protocol?: Codec.Protocol | undefined
  readonly body?: unknown
  readonly rawBody?: { readonly bytes: Uint8Array; readonly contentType: string } | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly accept?: boolean | undefined
}

export interface Reply {
  readonly url: string
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly contentType: string | undefined
  readonly body: unknown
}

export const basic = (keyStr: string): string => `Basic ${Encoding.encodeBase64(keyStr)}`

export const call = (
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS",
  url: string,
  options: CallOptions = {}
) =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const protocol = options.protocol ?? "json"
    const absolute = new URL(url, baseUrl).toString()
    let request = HttpClientRequest.make(method)(absolute).pipe(HttpClientRequest.setHeaders(options.headers ?? {}))
    if (options.accept !== false) request = HttpClientRequest.setHeader(request, "accept", Codec.contentTypes[protocol])
    if (options.key !== undefined) request = HttpClientRequest.setHeader(request, "authorization", basic(options.key))
    if (options.rawBody !== undefined) {
      request = HttpClientRequest.bodyUint8Array(request, options.rawBody.bytes, options.rawBody.contentType)
    } else if (options.body !== undefined) {
      request = HttpClientRequest.bodyUint8Array(
        request,
        Either.getOrThrow(Codec.encode(protocol, options.body)),
        Codec.contentTypes[protocol]
      )
    }
    const response = yield* client.execute(request)
    const bytes = new Uint8Array(yield* response.arrayBuffer)
    const contentType = response.headers["content-type"]
    const replyProtocol = Codec.protocolOf(contentType)
    const body = bytes.length === 0
      ? undefined
      : replyProtocol === undefined
      ? Utf8.decode(bytes)
      : Codec.decode(replyProtocol, bytes)
    return { url: absolute, status: response.status, headers: response.headers, contentType, body } satisfies Reply
  })

/** Creates the default test app through the in-process handle. */
export const createTestApp = Effect.flatMap(Emulator, (emulator) => emulator.createApp())

export const keyOf = (app: AppInfo, index: number): string => {
  const key = app.keys[index]
  if (key === undefined) throw new Error(`app has no key ${index}`)
  return key.keyStr
}

export const decodeAppInfo = Schema.decodeUnknownSync(AppInfo)
export const decodeMessages = Schema.decodeUnknownSync(Schema.Array(Message.WireMessage))
export const ErrorReply = Schema.Struct({
  error: Schema.Struct({ code: Schema.Number, statusCode: Schema.Number, message: Schema.String, href: Schema.String })
})
export const decodeError = Schema.decodeUnknownSync(ErrorReply)
export const PublishReply = Schema.Struct({
  channel: Schema.String,
  messageId: Schema.String,
  serials: Schema.Array(Schema.String)
})
export const decodePublish = Schema.decodeUnknownSync(PublishReply)

/** The target of one relation in a `Link` header, if present. */
export const linkTarget = (header: string | undefined, rel: string): string | undefined => {
  for (const part of (header ?? "").split(",")) {
    const match = /<([^>]*)>\s*;\s*rel="([^"]*)"/.exec(part.trim())
    if (match?.[2] === rel) return match[1]
  }
  return undefined
}

/** Percent-encodes a channel name for a path, as the SDK must. */
export const messagesPath = (channel: string): string => `/channels/${encodeURIComponent(channel)}/messages`
