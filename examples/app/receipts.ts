/**
 * Part of the same app written without Effect (async/await, as in a mixed codebase): it sends
 * receipts through the Promise facade and checks Ably's clock with plain `fetch`. docs/testing.md
 * tests it against the emulator's loopback server.
 */
import { AblyError, createClient } from "@effect-ably/node/promise"

/** Where Ably is: in production just `{ key }`; in tests the loopback emulator's address. */
export interface AblyConfig {
  readonly key: string
  readonly endpoint?: string
  readonly port?: number
  readonly tls?: boolean
}

/** Publishes a receipt; answers `"queued"` when Ably is unavailable (5xx), to retry later. */
export const sendReceipt = async (config: AblyConfig, orderId: number): Promise<"sent" | "queued"> => {
  const client = createClient(config)
  try {
    await client.channels.get("receipts").publish("receipt", { orderId })
    return "sent"
  } catch (error) {
    if (error instanceof AblyError && error.statusCode >= 500) return "queued"
    throw error
  } finally {
    await client.close()
  }
}

/** Ably's clock, with nothing but `fetch`: `GET /time` answers `[ms]`. */
export const serverTime = async (baseUrl: string): Promise<number> => {
  const response = await fetch(`${baseUrl}/time`, { headers: { accept: "application/json" } })
  const body: unknown = await response.json()
  if (!Array.isArray(body) || typeof body[0] !== "number") throw new Error(`unexpected /time answer: ${String(body)}`)
  return body[0]
}
