// Server answers as data (status, headers, body delivery) and their fast-check generators.
import * as Either from "effect/Either"
import * as fc from "fast-check"
import * as Codec from "../../src/internal/http/Codec.js"
import * as Utf8 from "../../src/internal/Utf8.js"
import * as Shapes from "./Shapes.js"

/** How the body reaches the client. */
export type Body =
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  /** Some bytes, then the stream errors (a connection reset mid-body). */
  | { readonly kind: "stream-error"; readonly prefix: Uint8Array }
  /** An endless stream of 1 MiB chunks (only bounded reading ends it). */
  | { readonly kind: "endless" }

export interface Answer {
  readonly status: number
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: Body
}

const utf8 = (text: string) => Utf8.encode(text)

const concat = (...parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

// --- bodies -------------------------------------------------------------------------------

// Mostly at the limit and just past it; rarely far past it (each such body costs ~50 ms).
const depth = fc.oneof(
  { weight: 24, arbitrary: fc.constantFrom(127, 128, 129) },
  { weight: 6, arbitrary: fc.constantFrom(1_000, 10_000) },
  { weight: 1, arbitrary: fc.constant(200_000) }
)

/** Deep JSON text: arrays or objects `n` levels deep, alone or where a resource has a value. */
const deepJson = fc.tuple(depth, fc.boolean(), fc.constantFrom("bare", "data", "stats", "extras", "error")).map(
  ([n, arrays, where]) => {
    const open = arrays ? "[" : "{\"a\":"
    const close = arrays ? "]" : "}"
    const deep = open.repeat(n) + "1" + close.repeat(n)
    switch (where) {
      case "bare":
        return deep
      case "data":
        // JSON-encoded data: the depth only shows once the `json` step runs.
        return JSON.stringify([{ id: "x:0", name: "n", data: deep, encoding: "json" }, {
          clientId: "c",
          action: 1,
          data: deep,
          encoding: "json"
        }])
      case "stats":
        return `[{"intervalId":"2024-01-02:03:04","inbound":${deep}}]`
      case "extras":
        return `[{"id":"x:0","extras":${deep},"data":${deep}}]`
      case "error":
        return `{"error":{"code":40000,"statusCode":400,"message":"m","detail":${deep}}}`
    }
  }
)

/** Deep msgpack: fixarray(1) repeated, then nil; optionally inside a stats record. */
const deepMsgpack = fc.tuple(depth, fc.boolean()).map(([n, inStats]) => {
  const deep = concat(new Uint8Array(n).fill(0x91), new Uint8Array([0xc0]))
  if (!inStats) return deep
  return concat(
    new Uint8Array([0x91, 0x82]),
    encodeAs("msgpack", "intervalId"),
    encodeAs("msgpack", "2024-01-02:03:04"),
    encodeAs("msgpack", "inbound"),
    deep
  )
})

const encodeAs = (protocol: Codec.Protocol, value: unknown): Uint8Array =>
  Either.getOrElse(Codec.encode(protocol, value), () => utf8("[]"))

const shaped = (shape: fc.Arbitrary<unknown>) =>
  fc.tuple(shape, fc.constantFrom<Codec.Protocol>("json", "msgpack")).map(([value, protocol]) => ({
    protocol,
    bytes: encodeAs(protocol, value)
  }))

const mangled = (shape: fc.Arbitrary<unknown>) =>
  fc.tuple(shaped(shape), fc.nat(), fc.uint8Array({ maxLength: 16 }), fc.constantFrom("truncate", "append", "flip"))
    .map(
      ([{ bytes, protocol }, at, extra, how]) => {
        const cut = bytes.length === 0 ? 0 : at % bytes.length
        if (how === "truncate") return { protocol, bytes: bytes.subarray(0, cut) }
        if (how === "append") return { protocol, bytes: concat(bytes, extra) }
        const flipped = bytes.slice()
        if (flipped.length > 0) flipped[cut] = (flipped[cut]! ^ 0xff) & 0xff
        return { protocol, bytes: flipped }
      }
    )

const huge = fc.constantFrom(1, 1, 1, 4).map((mib) => ({
  protocol: "json" as const,
  bytes: utf8(JSON.stringify([{ id: "x:0", name: "n".repeat(mib * 1024 * 1024), data: "d" }]))
}))

/** A body for a resource of the given wire shape, in every way a server can get it wrong. */
export const bodyFor = (
  shape: fc.Arbitrary<unknown>
): fc.Arbitrary<{ readonly protocol: Codec.Protocol | "other"; readonly bytes: Uint8Array }> =>
  fc.oneof(
    { weight: 30, arbitrary: shaped(shape) },
    { weight: 12, arbitrary: shaped(Shapes.errorBody) },
    { weight: 10, arbitrary: mangled(shape) },
    { weight: 6, arbitrary: deepJson.map((text) => ({ protocol: "json" as const, bytes: utf8(text) })) },
    { weight: 3, arbitrary: deepMsgpack.map((bytes) => ({ protocol: "msgpack" as const, bytes })) },
    { weight: 5, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => ({ protocol: "other" as const, bytes })) },
    { weight: 3, arbitrary: shaped(Shapes.hostile) },
    { weight: 3, arbitrary: fc.constant({ protocol: "json" as const, bytes: new Uint8Array(0) }) },
    { weight: 1, arbitrary: huge }
  )

