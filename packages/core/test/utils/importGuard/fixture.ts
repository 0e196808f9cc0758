// A module that does what the guarded entries must not: the import guard's own test imports
// it to show the probe sees a timer, a socket and a `node:` module.
import { createConnection } from "node:net"

setTimeout(() => {}, 1).unref()
createConnection({ port: 9, host: "127.0.0.1" }).on("error", () => {}).destroy()
