/**
 * Token test helpers. MACs and JWTs are computed here with Web Crypto directly, independently
 * of the emulator's own signing code, so the tests check the wire contract and not the
 * implementation against itself.
 */
import { expect } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { TokenDetailsWire } from "../src/index.js"
import { call, type CallOptions, decodeError, type Reply } from "./support.js"

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text)

export const hmacSha256 = (secret: string, text: string): Effect.Effect<Uint8Array> =>
  Effect.promise(async () => {
    const key = await crypto.subtle.importKey("raw", utf8(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
    return new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8(text)))
  })

export const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))
export const base64Url = (bytes: Uint8Array): string =>
  base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
export const base64Text = (text: string): string => base64(utf8(text))

export const splitKey = (keyStr: string): { readonly keyName: string; readonly keySecret: string } => {
  const colon = keyStr.indexOf(":")
  return { keyName: keyStr.slice(0, colon), keySecret: keyStr.slice(colon + 1) }
}

export interface RequestParams {
  readonly ttl?: number
  readonly capability?: string
  readonly clientId?: string
  readonly timestamp?: number
  readonly nonce?: string
}

let nonceCounter = 0
const freshNonce = (): string => `${Date.now()}${String(++nonceCounter).padStart(6, "0")}`

/** A TokenRequest signed as RSA9 describes: HMAC-SHA256 over the six fields, standard base64. */
export const signedTokenRequest = (keyStr: string, params: RequestParams = {}) =>
  Effect.gen(function*() {
    const { keyName, keySecret } = splitKey(keyStr)
    const timestamp = params.timestamp ?? (yield* Clock.currentTimeMillis)
    const nonce = params.nonce ?? freshNonce()
    const text = [keyName, params.ttl ?? "", params.capability ?? "", params.clientId ?? "", timestamp, nonce]
      .map((field) => `${field}\n`)
      .join("")
    const mac = base64(yield* hmacSha256(keySecret, text))
    return { keyName, ...params, timestamp, nonce, mac }
  })

export const requestTokenPath = (keyName: string): string => `/keys/${encodeURIComponent(keyName)}/requestToken`
export const revokeTokensPath = (keyName: string): string => `/keys/${encodeURIComponent(keyName)}/revokeTokens`

export const bearer = (token: string): CallOptions["headers"] => ({ authorization: `Bearer ${token}` })

export const decodeTokenDetails = Schema.decodeUnknownSync(TokenDetailsWire)

/** Signs a TokenRequest for the key and exchanges it; fails the test unless the reply is 200. */
export const fetchToken = (keyStr: string, params: RequestParams = {}) =>
  Effect.gen(function*() {
    const body = yield* signedTokenRequest(keyStr, params)
    const reply = yield* call("POST", requestTokenPath(body.keyName), { body })
    if (reply.status !== 200) {
      return yield* Effect.dieMessage(`requestToken answered ${reply.status}: ${JSON.stringify(reply.body)}`)
    }
    return decodeTokenDetails(reply.body)
  })

/** An HS256 JWT from arbitrary header and claims, signed with `secret`. */
export const makeJwt = (secret: string, header: object, claims: object) =>
  Effect.gen(function*() {
    const signingInput = `${base64Url(utf8(JSON.stringify(header)))}.${base64Url(utf8(JSON.stringify(claims)))}`
    return `${signingInput}.${base64Url(yield* hmacSha256(secret, signingInput))}`
  })

/** An Ably JWT for a key, valid for `ttlSeconds` from the Clock's now. */
export const ablyJwt = (keyStr: string, claims: Record<string, unknown> = {}, ttlSeconds = 3600) =>
  Effect.gen(function*() {
    const { keyName, keySecret } = splitKey(keyStr)
    const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    return yield* makeJwt(keySecret, { typ: "JWT", alg: "HS256", kid: keyName }, {
      iat: now,
      exp: now + ttlSeconds,
      ...claims
    })
  })

/** Asserts an Ably error reply: HTTP status, body code and the `X-Ably-ErrorCode` header. */
export const expectError = (reply: Reply, statusCode: number, code: number): void => {
  expect(reply.status, JSON.stringify(reply.body)).toBe(statusCode)
  expect(decodeError(reply.body).error).toMatchObject({ code, statusCode })
  expect(reply.headers["x-ably-errorcode"]).toBe(String(code))
}
