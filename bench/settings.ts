/**
 * Bench sizes from the command line: `--quick` is a smoke run (well under a minute, no
 * valgrind), the default the full set. `--rounds N`, `--no-valgrind`, `--valgrind-repeat` and
 * `--only <scenario>` (repeatable: those scenarios only, rounds and valgrind) adjust a run.
 * `--client <name>` (repeatable) keeps those clients only, raw undici always (the ratios' base).
 * `--against <checkout>` adds the client `effect-ably@base`: the same effect-ably bench client over
 * another checkout's packages, next to every effect-ably variant (rounds and valgrind).
 */
import type { ClientName, Format } from "./client/Client.js"
import type { Scenario } from "./client/Job.js"

export interface Size {
  readonly size: number
  readonly warmup: number
}

/** A scenario under valgrind: two runs of `sizes[0]` and `sizes[1]` units after the same warm-up. */
export interface SlopeSize {
  readonly sizes: readonly [number, number]
  readonly warmup: number
}

export interface Settings {
  readonly quick: boolean
  readonly rounds: number
  readonly valgrind: boolean
  /** The scenarios `--only` kept (undefined: every one). */
  readonly only?: ReadonlyArray<Scenario> | undefined
  /** The clients `--client` kept besides raw undici (undefined: every one). */
  readonly clients?: ReadonlyArray<ClientName> | undefined
  /** Another checkout (installed) that `effect-ably@base` imports the packages from. */
  readonly against?: string | undefined
  /** Only re-render a saved run's JSON (`--report PATH`). */
  readonly report?: string | undefined
  /** Pages of 1000 names the server enumerates (1000: 1M names). */
  readonly listPages: number
  readonly scenarios: ReadonlyArray<readonly [Scenario, Size]>
  /** The runs measured under valgrind: per unit, the slope between two sizes. */
  readonly valgrindScenarios: ReadonlyArray<readonly [Scenario, SlopeSize]>
  /** Measure each valgrind pair twice and report the spread (`--valgrind-repeat`). */
  readonly valgrindRepeat: boolean
  readonly valgrindVariants: ReadonlyArray<Variant>
  readonly variants: ReadonlyArray<Variant>
}

export interface Variant {
  readonly client: ClientName
  readonly format: Format
}

/** Raw undici and the floor speak JSON only; both SDKs JSON and msgpack; effect-ably under a recording tracer JSON. */
const allVariants: ReadonlyArray<Variant> = [
  { client: "raw-undici", format: "json" },
  { client: "floor", format: "json" },
  { client: "ably-js", format: "json" },
  { client: "ably-js", format: "msgpack" },
  { client: "effect-ably", format: "json" },
  { client: "effect-ably", format: "msgpack" },
  { client: "effect-ably+spans", format: "json" }
]

const full: Settings = {
  quick: false,
  rounds: 3,
  valgrind: true,
  listPages: 1000,
  scenarios: [
    ["publish-c1", { size: 500, warmup: 200 }],
    ["publish-c16", { size: 1000, warmup: 200 }],
    ["history-100", { size: 2, warmup: 1 }],
    ["stream-1m", { size: 1000, warmup: 2 }],
    ["list-1m", { size: 1000, warmup: 1 }],
    ["time", { size: 500, warmup: 200 }]
  ],
  // Each valgrind run costs half a minute to a minute of CPU: the headline scenarios, JSON,
  // every client, two sizes each (the slope cancels start-up, warm-up and the code's loading).
  valgrindScenarios: [
    ["publish-c1", { sizes: [500, 1500], warmup: 500 }],
    ["publish-c16", { sizes: [1000, 3000], warmup: 500 }],
    ["time", { sizes: [500, 1500], warmup: 500 }],
    ["history-100", { sizes: [1, 3], warmup: 1 }],
    // Pages of 1000 names (the server's `pages-N` prefix): about a minute per run.
    ["list-1m", { sizes: [50, 250], warmup: 1 }]
  ],
  valgrindRepeat: false,
  valgrindVariants: allVariants.filter((v) => v.format === "json"),
  variants: allVariants
}

