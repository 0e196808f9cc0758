/**
 * The import guard's probe, in its own process (`node --import tsx probe.ts <module path> <edges file>`):
 * counts the timers and sockets started while the module is imported, and records every
 * module edge (ES modules through module hooks, CommonJS through `require`), so the test can
 * list the `node:` modules reachable from the module. Prints one JSON line.
 */
import { appendFileSync } from "node:fs"
import { createRequire, isBuiltin, Module, register } from "node:module"
import * as net from "node:net"
import { pathToFileURL } from "node:url"

const [target, edges] = process.argv.slice(2) as [string, string]
register("./hooks.mjs", import.meta.url, { data: { file: edges } })

const started: Array<string> = []
const wrap = <K extends "setTimeout" | "setInterval" | "setImmediate">(name: K) => {
  const original = globalThis[name]
  const patched = (...args: Array<unknown>) => {
    started.push(name)
    return Reflect.apply(original, globalThis, args)
  }
  Object.assign(globalThis, { [name]: patched })
  return () => Object.assign(globalThis, { [name]: original })
}
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function(this: net.Socket, ...args: Array<never>) {
  started.push("socket")
  return Reflect.apply(connect, this, args)
}
const fetch = globalThis.fetch
globalThis.fetch = (...args) => {
  started.push("fetch")
  return fetch(...args)
}
const require_ = Module.prototype.require
Module.prototype.require = function(this: Module, id: string) {
  const loaded = Reflect.apply(require_, this, [id])
  const url = isBuiltin(id)
    ? (id.startsWith("node:") ? id : `node:${id}`)
    : pathToFileURL(createRequire(this.filename).resolve(id)).href
  appendFileSync(edges, `${pathToFileURL(this.filename).href}\t${url}\n`)
  return loaded
} as typeof require_

const restore = [wrap("setTimeout"), wrap("setInterval"), wrap("setImmediate")]
const before = new Set(process.getActiveResourcesInfo())
await import(pathToFileURL(target).href)
const after = process.getActiveResourcesInfo().filter((resource) => !before.has(resource))
restore.forEach((undo) => undo())
process.stdout.write(`${JSON.stringify({ started, active: after })}\n`)
