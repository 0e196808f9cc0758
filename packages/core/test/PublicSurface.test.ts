import * as Core from "@effect-ably/core"
import * as Wire from "@effect-ably/core/wire"
import { describe, expect, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"

// The API is this list: anything else lives in src/internal/ and is not exported.
const publicModules = [
  "AblyOptions",
  "Annotation",
  "AuthCallback",
  "BatchPresence",
  "BatchPublish",
  "BatchResult",
  "Capability",
  "ChannelDetails",
  "ChannelOptions",
  "ClientOptions",
  "Crypto",
  "DataCodec",
  "Deadline",
  "ErrorCode",
  "Errors",
  "FallbackPolicy",
  "HistoryParams",
  "Limits",
  "ListParams",
  "Message",
  "Paginated",
  "PresenceMessage",
  "PresenceParams",
  "PromiseClient",
  "Push",
  "RateLimit",
  "Request",
  "Rest",
  "RestConfig",
  "RestChannel",
  "RestPresence",
  "Revoke",
  "Stats",
  "StatsParams",
  "TokenDetails",
  "TokenParams",
  "TokenRequest",
  "Version"
]

const src = new URL("../src/", import.meta.url)
const packageJson: unknown = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))

describe("the public surface", () => {
  it("the barrel exports exactly the public modules", () => {
    expect(Object.keys(Core).sort()).toEqual([...publicModules].sort())
  })

  it("each public namespace is the file of the same name, and every top-level file is public", () => {
    const files = readdirSync(src).filter((name) => name.endsWith(".ts")).map((name) => name.slice(0, -3))
    expect(files.filter((name) => name !== "index" && name !== "wire").sort()).toEqual([...publicModules].sort())
    const barrel = readFileSync(new URL("index.ts", src), "utf8")
    for (const name of publicModules) expect(barrel).toContain(`export * as ${name} from "./${name}.js"`)
  })

  it("the wire entry for tools holds the codec, UTF-8, message rules, channel-name, Link, legacy-stats and bucket modules only", () => {
    expect(Object.keys(Wire).sort()).toEqual([
      "Bucket",
      "ChannelName",
      "Codec",
      "Link",
      "MessageRules",
      "StatsLegacy",
      "Utf8"
    ])
    expect(typeof Wire.Codec.decode).toBe("function")
    expect(typeof Wire.Bucket.tryTake).toBe("function")
  })

  it("internal modules cannot be imported from the package", () => {
    expect(packageJson).toMatchObject({ exports: { "./internal/*": null } })
  })
})
