/**
 * A minimal MessagePack encoder for the bench server's pre-serialised bodies: null, booleans,
 * non-negative safe integers, strings, arrays and string-keyed objects (all an Ably page needs).
 * Run once at start-up, never per request.
 */
export type Value = null | boolean | number | string | ReadonlyArray<Value> | { readonly [key: string]: Value }

const isArray = (value: Value): value is ReadonlyArray<Value> => Array.isArray(value)

export const encode = (value: Value): Buffer => {
  const parts: Array<Buffer> = []
  const head = (bytes: ReadonlyArray<number>) => parts.push(Buffer.from(bytes))
  const length = (n: number, fix: number, fixMax: number, c8: number | undefined, c16: number, c32: number) => {
    if (n <= fixMax) head([fix | n])
    else if (c8 !== undefined && n < 0x100) head([c8, n])
    else if (n < 0x10000) head([c16, n >> 8, n & 0xff])
    else {
      const b = Buffer.alloc(5)
      b[0] = c32
      b.writeUInt32BE(n, 1)
      parts.push(b)
    }
  }
  const write = (v: Value): void => {
    if (v === null) head([0xc0])
    else if (v === true) head([0xc3])
    else if (v === false) head([0xc2])
    else if (typeof v === "number") {
      if (!Number.isSafeInteger(v) || v < 0) throw new Error(`msgpack: unsupported number ${v}`)
      if (v < 0x80) head([v])
      else if (v < 0x100) head([0xcc, v])
      else if (v < 0x10000) head([0xcd, v >> 8, v & 0xff])
      else if (v < 0x100000000) {
        const b = Buffer.alloc(5)
        b[0] = 0xce
        b.writeUInt32BE(v, 1)
        parts.push(b)
      } else {
        const b = Buffer.alloc(9)
        b[0] = 0xcf
        b.writeBigUInt64BE(BigInt(v), 1)
        parts.push(b)
      }
    } else if (typeof v === "string") {
      const bytes = Buffer.from(v, "utf8")
      length(bytes.length, 0xa0, 31, 0xd9, 0xda, 0xdb)
      parts.push(bytes)
    } else if (isArray(v)) {
      length(v.length, 0x90, 15, undefined, 0xdc, 0xdd)
      for (const item of v) write(item)
    } else {
      const keys = Object.keys(v)
      length(keys.length, 0x80, 15, undefined, 0xde, 0xdf)
      for (const key of keys) {
        write(key)
        write(v[key]!)
      }
    }
  }
  write(value)
  return Buffer.concat(parts)
}