const quick: Settings = {
  quick: true,
  rounds: 1,
  valgrind: false,
  listPages: 20,
  scenarios: [
    // The same code paths as the full set with fewer processes (each start costs a second or more).
    ["publish-c16", { size: 200, warmup: 20 }],
    ["history-100", { size: 1, warmup: 0 }],
    ["list-1m", { size: 20, warmup: 1 }],
    ["time", { size: 100, warmup: 20 }]
  ],
  valgrindScenarios: [],
  valgrindRepeat: false,
  valgrindVariants: [],
  variants: allVariants.filter((v) => v.format === "json")
}

const usage =
  "usage: tsx bench/run.ts [--quick] [--rounds N] [--no-valgrind] [--valgrind-repeat] [--only <scenario>]... " +
  "[--client <name>]... [--against <checkout>] [--report results.json]"

const scenarioNames: ReadonlyArray<Scenario> = [
  "publish-c1",
  "publish-c16",
  "history-100",
  "stream-1m",
  "list-1m",
  "time"
]

const isScenario = (name: string | undefined): name is Scenario => scenarioNames.some((known) => known === name)

// Keeps the scenarios named by `--only` (all when none is).
const restrict = (settings: Settings, only: ReadonlyArray<Scenario>): Settings =>
  only.length === 0 ? settings : {
    ...settings,
    only,
    scenarios: settings.scenarios.filter(([scenario]) => only.includes(scenario)),
    valgrindScenarios: settings.valgrindScenarios.filter(([scenario]) => only.includes(scenario))
  }

// Every effect-ably variant gets an `effect-ably@base` twin right after it.
const withBase = (variants: ReadonlyArray<Variant>): ReadonlyArray<Variant> =>
  variants.flatMap((v) => v.client === "effect-ably" ? [v, { ...v, client: "effect-ably@base" as const }] : [v])

const clientNames: ReadonlyArray<ClientName> = [
  "raw-undici",
  "floor",
  "ably-js",
  "effect-ably",
  "effect-ably+spans",
  "effect-ably@base"
]

const isClient = (name: string | undefined): name is ClientName => clientNames.some((known) => known === name)

// Keeps the clients named by `--client` (all when none is), and raw undici; `effect-ably@base`
// (added by `--against`) goes with `effect-ably`, whose A/B twin it is.
const keep = (settings: Settings, clients: ReadonlyArray<ClientName>): Settings => {
  if (clients.length === 0) return settings
  const kept = (v: Variant) =>
    v.client === "raw-undici" || clients.includes(v.client) ||
    (v.client === "effect-ably@base" && clients.includes("effect-ably"))
  return {
    ...settings,
    clients,
    variants: settings.variants.filter(kept),
    valgrindVariants: settings.valgrindVariants.filter(kept)
  }
}

const against = (settings: Settings, dir: string): Settings => ({
  ...settings,
  against: dir,
  variants: withBase(settings.variants),
  valgrindVariants: withBase(settings.valgrindVariants)
})

export const fromArgs = (args: ReadonlyArray<string>): Settings => {
  // `pnpm bench -- --quick` passes the `--` through.
  const rest = args.filter((arg) => arg !== "--")
  let settings = rest.includes("--quick") ? quick : full
  const only: Array<Scenario> = []
  const clients: Array<ClientName> = []
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]
    if (arg === "--quick") continue
    else if (arg === "--no-valgrind") settings = { ...settings, valgrind: false }
    else if (arg === "--valgrind-repeat") settings = { ...settings, valgrindRepeat: true }
    else if (arg === "--report" && rest[i + 1] !== undefined) settings = { ...settings, report: rest[++i] }
    else if (arg === "--against" && rest[i + 1] !== undefined) settings = against(settings, rest[++i]!)
    else if (arg === "--only") {
      const scenario = rest[++i]
      if (!isScenario(scenario)) throw new Error(`--only takes one of ${scenarioNames.join(", ")} (${usage})`)
      only.push(scenario)
    } else if (arg === "--client") {
      const client = rest[++i]
      if (!isClient(client)) throw new Error(`--client takes one of ${clientNames.join(", ")} (${usage})`)
      clients.push(client)
    } else if (arg === "--rounds") {
      const rounds = Number(rest[++i])
      if (!Number.isInteger(rounds) || rounds < 1) throw new Error(usage)
      settings = { ...settings, rounds }
    } else throw new Error(`unknown argument ${arg} (${usage})`)
  }
  return keep(restrict(settings, only), clients)
}
