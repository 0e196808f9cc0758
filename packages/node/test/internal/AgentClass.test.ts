import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as undici from "undici"
import * as AgentClass from "../../src/internal/AgentClass.js"

const root = fileURLToPath(new URL("../../../../", import.meta.url))
const fixture = fileURLToPath(new URL("../fixtures/lone-agent.ts", import.meta.url))

describe("AgentClass", () => {
  it.effect("is undici's own Agent class", () =>
    Effect.gen(function*() {
      const Agent = yield* AgentClass.load
      expect(Agent).toBe(undici.Agent)
      const agent = new Agent()
      expect(agent).toBeInstanceOf(undici.Dispatcher)
      yield* Effect.promise(() => agent.destroy())
    }))

  it("serves the engine in a fresh process that never evaluates undici's index", async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ["--import", "tsx", fixture],
        { cwd: root, timeout: 15_000 },
        (error, out) => error === null ? resolve(out) : reject(error)
      )
    )
    expect(JSON.parse(stdout)).toEqual({ status: 200, body: "pong", indexLoaded: false, agentLoaded: true })
  })
})
