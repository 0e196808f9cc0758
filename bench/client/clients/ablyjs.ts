/**
 * The official client, `ably` 2.28.0: `Rest` with no fallback hosts; channel enumeration
 * through `rest.request("get", "/channels")`, the way ably-js exposes it.
 */
import * as Ably from "ably"
import { type BenchClient, key, payload, publishChannel, type Target } from "../Client.js"

const drain = async <T>(first: Ably.PaginatedResult<T>, onItems: (n: number) => void) => {
  let page: Ably.PaginatedResult<T> | null = first
  while (page !== null) {
    onItems(page.items.length)
    page = page.hasNext() ? await page.next() : null
  }
}

export const make = (target: Target): BenchClient => {
  const rest = new Ably.Rest({
    key,
    endpoint: target.host,
    port: target.port,
    tls: false,
    useBinaryProtocol: target.format === "msgpack",
    fallbackHosts: []
  })
  const channel = rest.channels.get(publishChannel)
  return {
    publish: async (i) => {
      await channel.publish("bench", payload(i))
    },
    history: async (name, limit, onItems) => drain(await rest.channels.get(name).history({ limit }), onItems),
    list: async (prefix, onItems) =>
      drain(
        await rest.request<string>("get", "/channels", 3, { limit: "1000", by: "id", ...(prefix ? { prefix } : {}) }),
        onItems
      ),
    time: async () => {
      await rest.time()
    },
    close: async () => {}
  }
}
