/**
 * The scenarios, run scenario by scenario so every client meets the emulator in the same state:
 * single-message publishes (sequential, then concurrent), full history reads, time calls.
 */
import type { BenchClient, ClientName, Format } from "./clients/Client.js"
import { timeOps, warmUp } from "./driver.js"
import { measureMemory, type MemoryUse } from "./memory.js"
import type { Settings } from "./settings.js"
import type { Summary } from "./stats.js"

export type ScenarioName = "publish seq" | "publish c16" | "history" | "time"

export interface Result {
  readonly scenario: ScenarioName
  readonly client: ClientName
  readonly format: Format
  readonly summary: Summary
  readonly memory?: MemoryUse | undefined
}

/** The channel the history scenario reads, seeded with `settings.historyMessages` messages. */
export const historyChannel = "bench-history"

const slug = (client: BenchClient, ...parts: ReadonlyArray<string>) =>
  ["bench", client.name.replace(/\W+/g, "_"), client.format, ...parts].join("-")

const publish = (concurrency: number, mode: string) => async (client: BenchClient, settings: Settings) => {
  const warm = client.channel(slug(client, mode, "warmup"))
  await warmUp(settings.warmup, concurrency, warm.publish)
  const channel = client.channel(slug(client, mode))
  return { summary: await timeOps(settings.publishes, concurrency, channel.publish) }
}

const history = async (client: BenchClient, settings: Settings) => {
  const channel = client.channel(historyChannel)
  const readAll = async () => {
    const count = await channel.history(settings.historyLimit)
    if (count !== settings.historyMessages) {
      throw new Error(`${client.name} (${client.format}) read ${count} of ${settings.historyMessages} messages`)
    }
  }
  await warmUp(settings.historyWarmupRounds, 1, readAll)
  const { memory, result } = await measureMemory(() => timeOps(settings.historyRounds, 1, readAll))
  return { summary: result, memory }
}

const time = async (client: BenchClient, settings: Settings) => {
  await warmUp(settings.warmup, 1, client.time)
  return { summary: await timeOps(settings.timeCalls, 1, client.time) }
}

const scenarios: ReadonlyArray<{
  readonly name: ScenarioName
  readonly run: (client: BenchClient, settings: Settings) => Promise<{ summary: Summary; memory?: MemoryUse }>
}> = [
  { name: "publish seq", run: publish(1, "seq") },
  { name: "publish c16", run: publish(16, "c16") },
  { name: "history", run: history },
  { name: "time", run: time }
]

export const runAll = async (
  clients: ReadonlyArray<BenchClient>,
  settings: Settings,
  progress: (line: string) => void
): Promise<ReadonlyArray<Result>> => {
  const results: Array<Result> = []
  for (const scenario of scenarios) {
    for (const client of clients) {
      const { memory, summary } = await scenario.run(client, settings)
      progress(`${scenario.name} ${client.name} ${client.format}: ${summary.opsPerSec.toFixed(0)} ops/s`)
      results.push({ scenario: scenario.name, client: client.name, format: client.format, summary, memory })
    }
  }
  return results
}
