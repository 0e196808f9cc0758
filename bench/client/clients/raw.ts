/**
 * The baseline: the same HTTP calls made by hand with undici's `request` (keep-alive `Agent`,
 * Basic auth, JSON, `X-Ably-Version`, an idempotent message id like the SDKs send), bodies
 * read as text and `JSON.parse`d.
 */
import { randomBytes } from "node:crypto"
import { Agent, request } from "undici"
import { type BenchClient, key, nextUrl, payload, publishChannel, type Target } from "../Client.js"

export const make = (target: Target): BenchClient => {
  const dispatcher = new Agent()
  const headers = {
    authorization: `Basic ${Buffer.from(key).toString("base64")}`,
    accept: "application/json",
    "x-ably-version": "5"
  }
  const postHeaders = { ...headers, "content-type": "application/json" }
  const get = async (url: string) => {
    const response = await request(url, { method: "GET", dispatcher, headers })
    const text = await response.body.text()
    if (response.statusCode >= 300) throw new Error(`GET ${url}: ${response.statusCode} ${text}`)
    return { json: JSON.parse(text) as unknown, link: response.headers.link }
  }
  const publishUrl = `${target.origin}/channels/${encodeURIComponent(publishChannel)}/messages`
  const pages = async (first: string, onItems: (n: number) => void) => {
    let url: string | undefined = first
    while (url !== undefined) {
      const page = await get(url)
      onItems(Array.isArray(page.json) ? page.json.length : 0)
      url = nextUrl(page.link, url)
    }
  }
  return {
    publish: async (i) => {
      const id = `${randomBytes(9).toString("base64")}:0`
      const body = JSON.stringify([{ id, name: "bench", data: payload(i) }])
      const response = await request(publishUrl, { method: "POST", dispatcher, headers: postHeaders, body })
      const text = await response.body.text()
      if (response.statusCode >= 300) throw new Error(`POST: ${response.statusCode} ${text}`)
      JSON.parse(text)
    },
    history: (channel, limit, onItems) =>
      pages(`${target.origin}/channels/${encodeURIComponent(channel)}/messages?limit=${limit}`, onItems),
    list: (prefix, onItems) =>
      pages(`${target.origin}/channels?limit=1000&by=id${prefix === undefined ? "" : `&prefix=${prefix}`}`, onItems),
    time: async () => {
      await get(`${target.origin}/time`)
    },
    close: () => dispatcher.close()
  }
}
