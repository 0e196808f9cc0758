/**
 * What every benchmarked client offers, as Promises, so one harness drives them all. Each runs
 * in its own fresh process against the bench server (`bench/server/main.ts`).
 */
export type ClientName = "raw-undici" | "floor" | "ably-js" | "effect-ably" | "effect-ably+spans" | "effect-ably@base"

export type Format = "json" | "msgpack"

export interface Target {
  readonly origin: string
  readonly host: string
  readonly port: number
  readonly format: Format
}

export interface BenchClient {
  /** One single-message publish on `publishChannel` (name `bench`, a short string payload). */
  readonly publish: (i: number) => Promise<void>
  /** Reads a channel's whole history in pages of `limit`; `onItems` gets each page's (or chunk's) size. */
  readonly history: (channel: string, limit: number, onItems: (n: number) => void) => Promise<void>
  /** Enumerates channel names (`GET /channels`, pages of 1000) with the client's default settings. */
  readonly list: (prefix: string | undefined, onItems: (n: number) => void) => Promise<void>
  readonly time: () => Promise<void>
  readonly close: () => Promise<void>
}

/** Any well-formed key: the bench server checks no credentials. */
export const key = "benchapp.benchkey:benchsecret"

export const publishChannel = "bench-publish"

export const payload = (i: number): string => `bench payload #${i}`

/** The `next` link of a `Link` header, resolved against the request URL. */
export const nextUrl = (link: string | Array<string> | undefined, base: string): string | undefined => {
  const header = Array.isArray(link) ? link.join(", ") : link
  const next = header === undefined ? undefined : /<([^>]*)>;\s*rel="next"/.exec(header)?.[1]
  return next === undefined ? undefined : new URL(next, base).href
}
