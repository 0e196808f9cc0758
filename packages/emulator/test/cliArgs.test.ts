import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { keyApps } from "../src/internal/cli/AppFile.js"
import { parse } from "../src/internal/cli/Args.js"

const problem = (args: ReadonlyArray<string>) =>
  Either.match(parse(args), { onLeft: (message) => message, onRight: () => "parsed" })

describe("CLI arguments", () => {
  it("--max-rate and --max-requests: positive numbers per second", () => {
    expect(parse(["--max-rate", "50", "--max-requests=2.5"])).toEqual(Either.right({
      help: false,
      port: 0,
      hosts: [],
      keys: [],
      appFile: undefined,
      json: false,
      maxRate: 50,
      maxRequests: 2.5
    }))
    for (const bad of ["0", "-1", "abc", "1e3", "Infinity", ""]) {
      expect(problem(["--max-rate", bad])).toMatch(/^invalid --max-rate '.*': expected a positive number per second$/)
    }
  })

  it("defaults: any port, no hosts (127.0.0.1), no keys, text output", () => {
    expect(parse([])).toEqual(
      Either.right({ help: false, port: 0, hosts: [], keys: [], appFile: undefined, json: false })
    )
  })

  it("every option, spaced and with '=', short forms", () => {
    expect(
      parse([
        "-p",
        "8080",
        "--host=127.0.0.1",
        "--host",
        "127.0.0.2",
        "--key=app.root:secret",
        "--key",
        "b.k:s/+=.",
        "--app-file",
        "a.json",
        "--json",
        "-h"
      ])
    )
      .toEqual(Either.right({
        help: true,
        port: 8080,
        hosts: ["127.0.0.1", "127.0.0.2"],
        keys: [{ appId: "app", keyId: "root", keySecret: "secret" }, { appId: "b", keyId: "k", keySecret: "s/+=." }],
        appFile: "a.json",
        json: true
      }))
  })

  it("bad input is one line naming the option (never the key's value)", () => {
    expect(problem(["--bogus"])).toBe("unknown option '--bogus'")
    expect(problem(["--bogus=1"])).toBe("unknown option '--bogus'")
    expect(problem(["stray"])).toBe("unexpected argument 'stray'")
    expect(problem(["--port"])).toBe("option '--port' needs a value")
    expect(problem(["--port", "65536"])).toBe("invalid --port '65536': expected 0 to 65535")
    expect(problem(["--port", "-1"])).toBe("invalid --port '-1': expected 0 to 65535")
    expect(problem(["--port", "80.5"])).toBe("invalid --port '80.5': expected 0 to 65535")
    expect(problem(["--host", ""])).toBe("invalid --host '': expected an address")
    expect(problem(["--json=yes"])).toBe("option '--json' takes no value")
    expect(problem(["--app-file="])).toBe("invalid --app-file '': expected a path")
    for (const key of ["nocolon", "app:secret", "a.b.c:secret", "a.b:", "a.b:sec ret", ".b:s"]) {
      const message = problem(["--key", key])
      expect(message).toMatch(/^invalid --key: expected <appId>\.<keyId>:<secret>/)
      expect(message).not.toContain(key)
    }
  })

  it("--key values group into one app per app id, in order", () => {
    expect(keyApps([
      { appId: "a", keyId: "one", keySecret: "s1" },
      { appId: "b", keyId: "only", keySecret: "s2" },
      { appId: "a", keyId: "two", keySecret: "s3" }
    ])).toEqual([
      {
        spec: { appId: "a", keys: [{ keyId: "one", keySecret: "s1" }, { keyId: "two", keySecret: "s3" }] },
        messages: {}
      },
      { spec: { appId: "b", keys: [{ keyId: "only", keySecret: "s2" }] }, messages: {} }
    ])
  })
})
