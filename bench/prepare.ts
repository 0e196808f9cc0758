/**
 * Micro-benchmark of `Publish.prepare` (the publish hot path before any I/O):
 *
 *   npx tsx bench/prepare.ts
 *
 * Prints ns per call for a plain `{ name, data }` message, an object payload and ten messages.
 */
import * as Effect from "effect/Effect"
import * as Publish from "../packages/core/src/internal/message/Publish.js"

const options = { protocol: "msgpack", maxMessageSize: 65_536, idempotent: true } as const
const cases: ReadonlyArray<readonly [string, ReadonlyArray<{ readonly name: string; readonly data: unknown }>]> = [
  ["plain { name, data: string }", [{ name: "greeting", data: "hello world" }]],
  ["{ name, data: object }", [{ name: "order", data: { id: 42, items: ["a", "b"], total: 9.5 } }]],
  ["10 plain messages", Array.from({ length: 10 }, (_, i) => ({ name: `m${i}`, data: `payload ${i}` }))]
]

const measure = (messages: ReadonlyArray<{ readonly name: string; readonly data: unknown }>, iterations: number) => {
  // One runtime entry for the whole loop: the figure is the cost of preparing, not of runSync.
  const start = process.hrtime.bigint()
  Effect.runSync(Effect.gen(function*() {
    for (let i = 0; i < iterations; i++) yield* Publish.prepare(messages, options)
  }))
  return Number(process.hrtime.bigint() - start) / iterations
}

for (const [label, messages] of cases) {
  measure(messages, 20_000) // warm-up
  const runs = Array.from({ length: 5 }, () => measure(messages, 50_000)).sort((a, b) => a - b)
  console.log(`${label.padEnd(32)} median ${runs[2]!.toFixed(0)} ns/call (min ${runs[0]!.toFixed(0)})`)
}
