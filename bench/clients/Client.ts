/**
 * What every benchmarked client offers: the same three operations as Promises, so one driver
 * times them all.
 */
export type ClientName = "raw undici" | "ably-js" | "effect-ably"

export type Format = "json" | "msgpack"

/** Where the loopback emulator listens, and the key to use. */
export interface Target {
  readonly host: string
  readonly port: number
  readonly key: string
}

export interface BenchChannel {
  /** One single-message publish (name `bench`, a short string payload). */
  readonly publish: (i: number) => Promise<void>
  /** Reads the channel's whole history page by page; resolves to the number of messages read. */
  readonly history: (limit: number) => Promise<number>
}

export interface BenchClient {
  readonly name: ClientName
  readonly format: Format
  readonly channel: (name: string) => BenchChannel
  readonly time: () => Promise<void>
  readonly close: () => Promise<void>
}

/** The payload every client publishes. */
export const payload = (i: number): string => `bench payload #${i}`
