/**
 * The Promise facade: the same client from plain async/await code, no Effect in sight.
 * Publishes, reads history with `for await` (pages fetched as the loop asks; `break` stops
 * fetching) and by hand with `historyPage()`, catches an `AblyError`, aborts a call with an
 * `AbortSignal`, then closes the client. Asserts what it read. Runs against the embedded
 * emulator by default; with ABLY_API_KEY (and optionally ABLY_ENDPOINT) set, against Ably.
 *
 *   npx tsx examples/promise-facade.ts
 */
import { type Message, PromiseClient } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { AblyError, type Client, createClient, type PaginatedResult } from "@effect-ably/node/promise"
import * as assert from "node:assert/strict"
import { pathToFileURL } from "node:url"

/** What the example read, for its test. */
export interface Outcome {
  readonly published: number
  readonly firstTicks: ReadonlyArray<unknown>
  readonly pageSizes: ReadonlyArray<number>
  readonly errorCodes: ReadonlyArray<number>
}

export const main = async (client: Client, log: (line: string) => void = console.log): Promise<Outcome> => {
  const channel = client.channels.get(`promise-facade-${Date.now()}`)

  await channel.publish("greeting", "hello from async/await")
  const { serials } = await channel.publish(Array.from({ length: 5 }, (_, i) => ({ name: "tick", data: { i } })))
  log(`published ${serials.length + 1} messages to ${channel.name}`)

  // An AsyncIterable: two messages per page, and only the pages the loop reaches are fetched.
  const firstTicks: Array<unknown> = []
  for await (const message of channel.history({ direction: "forwards", limit: 2 })) {
    if (message.name === "tick") firstTicks.push(message.data)
    if (firstTicks.length === 3) break
  }
  log(`first ticks: ${JSON.stringify(firstTicks)}`)

  // Paging by hand, as with ably-js's PaginatedResult.
  const pageSizes: Array<number> = []
  let page: PaginatedResult<Message.Message> | null = await channel.historyPage({ limit: 4 })
  while (page !== null) {
    pageSizes.push(page.items.length)
    page = await page.next()
  }
  log(`history pages: ${JSON.stringify(pageSizes)}`)

  // Every rejection is an AblyError: code, statusCode, href, requestId.
  const codeOf = async (label: string, call: () => Promise<unknown>): Promise<number> => {
    try {
      await call()
    } catch (error) {
      if (!(error instanceof AblyError)) throw error
      log(`${label}: ${error.code} ${error.statusCode} ${error.message} (${error.href})`)
      return error.code
    }
    return assert.fail(`${label}: expected a rejection`)
  }
  const errorCodes = [
    await codeOf("rejected", () => client.channels.get("").publish("never", "sent")),
    await codeOf("aborted", () => client.time({ signal: AbortSignal.abort() }))
  ]

  log(`server time: ${new Date(await client.time()).toISOString()}`)

  const outcome = { published: serials.length + 1, firstTicks, pageSizes, errorCodes }
  assert.deepEqual(outcome, {
    published: 6,
    firstTicks: [{ i: 0 }, { i: 1 }, { i: 2 }],
    pageSizes: [4, 2],
    errorCodes: [40010, PromiseClient.aborted.code]
  })
  return outcome
}

// Run as a script (not when a test imports `main`).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const key = process.env["ABLY_API_KEY"]
  const endpoint = process.env["ABLY_ENDPOINT"]
  // The embedded emulator: an in-memory Ably with a fresh app, and a client on its key.
  const client = key === undefined
    ? PromiseClient.fromLayer(Emulator.layerRest())
    : createClient({ key, ...(endpoint === undefined ? {} : { endpoint }) })
  try {
    await main(client)
    console.log("done")
  } finally {
    await client.close()
  }
}
