/**
 * Every body the bench server sends, serialised once at start-up in JSON and msgpack: history
 * pages (the same messages on every page: clients do not de-duplicate history), channel-name
 * pages (distinct names: clients may de-duplicate them), `/time` and publish answers.
 */
import * as Msgpack from "./msgpack.js"

export type Format = "json" | "msgpack"

export interface Body {
  readonly json: Buffer
  readonly msgpack: Buffer
}

const both = (value: Msgpack.Value): Body => ({
  json: Buffer.from(JSON.stringify(value)),
  msgpack: Msgpack.encode(value)
})

/** A fixed server time: bodies are never rebuilt per request. */
export const serverTime = 1_735_689_600_000

export const time: Body = both([serverTime])

/** One page of `limit` history messages, shaped as Ably sends them (id, timestamp, serial, action). */
export const historyPage = (limit: number): Body =>
  both(Array.from({ length: limit }, (_, i) => ({
    id: `benchmsg${i.toString(36)}:0`,
    timestamp: serverTime - i,
    name: "bench",
    data: `history payload #${i}`,
    serial: `01735689600000-${String(i).padStart(3, "0")}@bench:0`,
    action: 0
  })))

/** The `page`-th page of `limit` channel names (`by=id`): names are unique across pages. */
export const namesPage = (page: number, limit: number): Body =>
  both(Array.from({ length: limit }, (_, i) => `bench:channel-${page * limit + i}`))

/** The 201 answer to a publish on `channel`. */
export const published = (channel: string): Body =>
  both({ channel, messageId: "benchpublish:0", serials: ["01735689600000-000@bench:0"] })
