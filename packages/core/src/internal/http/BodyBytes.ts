/**
 * Body bytes as engines read them: the declared length and the chunks joined. Shared by the
 * engines (through `Rest.engineDeclaredLength` / `Rest.engineConcat`) and `ResponseDecoding`.
 *
 * @since 0.1.0
 */
/**
 * The body length a `Content-Length` header declares, when it is one plain decimal number:
 * what every engine and `ResponseBody.readBody` check against the size limit first.
 *
 * @since 0.1.0
 * @category bodies
 * @example
 * import * as BodyBytes from "./BodyBytes.js"
 * BodyBytes.declaredLength("1024") // 1024
 * BodyBytes.declaredLength("10, 10") // undefined
 */
export const declaredLength = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined
  const trimmed = header.trim()
  return trimmed.length > 0 && trimmed.length <= 16 && /^\d+$/.test(trimmed) ? Number(trimmed) : undefined
}

/**
 * The chunks of a body as one byte array (the chunk itself when there is one).
 *
 * @since 0.1.0
 * @category bodies
 * @example
 * import * as BodyBytes from "./BodyBytes.js"
 * BodyBytes.concat([new Uint8Array([1]), new Uint8Array([2, 3])], 3) // Uint8Array [1, 2, 3]
 */
export const concat = (chunks: ReadonlyArray<Uint8Array>, total: number): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}
