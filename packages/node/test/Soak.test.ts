/**
 * Soak (issue #9): 10,000 publishes at concurrency 16 over real sockets (undici) to a 3-host
 * loopback emulator that faults about 20% of publish requests, before and after the message is
 * stored. Nothing may be lost (a publish reported done is stored), nothing stored twice (ids and
 * payloads checked in the emulator's history), and every publish that ran out of hosts must
 * surface as a typed error — also when each publish is wrapped in `Effect.retry`.
 */
import { Errors, Rest } from "@effect-ably/core"
import { Emulator, type FaultRule } from "@effect-ably/emulator"
import { EmulatorAddress, layerServer } from "@effect-ably/emulator/server"
import { NodeRest } from "@effect-ably/node"
import { describe, expect, layer } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"

const publishes = Number(process.env["SOAK_PUBLISHES"] ?? 10_000)
const concurrency = 16
const hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
const timeout = 400

// One in five publish requests, on every host, draws one of these.
const actions: readonly [FaultRule.FaultAction, ...Array<FaultRule.FaultAction>] = [
  { type: "status", status: 503 },
  { type: "status", status: 500, stage: "after" },
  { type: "status", status: 504, server: "CloudFront" },
  { type: "reset" },
  { type: "reset", stage: "after" },
  { type: "delay", ms: timeout + 200 },
  { type: "truncate" },
  { type: "contentType" }
]
const rules: ReadonlyArray<FaultRule.FaultRule> = [
  { method: "POST", path: "/channels/:channel/messages", probability: 0.2, action: actions }
]

const clientFor = Effect.gen(function*() {
  const { port } = yield* EmulatorAddress
  const emulator = yield* Emulator
  const app = yield* emulator.createApp()
  // Built in the caller's scope: the undici dispatcher lives as long as the layer.
  const rest = yield* Effect.map(
    Layer.build(NodeRest.layer({
      key: app.keys[0]!.keyStr,
      restHost: hosts[0],
      fallbackHosts: hosts.slice(1),
      port,
      tls: false,
      httpRequestTimeout: timeout
    })),
    Context.get(Rest.Rest)
  )
  return { app, emulator, rest }
})

interface Outcome {
  readonly stored: number
  readonly succeeded: number
  readonly typedFailures: number
  readonly faulted: number
}

const soak = (channel: string, wrap: <A, E>(publish: Effect.Effect<A, E>) => Effect.Effect<A, E>) =>
  Effect.gen(function*() {
    const { app, emulator, rest } = yield* clientFor
    yield* emulator.faults.set(rules, { seed: channel })
    const target = rest.channel(channel)
    const exits = yield* Effect.forEach(
      Array.from({ length: publishes }, (_, index) => index),
      (index) => Effect.exit(wrap(target.publish("soak", { index }))),
      { concurrency }
    )
    const faulted = (yield* emulator.faults.rules).reduce((total, status) => total + status.fired, 0)
    yield* emulator.faults.clear

    const stored = yield* emulator.messages(app.appId, channel)
    const indexes = stored.map((message) => {
      const data: unknown = message.data
      return typeof data === "string" ? (JSON.parse(data) as { index: number }).index : -1
    })
    // Nothing stored twice: one stored message per id and per payload.
    expect(new Set(stored.map((message) => message.id)).size).toBe(stored.length)
    expect(new Set(indexes).size).toBe(stored.length)
    expect(indexes.every((index) => index >= 0 && index < publishes)).toBe(true)

    const storedIndexes = new Set(indexes)
    let succeeded = 0
    let typedFailures = 0
    exits.forEach((exit, index) => {
      if (Exit.isSuccess(exit)) {
        succeeded++
        // Nothing lost: a publish reported done is in the history.
        expect(storedIndexes.has(index)).toBe(true)
        return
      }
      // Every failure is a typed AblyError, never a defect or an interruption.
      const failure = Cause.failureOption(exit.cause)
      expect(Cause.isDie(exit.cause) || Cause.isInterrupted(exit.cause)).toBe(false)
      expect(failure._tag === "Some" && Errors.isAblyError(failure.value)).toBe(true)
      typedFailures++
    })
    return { stored: stored.length, succeeded, typedFailures, faulted } satisfies Outcome
  }).pipe(Effect.scoped)

const report = (label: string, outcome: Outcome) =>
  Effect.sync(() =>
    console.log(
      `soak ${label}: ${publishes} publishes, ${outcome.faulted} faulted requests, ${outcome.succeeded} succeeded, ` +
        `${outcome.typedFailures} typed failures, ${outcome.stored} stored, 0 lost, 0 duplicated`
    )
  )

layer(layerServer({ port: 0, hosts }), { excludeTestServices: true, timeout: "240 seconds" })(
  "soak: publishes through faults on 3 loopback hosts",
  (it) => {
    describe("RSL1k - idempotent publishing under faults", () => {
      it.effect(
        `${publishes} publishes, each sent once by the caller: 0 lost, 0 duplicated, failures typed`,
        () =>
          Effect.gen(function*() {
            const outcome = yield* soak("soak-plain", (publish) => publish)
            expect(outcome.faulted).toBeGreaterThan(publishes * 0.15)
            // Stored = every success plus the failures whose fault came after the store.
            expect(outcome.stored).toBeGreaterThanOrEqual(outcome.succeeded)
            yield* report("plain", outcome)
          }),
        { timeout: 240_000 }
      )

      it.effect(
        `${publishes} publishes wrapped in Effect.retry: every message stored exactly once`,
        () =>
          Effect.gen(function*() {
            const outcome = yield* soak(
              "soak-retry",
              (publish) => Effect.retry(publish, Schedule.recurs(10))
            )
            expect(outcome.succeeded).toBe(publishes)
            expect(outcome.stored).toBe(publishes)
            yield* report("Effect.retry", outcome)
          }),
        { timeout: 240_000 }
      )
    })
  }
)
