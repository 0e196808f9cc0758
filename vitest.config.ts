import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const pkg = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url))

// Tests run against sources: each workspace package resolves to its src entry.
const alias = {
  // Before "@effect-ably/emulator": an alias also matches its subpaths.
  "@effect-ably/emulator/server": fileURLToPath(new URL("./packages/emulator/src/server.ts", import.meta.url)),
  "@effect-ably/core": pkg("core"),
  "@effect-ably/node": pkg("node"),
  "@effect-ably/browser": pkg("browser"),
  "@effect-ably/emulator": pkg("emulator")
}

export default defineConfig({
  test: {
    projects: ["core", "node", "browser", "emulator"].map((name) => ({
      resolve: { alias },
      test: {
        name,
        include: [`packages/${name}/test/**/*.test.ts`],
        testTimeout: 20_000
      }
    }))
  }
})
