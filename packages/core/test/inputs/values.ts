/** Awkward values a caller can pass, whatever the static types say. */

export const nested = (depth: number): unknown => {
  let value: unknown = { leaf: true }
  for (let level = 1; level < depth; level++) value = level % 2 === 0 ? [value] : { next: value }
  return value
}

export const circular = (): Record<string, unknown> => {
  const value: Record<string, unknown> = { name: "loop" }
  value["self"] = value
  return value
}

export const throwingToJSON = () => ({
  toJSON(): never {
    throw new Error("toJSON refuses")
  }
})

export const throwingGetter = (): Record<string, unknown> =>
  Object.defineProperty({}, "boom", {
    enumerable: true,
    get(): never {
      throw new Error("getter refuses")
    }
  })

class Order {
  readonly id = 42
  readonly items = ["a"]
}

/** A value with a label and what JSON-shaped data (publish data) it is. */
export interface Awkward {
  readonly label: string
  readonly value: () => unknown
  /** Accepted as message data (RSL4a): text, bytes, JSON objects and arrays, or nothing. */
  readonly data: "ok" | 40013
}

export const awkward: ReadonlyArray<Awkward> = [
  { label: "null", value: () => null, data: "ok" },
  { label: "undefined", value: () => undefined, data: "ok" },
  { label: "0", value: () => 0, data: 40013 },
  { label: "NaN", value: () => Number.NaN, data: 40013 },
  { label: "Infinity", value: () => Number.POSITIVE_INFINITY, data: 40013 },
  { label: "-1.5", value: () => -1.5, data: 40013 },
  { label: "true", value: () => true, data: 40013 },
  { label: "a symbol", value: () => Symbol("s"), data: 40013 },
  { label: "a function", value: () => () => 1, data: 40013 },
  { label: "a BigInt", value: () => 5n, data: 40013 },
  { label: "a Date", value: () => new Date(0), data: 40013 },
  { label: "an invalid Date", value: () => new Date(Number.NaN), data: 40013 },
  { label: "a Map", value: () => new Map([["a", 1]]), data: 40013 },
  { label: "a Set", value: () => new Set([1]), data: 40013 },
  { label: "a boxed string", value: () => new String("s"), data: 40013 },
  { label: "a RegExp", value: () => /x/, data: 40013 },
  { label: "an Error", value: () => new Error("e"), data: 40013 },
  { label: "a Promise", value: () => Promise.resolve(1), data: 40013 },
  { label: "empty string", value: () => "", data: "ok" },
  { label: "a lone surrogate string", value: () => "a\uD800b", data: "ok" },
  { label: "a 10 kB string", value: () => "x".repeat(10_000), data: "ok" },
  { label: "{}", value: () => ({}), data: "ok" },
  { label: "[]", value: () => [], data: "ok" },
  { label: "[1, 2]", value: () => [1, 2], data: "ok" },
  { label: "[null]", value: () => [null], data: "ok" },
  { label: "a null-prototype object", value: () => Object.assign(Object.create(null), { a: 1 }), data: "ok" },
  { label: "a class instance", value: () => new Order(), data: "ok" },
  {
    label: "an object with NaN, undefined, a Date and a function",
    value: () => ({ n: Number.NaN, u: undefined, d: new Date(0), f: () => 1 }),
    data: "ok"
  },
  { label: "a Uint8Array", value: () => new Uint8Array([1, 2, 3]), data: "ok" },
  { label: "an Int16Array", value: () => new Int16Array([1, -1]), data: "ok" },
  { label: "an ArrayBuffer", value: () => new Uint8Array([9, 8]).buffer, data: "ok" },
  { label: "a DataView", value: () => new DataView(new ArrayBuffer(4)), data: "ok" },
  { label: "nested 100 deep", value: () => nested(100), data: "ok" },
  { label: "nested 128 deep", value: () => nested(128), data: "ok" },
  { label: "nested 129 deep", value: () => nested(129), data: 40013 },
  { label: "nested 100000 deep", value: () => nested(100_000), data: 40013 },
  { label: "circular", value: circular, data: 40013 },
  {
    label: "an array holding itself",
    value: () => {
      const list: Array<unknown> = []
      list.push(list)
      return list
    },
    data: 40013
  },
  { label: "a nested BigInt", value: () => ({ deep: [{ n: 1n }] }), data: 40013 },
  { label: "a throwing toJSON", value: throwingToJSON, data: 40013 },
  { label: "a nested throwing toJSON", value: () => ({ inner: throwingToJSON() }), data: 40013 },
  { label: "a throwing getter", value: throwingGetter, data: 40013 },
  { label: "a toJSON answering undefined", value: () => ({ toJSON: () => undefined }), data: 40013 }
]
