import { ErrorCode, Errors, Rest } from "@effect-ably/core"
import { layerRest } from "@effect-ably/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const packages = fileURLToPath(new URL("../../../", import.meta.url))

const sources = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : name.endsWith(".ts") ? [path] : []
  })

// Every literal code the SDK and the emulator make errors with or test for.
const usedCodes = (): Map<number, string> => {
  const found = new Map<number, string>()
  const patterns = [/ablyError\(\s*(\d{5})\b/g, /\bcode === (\d{5})\b/g, /\bcode: (\d{5})\b/g]
  for (const pkg of ["core", "node", "browser", "emulator"]) {
    for (const file of sources(join(packages, pkg, "src"))) {
      const text = readFileSync(file, "utf8")
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) found.set(Number(match[1]), file.slice(packages.length))
      }
    }
  }
  return found
}

describe("ErrorCode", () => {
  it("has every code the SDK and the emulator use", () => {
    const used = usedCodes()
    expect(used.size).toBeGreaterThan(25)
    const missing = [...used].filter(([code]) => !ErrorCode.isKnown(code)).map(([code, file]) => `${code} (${file})`)
    expect(missing).toEqual([])
  })

  it("has one name per code, read back to the same code, and a one-line description", () => {
    const codes = [40000, 40142, 40160, 42910, 50320, 50330, 93002]
    for (const code of codes) {
      const name = Option.getOrThrow(ErrorCode.name(code))
      expect(ErrorCode.code(name)).toBe(code)
      expect(Option.getOrThrow(ErrorCode.description(code))).toMatch(/^[A-Z].{8,150}\.$/)
    }
    expect(ErrorCode.name(12345)).toEqual(Option.none())
    expect(ErrorCode.description(12345)).toEqual(Option.none())
    expect(ErrorCode.isKnown(40142.5)).toBe(false)
  })

  it("42911 is a realtime connection's limit (ably-common): its description points REST users to 42910", () => {
    const description = Option.getOrThrow(ErrorCode.description(42911))
    expect(description).toMatch(/realtime connection/)
    expect(description).toMatch(/42910/)
    expect(Option.getOrThrow(ErrorCode.description(42910))).toMatch(/rate limit/)
  })

  it("families and statuses follow the ranges, and agree with AblyError's reason", () => {
    expect(ErrorCode.family(40142)).toBe("Unauthorized")
    expect(ErrorCode.family(40310)).toBe("Forbidden")
    expect(ErrorCode.family(42911)).toBe("RateLimit")
    expect(ErrorCode.family(50320)).toBe("Server")
    expect(ErrorCode.family(80019)).toBe("Connection")
    expect(ErrorCode.family(93002)).toBe("Channel")
    expect(ErrorCode.family(Number.NaN)).toBe("Other")
    expect(ErrorCode.statusOf(42910)).toEqual(Option.some(429))
    expect(ErrorCode.statusOf(91000)).toEqual(Option.none())
    for (const code of [40000, 40101, 40142, 40160, 40300, 40400, 42910, 50000, 50003]) {
      const status = Option.getOrThrow(ErrorCode.statusOf(code))
      const family = ErrorCode.family(code)
      const reason = Errors.ablyError(code, status, "m").reason
      if (family === "Unauthorized" || family === "Forbidden") expect(reason).toBe("Auth")
      if (family === "RateLimit") expect(reason).toBe("RateLimit")
      if (family === "Server") expect(["Server", "Timeout"]).toContain(reason)
    }
  })

  it("types a name's code as its literal", () => {
    const expired: 40142 = ErrorCode.code("TokenExpired")
    const denied: ErrorCode.CodeOf<"CapabilityDenied"> = 40160
    expect([expired, denied]).toEqual([40142, 40160])
  })

  it.effect("is(...) matches an error from the emulator by name: 40160 capability denied", () =>
    Effect.gen(function*() {
      const rest = yield* Rest.Rest
      const outcome = yield* rest.channels.get("orders").publish("created", { id: 1 }).pipe(
        Effect.as("published"),
        Effect.catchIf(ErrorCode.is("TokenExpired"), () => Effect.succeed("expired")),
        Effect.catchIf(
          ErrorCode.is("IdentifiedClientRequired", "CapabilityDenied"),
          (error) => Effect.succeed(`denied ${error.code}`)
        )
      )
      expect(outcome).toBe("denied 40160")
    }).pipe(Effect.provide(layerRest({ capability: { other: ["publish"] } }))))
})
