import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const source = (file: string) => fileURLToPath(new URL(`./packages/${file}`, import.meta.url))

// Tests run against sources: each workspace package entry resolves to its src file.
const alias = [
  { find: /^@effect-ably\/core\/wire$/, replacement: source("core/src/wire.ts") },
  { find: /^@effect-ably\/emulator\/server$/, replacement: source("emulator/src/server.ts") },
  // A public module by its subpath (`@effect-ably/core/Rest`, `@effect-ably/node/promise`).
  { find: /^@effect-ably\/(core|node|browser)\/(\w+)$/, replacement: source("$1/src/$2.ts") },
  ...["core", "node", "browser", "emulator", "cli"].map((name) => ({
    find: new RegExp(`^@effect-ably/${name}$`),
    replacement: source(`${name}/src/index.ts`)
  }))
]

export default defineConfig({
  test: {
    projects: ["core", "node", "browser", "emulator", "cli"].map((name) => ({
      resolve: { alias },
      test: {
        name,
        include: [`packages/${name}/test/**/*.test.ts`],
        testTimeout: 20_000
      }
    })).concat({
      // The examples, run and checked (examples/test/).
      resolve: { alias },
      test: { name: "examples", include: ["examples/test/**/*.test.ts"], testTimeout: 20_000 }
    }, {
      // The build's own machinery (scripts/).
      resolve: { alias },
      test: { name: "scripts", include: ["scripts/**/*.test.ts"], testTimeout: 20_000 }
    }, {
      resolve: { alias },
      // Chromium, Deno, Bun and workerd against the loopback emulator (runtimes/README in the root README).
      test: { name: "runtimes", include: ["runtimes/**/*.test.ts"], testTimeout: 120_000 }
    })
  }
})
