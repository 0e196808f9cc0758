import { describe, expect, it } from "@effect/vitest"
import { equalBytes, equalStrings } from "../src/auth/ConstantTime.js"

describe("ConstantTime", () => {
  it("equal only when every byte and the length match", () => {
    expect(equalStrings("s3cret", "s3cret")).toBe(true)
    expect(equalStrings("", "")).toBe(true)
    expect(equalStrings("s3cret", "s3creT")).toBe(false)
    expect(equalStrings("S3cret", "s3cret")).toBe(false)
    expect(equalStrings("s3cre", "s3cret")).toBe(false)
    expect(equalStrings("s3crets3cret", "s3cret")).toBe(false) // a repetition of the secret is not the secret
    expect(equalStrings("", "s3cret")).toBe(false)
    expect(equalStrings("s3cret", "")).toBe(false)
    expect(equalStrings("é", "e\u0301")).toBe(false) // compared as UTF-8 bytes, not normalised
    expect(equalBytes(new Uint8Array([0, 255]), new Uint8Array([0, 255]))).toBe(true)
    expect(equalBytes(new Uint8Array([0, 255]), new Uint8Array([0, 254]))).toBe(false)
    expect(equalBytes(new Uint8Array(256), new Uint8Array(255))).toBe(false) // 256 ^ 255 ≠ 0, and 256 vs 0 bytes
    expect(equalBytes(new Uint8Array(256), new Uint8Array(0))).toBe(false)
  })

  it("the time does not depend on where the first difference is", () => {
    const secret = new Uint8Array(4096).fill(7)
    const early = secret.slice()
    early[0] = 8
    const late = secret.slice()
    late[4095] = 8
    const time = (presented: Uint8Array) => {
      const start = process.hrtime.bigint()
      for (let i = 0; i < 2000; i++) equalBytes(presented, secret)
      return Number(process.hrtime.bigint() - start)
    }
    time(early)
    time(late) // warm up
    const samples = Array.from({ length: 5 }, () => [time(early), time(late)] as const)
    const median = (values: Array<number>) => values.sort((a, b) => a - b)[2]!
    const ratio = median(samples.map(([e]) => e)) / median(samples.map(([, l]) => l))
    // An early-exit comparison would make `early` about a thousand times faster (ratio ≈ 0.001);
    // the wide band only absorbs scheduling noise on a busy machine.
    expect(ratio).toBeGreaterThan(0.2)
    expect(ratio).toBeLessThan(5)
  })
})
