/**
 * The official client, `ably` 2.28.0, set up as in the conformance tests.
 */
import * as Ably from "ably"
import { type BenchClient, type Format, payload, type Target } from "./Client.js"

export const make = (target: Target, format: Format): BenchClient => {
  const rest = new Ably.Rest({
    key: target.key,
    restHost: target.host,
    port: target.port,
    tls: false,
    useBinaryProtocol: format === "msgpack",
    fallbackHosts: []
  })
  return {
    name: "ably-js",
    format,
    channel: (name) => {
      const channel = rest.channels.get(name)
      return {
        publish: async (i) => {
          await channel.publish("bench", payload(i))
        },
        history: async (limit) => {
          let page: Ably.PaginatedResult<Ably.InboundMessage> | null = await channel.history({ limit })
          let count = 0
          while (page !== null) {
            count += page.items.length
            page = page.hasNext() ? await page.next() : null
          }
          return count
        }
      }
    },
    time: async () => {
      await rest.time()
    },
    close: async () => {}
  }
}