// --- headers ------------------------------------------------------------------------------

const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40
})

const contentType = (protocol: Codec.Protocol | "other") =>
  fc.oneof(
    { weight: 20, arbitrary: fc.constant(protocol === "msgpack" ? "application/x-msgpack" : "application/json") },
    {
      weight: 2,
      arbitrary: fc.constant(protocol === "msgpack" ? "application/x-msgpack" : "application/json; charset=utf-8")
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "APPLICATION/JSON",
        " application/x-msgpack ; q=1",
        "application/json, application/x-msgpack"
      )
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom("text/plain", "text/html", "application/octet-stream", "", ";", "application/jwt")
    },
    { weight: 1, arbitrary: headerText }
  )

/** Link targets a server should never be able to make the client follow elsewhere. */
export const hostileTargets = [
  "x:@evil.example/steal",
  "javascript:alert(1)",
  "mailto:someone@evil.example",
  "//evil.example/steal",
  "https://evil.example/messages",
  "https://main.realtime.ably.net:8443/messages",
  "http://main.realtime.ably.net/messages",
  "https://main.realtime.ably.net@evil.example/steal",
  "\\\\evil.example/x",
  "./messages?page=2",
  "../../..",
  "?limit=1",
  "",
  "%zz",
  "./%E0%A4%A"
]

const linkTarget = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostileTargets) },
  { weight: 2, arbitrary: headerText }
)

const rel = fc.constantFrom("next", "first", "current", "last", "next next", "NEXT")

const ordinaryLink = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.array(fc.tuple(linkTarget, rel), { minLength: 1, maxLength: 3 }).map((links) =>
      links.map(([target, r]) => `<${target}>; rel="${r}"`).join(", ")
    )
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom("<", "<>", "<./messages>; rel=", ">; rel=\"next\"", "<a>;rel=next,<b>;rel=next")
  },
  { weight: 1, arbitrary: headerText }
)

// Oversized headers (just past the 16 KiB limit, and 64 KiB) are rare: on main each costs
// up to seconds of regex time.
const oversizedLink = (size: number) =>
  fc.constantFrom(`<${"./".repeat(size / 2)}>`, "<".repeat(size), `<${"a".repeat(size)}>; rel="next"`)

/** `percent` (0–100, fractions allowed) of the time `arbitrary`, else `undefined`. */
const maybe = <A>(arbitrary: fc.Arbitrary<A>, percent: number): fc.Arbitrary<A | undefined> =>
  fc.noBias(fc.integer({ min: 0, max: 99_999 })).chain((
    draw
  ) => (draw < percent * 1000 ? arbitrary : fc.constant(undefined)))

const linkHeader = fc.noBias(fc.integer({ min: 0, max: 99_999 })).chain((draw) =>
  draw < 5 ? oversizedLink(64 * 1024) : draw < 40 ? oversizedLink(17 * 1024) : ordinaryLink
)

const errorCodeHeader = fc.oneof(
  fc.constantFrom(
    "40142",
    "40000",
    "50000",
    "0",
    "-1",
    "1e400",
    "99999999999999999999",
    "40142abc",
    " 40140 ",
    "NaN",
    ""
  ),
  headerText
)

const contentLength = fc.oneof(
  fc.constantFrom(
    "0",
    "1",
    "abc",
    "-1",
    "10, 10",
    "999999999999",
    String(128 * 1024 * 1024),
    String(128 * 1024 * 1024 + 1),
    "1e3"
  )
)

