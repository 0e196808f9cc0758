// The wire shape of each resource as fast-check generators: plausible values, then one field
// at a time replaced by a hostile value (wrong type, lone surrogate, odd number, huge text).
import * as fc from "fast-check"

/** Strings a server should not be trusted with. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "\uD800",
      "a\uDFFFb",
      "\uDBFF",
      "..",
      "/",
      "%",
      "%E0%A4%A",
      "\u0000",
      "__proto__",
      "constructor",
      "",
      " ",
      "null"
    )
  },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 200_000).map((n) => "x".repeat(n)) }
)

/** Numbers of every odd kind (msgpack carries NaN and the infinities; JSON turns them to null). */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e308, -1, 2 ** 53 + 1, 0.5, 40142, 1e21)
)

/** Any value in a field's place. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, [], {}, [null], { a: 1 }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 8 }) }
)

/** A record with one field replaced, removed, or an extra field added (sometimes). */
const mutate = (record: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> =>
  fc.tuple(record, fc.nat(), hostile, fc.constantFrom("keep", "keep", "replace", "replace", "remove", "add", "whole"))
    .map(
      ([value, at, replacement, how]) => {
        const keys = Object.keys(value)
        if (how === "keep" || keys.length === 0) return value
        const key = keys[at % keys.length]!
        if (how === "whole") return replacement
        if (how === "add") return { ...value, [`x${at}`]: replacement }
        const { [key]: _removed, ...rest } = value
        return how === "remove" ? rest : { ...value, [key]: replacement }
      }
    )

const listOf = (item: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 10, arbitrary: fc.array(item, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(item, { minLength: 100, maxLength: 100 }) },
    { weight: 1, arbitrary: item }
  )

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64")

/** `data` + `encoding` pairs, valid and not. */
const payload = fc.oneof(
  fc.record({ data: hostileString }),
  fc.constant({ data: base64("hi"), encoding: "base64" }),
  fc.constant({ data: "not base64!", encoding: "base64" }),
  fc.constant({ data: "{\"a\":[1,2]}", encoding: "json" }),
  fc.constant({ data: "{oops", encoding: "json" }),
  fc.constant({ data: base64("{\"a\":1}"), encoding: "json/utf-8/base64" }),
  fc.constant({ data: base64("\u00ff\u00fe"), encoding: "utf-8/base64" }),
  fc.constant({ data: base64("0123456789abcdef0123456789abcdef"), encoding: "cipher+aes-128-cbc/base64" }),
  fc.record({
    data: hostile,
    encoding: fc.oneof(
      hostileString,
      fc.constantFrom("json", "base64", "utf-8", "json/base64", "/", "//json", "cipher+")
    )
  })
)

export const message = listOf(mutate(
  fc.tuple(
    fc.record({
      id: fc.constantFrom("abc:0", "abc:1"),
      name: hostileString,
      clientId: fc.constantFrom("alice", "\uD800"),
      connectionId: fc.constant("conn"),
      timestamp: fc.constantFrom(1_700_000_000_000, 0),
      serial: fc.constant("01700000000000-000@abc:0"),
      action: fc.constantFrom(0, 1, 2, 3, 4, 5, 99, -1),
      extras: fc.constantFrom({ headers: { a: "b" } }, { push: {} })
    }, { requiredKeys: ["id"] }),
    payload
  ).map(([fields, data]) => ({ ...fields, ...data }))
))

export const presence = listOf(mutate(
  fc.tuple(
    fc.record({
      id: fc.constant("abc:0:0"),
      clientId: fc.constantFrom("alice", "bob"),
      connectionId: fc.constant("conn"),
      action: fc.constantFrom(0, 1, 2, 3, 4, 9, "present", "enter"),
      timestamp: fc.constant(1_700_000_000_000)
    }, { requiredKeys: ["clientId", "action"] }),
    payload
  ).map(([fields, data]) => ({ ...fields, ...data }))
))

const entries = fc.dictionary(
  fc.constantFrom("messages.all.all.count", "channels.peak", "x.y"),
  fc.oneof(fc.nat(), hostile),
  { maxKeys: 3 }
)

export const stats = listOf(mutate(fc.record({
  intervalId: fc.constantFrom("2024-01-02:03:04", "2024-01-02:03", "2024-01-02", "2024-01", "bad", "9999-99-99:99:99"),
  unit: fc.constantFrom("minute", "hour", "day", "month", "year"),
  inProgress: fc.constant("2024-01-02:03:04:05"),
  entries,
  inbound: fc.constant({ realtime: { messages: { count: 5, data: 10 } } }),
  channels: fc.constant({ peak: 3, opened: 1 })
}, { requiredKeys: ["intervalId"] })))

export const time = fc.oneof(
  fc.constantFrom([1_700_000_000_000], [], [Number.NaN], ["1700000000000"], 1_700_000_000_000, [1, 2]),
  fc.array(hostile, { maxLength: 2 })
)

const metrics = mutate(fc.record({
  connections: fc.nat(),
  publishers: fc.nat(),
  subscribers: fc.nat(),
  presenceMembers: fc.nat()
}))

const details = mutate(fc.record({
  channelId: fc.constantFrom("c", "room:1", "\uD800"),
  status: mutate(fc.record({
    isActive: fc.boolean(),
    occupancy: mutate(fc.record({ metrics }))
  }))
}, { requiredKeys: ["channelId"] }))

export const channelDetails = details

export const channelIds = listOf(fc.oneof(hostileString, fc.record({ channelId: hostileString }), hostile))

export const channelValues = listOf(details)

const wireError = mutate(fc.record({
  code: fc.constantFrom(40160, 40010, 50000, 40142),
  statusCode: fc.constantFrom(401, 400, 500),
  message: hostileString,
  href: fc.constant("https://help.ably.io/error/40160")
}))

const publishItem = fc.oneof(
  mutate(
    fc.record({
      channel: fc.constantFrom("a", "b"),
      messageId: fc.constant("abc"),
      serials: fc.constantFrom(["s1"], [null], ["s1", null])
    })
  ),
  mutate(fc.record({ channel: fc.constantFrom("a", "b"), error: wireError }))
)

const envelope = (item: fc.Arbitrary<unknown>) =>
  mutate(fc.record({ successCount: fc.nat(2), failureCount: fc.nat(2), results: fc.array(item, { maxLength: 3 }) }))

export const batchPublish = fc.oneof(
  fc.array(envelope(publishItem), { maxLength: 2 }),
  envelope(publishItem),
  fc.array(publishItem, { maxLength: 3 }),
  fc.record({
    error: fc.constant({ code: 40020, statusCode: 400, message: "partial" }),
    batchResponse: fc.array(publishItem, { maxLength: 3 })
  })
)

const presenceItem = fc.oneof(
  mutate(fc.record({ channel: fc.constantFrom("a", "b"), presence })),
  mutate(fc.record({ channel: fc.constantFrom("a", "b"), error: wireError }))
)

export const batchPresence = fc.oneof(
  fc.array(presenceItem, { maxLength: 3 }),
  envelope(presenceItem),
  fc.array(envelope(presenceItem), { maxLength: 2 })
)

export const tokenDetails = mutate(fc.record({
  token: fc.constantFrom("tok3n", "", "\uD800", "a.b.c"),
  expires: fc.constantFrom(1_700_003_600_000, 0, Number.NaN, Infinity),
  issued: fc.constant(1_700_000_000_000),
  capability: fc.constantFrom("{\"*\":[\"*\"]}", "not json"),
  clientId: fc.constantFrom("alice", "*", "\uD800"),
  keyName: fc.constant("appid.keyid")
}))

/** What an authUrl may answer with (as JSON, or as text when a string). */
export const authUrlAnswer = fc.oneof(
  tokenDetails,
  fc.constantFrom("tok3n", "", "null", "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.sig", "{\"token\":\"x\"}"),
  mutate(
    fc.record({
      keyName: fc.constant("appid.keyid"),
      mac: fc.constant("m"),
      timestamp: fc.constant(1),
      nonce: fc.constant("n")
    })
  ),
  hostile
)

export const errorBody = fc.oneof(
  fc.record({ error: wireError }),
  fc.record({ error: hostile }),
  fc.constant({ error: { code: 40142, statusCode: 401, message: "Token expired" } })
)

/** `request()` with `envelope: "json"`: the real status, body and links inside a 200. */
export const enveloped = (inner: fc.Arbitrary<unknown>) =>
  mutate(fc.record({
    statusCode: fc.constantFrom(200, 201, 400, 404, 500, 0, 999),
    response: inner,
    rel: fc.dictionary(
      fc.constantFrom("next", "first", "current"),
      fc.oneof(
        fc.constantFrom("x:@evil.example/steal", "//evil.example", "./messages?page=2", "javascript:alert(1)"),
        hostileString
      ),
      { maxKeys: 2 }
    )
  }))
