import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Agent } from "undici"
import { Agents } from "../../src/internal/Agents.js"

// Records the options each Agent is built with.
const recording = () => {
  const built: Array<Agent.Options | undefined> = []
  class Recorded extends Agent {
    constructor(options?: Agent.Options) {
      super(options)
      built.push(options)
    }
  }
  return { built, agents: new Agents(Recorded) }
}

describe("Agents", () => {
  it.effect("one Agent per connect timeout, built with it as undici's connect timeout", () =>
    Effect.promise(async () => {
      const { agents, built } = recording()
      const first = agents.for(4_000)
      expect(agents.for(4_000)).toBe(first)
      const other = agents.for(250)
      expect(other).not.toBe(first)
      expect(agents.for(4_000)).toBe(first)
      expect(built).toEqual([{ connect: { timeout: 4_000 } }, { connect: { timeout: 250 } }])
      await agents.destroy()
      expect(first.destroyed).toBe(true)
      expect(other.destroyed).toBe(true)
    }))

  it.effect("no usable connect timeout: one Agent with undici's default", () =>
    Effect.promise(async () => {
      const { agents, built } = recording()
      const none = agents.for(undefined)
      expect(agents.for(0)).toBe(none)
      expect(agents.for(Number.NaN)).toBe(none)
      expect(built).toEqual([undefined])
      await agents.destroy()
    }))

  it.effect("an Agent asked for after destroy is closed at once", () =>
    Effect.promise(async () => {
      const { agents } = recording()
      await agents.destroy()
      const late = agents.for(1_000)
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(late.destroyed).toBe(true)
    }))
})
