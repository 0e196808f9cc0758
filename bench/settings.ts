/**
 * Bench sizes from the command line: `--quick` is a smoke run (seconds), the default is sized
 * for stable numbers (a minute or two).
 */
export interface Settings {
  readonly quick: boolean
  /** Ops of each scenario run untimed before it is measured, per client. */
  readonly warmup: number
  /** Single-message publishes, sequential and then concurrent. */
  readonly publishes: number
  readonly concurrency: number
  /** Full reads of the seeded history (`historyMessages` in pages of `historyLimit`). */
  readonly historyRounds: number
  readonly historyWarmupRounds: number
  readonly historyMessages: number
  readonly historyLimit: number
  readonly timeCalls: number
}

const shared = { concurrency: 16, historyMessages: 1000, historyLimit: 100 } as const

export const quick: Settings = {
  ...shared,
  quick: true,
  warmup: 50,
  publishes: 200,
  historyRounds: 2,
  historyWarmupRounds: 1,
  timeCalls: 200
}

export const full: Settings = {
  ...shared,
  quick: false,
  warmup: 200,
  publishes: 4000,
  historyRounds: 40,
  historyWarmupRounds: 3,
  timeCalls: 4000
}

export const fromArgs = (args: ReadonlyArray<string>): Settings => {
  // `pnpm bench -- --quick` passes the `--` through.
  const unknown = args.filter((arg) => arg !== "--quick" && arg !== "--")
  if (unknown.length > 0) throw new Error(`unknown arguments: ${unknown.join(" ")} (usage: tsx bench/run.ts [--quick])`)
  return args.includes("--quick") ? quick : full
}
