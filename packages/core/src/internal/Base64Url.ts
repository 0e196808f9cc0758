/**
 * Decoding URL-safe base64 (RFC 4648 §5, padding optional), next to `Base64` rather than in it:
 * only token auth reads it (a JWT's claims), and token auth loads on demand. What a lazy part
 * uses of a module the app loads anyway ends up in the app's first-loaded chunks.
 *
 * @since 0.1.0
 */
import * as Base64 from "./Base64.js"

/**
 * The bytes of a URL-safe base64 text (padding optional, CR and LF ignored), or `undefined`
 * when it is not one; as `Encoding.decodeBase64Url`.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * import * as Base64Url from "./Base64Url.js"
 * Base64Url.decodeUrl("-_8") // Uint8Array [251, 255]
 */
export const decodeUrl = (input: string): Uint8Array<ArrayBuffer> | undefined => {
  const text = input.replace(/[\n\r]/g, "")
  if (text.length % 4 === 1 || !/^[-_A-Z0-9]*?={0,2}$/i.test(text)) return undefined
  return Base64.decode((text + "==".slice(0, (4 - text.length % 4) % 4)).replace(/-/g, "+").replace(/_/g, "/"))
}
