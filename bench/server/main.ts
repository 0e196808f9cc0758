/**
 * A minimal Ably-shaped REST server for the bench, in its own process (node:http, nothing
 * decoded or validated, every body pre-serialised):
 *
 *   tsx bench/server/main.ts [--list-pages N]     prints `listening <port>` on stdout
 *
 * - `GET /time`
 * - `POST /channels/:name/messages`: drains the body, answers 201 `{channel, messageId, serials}`
 * - `GET /channels/pages-<P>/messages?limit=100|1000[&cursor=k]`: P pages of `limit` messages,
 *   `Link` first/current/next
 * - `GET /channels?limit=1000&by=id[&cursor=k]`: N (default 1000) pages of 1000 unique names;
 *   `prefix=warm` gives 3 pages, for warm-ups, `prefix=pages-<P>` the first P
 * - `GET /_bench/mark`: `{ requests, cpuUs }` so far, the server's own CPU (process.cpuUsage)
 *
 * JSON unless the request accepts `application/x-msgpack` or asks `format=msgpack`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import * as Bodies from "./bodies.js"

const argValue = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name)
  const value = at === -1 ? fallback : Number(process.argv[at + 1])
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`)
  return value
}

const listPages = argValue("--list-pages", 1000)
const listLimit = 1000
const warmListPages = 3

const pages: Record<number, Bodies.Body> = { 100: Bodies.historyPage(100), 1000: Bodies.historyPage(1000) }
const names: ReadonlyArray<Bodies.Body> = Array.from({ length: listPages }, (_, i) => Bodies.namesPage(i, listLimit))
const publishAnswers = new Map<string, Bodies.Body>()

const contentType = { json: "application/json", msgpack: "application/x-msgpack" } as const

const formatOf = (req: IncomingMessage, query: URLSearchParams): Bodies.Format =>
  query.get("format") === "msgpack" || (req.headers.accept ?? "").includes("msgpack") ? "msgpack" : "json"

let requests = 0

const send = (
  res: ServerResponse,
  status: number,
  format: Bodies.Format,
  body: Bodies.Body,
  link?: string
) => {
  const bytes = body[format]
  const headers: Record<string, string | number> = {
    "content-type": contentType[format],
    "content-length": bytes.length
  }
  if (link !== undefined) headers.link = link
  res.writeHead(status, headers)
  res.end(bytes)
}

const fail = (res: ServerResponse, status: number, message: string) => {
  const body = JSON.stringify({ error: { message, code: status * 100, statusCode: status } })
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
  res.end(body)
}

const links = (segment: string, params: string, cursor: number, last: number): string => {
  const first = `<./${segment}?${params}>; rel="first"`
  const current = `<./${segment}?${params}${cursor === 0 ? "" : `&cursor=${cursor}`}>; rel="current"`
  return cursor + 1 < last
    ? `${first}, ${current}, <./${segment}?${params}&cursor=${cursor + 1}>; rel="next"`
    : `${first}, ${current}`
}

const cursorOf = (query: URLSearchParams): number => Number(query.get("cursor") ?? "0")

const handle = (req: IncomingMessage, res: ServerResponse) => {
  requests++
  const url = req.url ?? "/"
  const q = url.indexOf("?")
  const path = q === -1 ? url : url.slice(0, q)
  const query = new URLSearchParams(q === -1 ? "" : url.slice(q + 1))
  const format = formatOf(req, query)
  const suffix = format === "msgpack" && query.get("format") === "msgpack" ? "&format=msgpack" : ""

  if (path === "/time") return send(res, 200, format, Bodies.time)
  if (path === "/_bench/mark") {
    const cpu = process.cpuUsage()
    const body = Buffer.from(JSON.stringify({ requests, cpuUs: cpu.user + cpu.system }))
    return send(res, 200, "json", { json: body, msgpack: body })
  }
  if (path === "/channels") {
    const limit = Number(query.get("limit") ?? "100")
    if (limit !== listLimit) return fail(res, 400, `bench server: channel pages are of ${listLimit}`)
    const cursor = cursorOf(query)
    const prefix = query.get("prefix")
    // `pages-N` enumerates the first N pages (the valgrind slope's two sizes), `warm` three.
    const sized = prefix === null ? null : /^pages-(\d+)$/.exec(prefix)
    const last = prefix === "warm" ? warmListPages : sized === null ? listPages : Math.min(Number(sized[1]), listPages)
    const body = names[cursor]
    if (body === undefined || cursor >= last) return fail(res, 400, "bench server: invalid cursor")
    const params = `limit=${limit}&by=id${prefix === null ? "" : `&prefix=${prefix}`}${suffix}`
    return send(res, 200, format, body, links("channels", params, cursor, last))
  }
  const match = /^\/channels\/([^/]+)\/messages$/.exec(path)
  if (match === null) return fail(res, 404, `bench server: no route ${req.method} ${path}`)
  const channel = decodeURIComponent(match[1]!)
  if (req.method === "POST") {
    req.resume()
    req.on("end", () => {
      let body = publishAnswers.get(channel)
      if (body === undefined) publishAnswers.set(channel, body = Bodies.published(channel))
      send(res, 201, format, body)
    })
    return
  }
  const total = /^pages-(\d+)$/.exec(channel)
  const limit = Number(query.get("limit") ?? "100")
  const body = pages[limit]
  if (total === null || body === undefined) return fail(res, 400, "bench server: history is pages-<P>, limit 100|1000")
  const cursor = cursorOf(query)
  const params = `limit=${limit}${suffix}`
  return send(res, 200, format, body, links("messages", params, cursor, Number(total[1])))
}

const server = createServer({ keepAliveTimeout: 60_000 }, handle)
server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  if (address === null || typeof address === "string") throw new Error("bench server: no port")
  process.stdout.write(`listening ${address.port}\n`)
})
process.on("SIGTERM", () => server.close(() => process.exit(0)))