const headersFor = (protocol: Codec.Protocol | "other", bytes: Uint8Array) =>
  fc.record({
    type: maybe(contentType(protocol), 92),
    link: maybe(linkHeader, 30),
    code: maybe(errorCodeHeader, 12),
    message: maybe(fc.oneof(headerText, fc.constant("m".repeat(100_000))), 8),
    length: maybe(fc.oneof(fc.constant(String(bytes.length)), contentLength), 15),
    cloudfront: maybe(fc.constant(true), 4),
    duplicateType: maybe(fc.constant(true), 4)
  }).map((h) => {
    const headers: Array<readonly [string, string]> = []
    if (h.type !== undefined) headers.push(["content-type", h.type])
    if (h.type !== undefined && h.duplicateType === true) headers.push(["content-type", "text/plain"])
    if (h.link !== undefined) headers.push(["link", h.link])
    if (h.code !== undefined) headers.push(["x-ably-errorcode", h.code])
    if (h.message !== undefined) headers.push(["x-ably-errormessage", h.message])
    if (h.length !== undefined) headers.push(["content-length", h.length])
    if (h.cloudfront === true) headers.push(["server", "CloudFront"])
    return headers
  })

// --- statuses -----------------------------------------------------------------------------

const status = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom(200, 201) },
  { weight: 3, arbitrary: fc.constant(204) },
  { weight: 8, arbitrary: fc.constantFrom(400, 401, 403, 404, 429) },
  { weight: 5, arbitrary: fc.constantFrom(500, 501, 503, 504) },
  { weight: 3, arbitrary: fc.constantFrom(100, 103, 301, 302, 304, 0, 999, 600, 299) },
  { weight: 1, arbitrary: fc.integer({ min: -1, max: 1000 }) }
)

/** One server answer for a resource of the given wire shape. */
export const answerFor = (shape: fc.Arbitrary<unknown>): fc.Arbitrary<Answer> =>
  fc.tuple(status, bodyFor(shape), fc.noBias(fc.nat(999))).chain(([code, { bytes, protocol }, delivery]) =>
    headersFor(protocol, bytes).map((headers): Answer => ({
      status: code,
      // Real engines stop at a declared length; an endless body only makes sense without one.
      headers: delivery >= 40 && delivery < 43
        ? [...headers.filter(([name]) => name !== "content-length"), ["transfer-encoding", "chunked"] as const]
        : delivery < 20
        ? [...headers, ["transfer-encoding", "chunked"] as const]
        : headers,
      body: delivery < 40
        ? { kind: "stream-error", prefix: bytes.subarray(0, bytes.length >> 1) }
        : delivery < 43
        ? { kind: "endless" }
        : { kind: "bytes", bytes }
    }))
  )

// --- to a web Response --------------------------------------------------------------------

/** A `Response` that reports any status, even those a `Response` cannot be built with. */
class AnyStatusResponse extends Response {
  constructor(body: BodyInit | null, headers: Headers, private readonly reported: number) {
    super(body, { status: 200, headers })
  }
  override get status(): number {
    return this.reported
  }
  override get ok(): boolean {
    return this.reported >= 200 && this.reported < 300
  }
}

const mib = new Uint8Array(1024 * 1024).fill(0x20)

const bodyStream = (body: Body): BodyInit | null => {
  switch (body.kind) {
    case "bytes":
      return body.bytes.length === 0 ? null : body.bytes.slice()
    case "stream-error": {
      const prefix = body.prefix.slice()
      let sent = false
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (!sent && prefix.length > 0) {
            sent = true
            controller.enqueue(prefix)
            return
          }
          controller.error(new Error("ECONNRESET: socket hang up mid-body"))
        }
      })
    }
    case "endless":
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          // The same chunk each time: only its length matters to the reader.
          controller.enqueue(mib)
        }
      })
  }
}

/** The answer as a web `Response` (headers a `Headers` object refuses are left out). */
export const toResponse = (answer: Answer): Response => {
  const headers = new Headers()
  for (const [name, value] of answer.headers) {
    try {
      headers.append(name, value)
    } catch {
      // Not expressible on the wire either.
    }
  }
  return new AnyStatusResponse(bodyStream(answer.body), headers, answer.status)
}

/** The length of the longest `Link` header of a case, to classify its slowness. */
export const longestLink = (answers: ReadonlyArray<Answer>): number =>
  Math.max(
    0,
    ...answers.flatMap((answer) => answer.headers.filter(([name]) => name === "link").map(([, value]) => value.length))
  )
