/**
 * examples/promise-facade.ts, run as its test: the example's `main` against the embedded
 * emulator asserts what it read (it throws otherwise), and prints what it did.
 */
import { PromiseClient } from "@effect-ably/core"
import * as Emulator from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import { main } from "../../../examples/promise-facade.js"

describe("examples/promise-facade.ts", () => {
  it("publishes, iterates, pages, catches an AblyError and an abort, then the client closes", async () => {
    const client = PromiseClient.fromLayer(Emulator.layerRest())
    const lines: Array<string> = []
    try {
      const outcome = await main(client, (line) => lines.push(line))
      expect(outcome.pageSizes).toEqual([4, 2])
      expect(outcome.errorCodes).toEqual([40010, 40000])
    } finally {
      await client.close()
    }
    expect(lines[0]).toMatch(/^published 6 messages/)
    expect(lines.some((line) => line.startsWith("rejected: 40010 400"))).toBe(true)
    expect(await client.time().catch((error: unknown) => error)).toMatchObject(PromiseClient.closed)
  })
})
