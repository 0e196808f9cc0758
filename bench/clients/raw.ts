/**
 * The floor: the same HTTP calls made by hand with undici (own keep-alive `Agent`, Basic auth,
 * JSON, `X-Ably-Version: 6`, an idempotent message id like the SDKs send).
 */
import { randomBytes } from "node:crypto"
import { Agent, request } from "undici"
import { type BenchClient, payload, type Target } from "./Client.js"

const nextLink = (link: string | Array<string> | undefined): string | undefined => {
  const header = Array.isArray(link) ? link.join(", ") : link
  return header === undefined ? undefined : /<\.\/messages\?([^>]*)>;\s*rel="next"/.exec(header)?.[1]
}

export const make = (target: Target): BenchClient => {
  const dispatcher = new Agent()
  const origin = `http://${target.host}:${target.port}`
  const headers = {
    authorization: `Basic ${Buffer.from(target.key).toString("base64")}`,
    accept: "application/json",
    "x-ably-version": "6"
  }
  const call = async (method: "GET" | "POST", path: string, body?: string) => {
    const response = await request(`${origin}${path}`, {
      method,
      dispatcher,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      ...(body === undefined ? {} : { body })
    })
    const text = await response.body.text()
    if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`)
    return { json: JSON.parse(text) as unknown, link: response.headers.link }
  }

  return {
    name: "raw undici",
    format: "json",
    channel: (name) => {
      const path = `/channels/${encodeURIComponent(name)}/messages`
      return {
        publish: async (i) => {
          const id = `${randomBytes(9).toString("base64")}:0`
          await call("POST", path, JSON.stringify([{ id, name: "bench", data: payload(i) }]))
        },
        history: async (limit) => {
          let count = 0
          let query: string | undefined = `limit=${limit}`
          while (query !== undefined) {
            const page = await call("GET", `${path}?${query}`)
            count += Array.isArray(page.json) ? page.json.length : 0
            query = nextLink(page.link)
          }
          return count
        }
      }
    },
    time: async () => {
      await call("GET", "/time")
    },
    close: () => dispatcher.close()
  }
}
