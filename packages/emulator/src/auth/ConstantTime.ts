/**
 * Comparing secrets without leaking them through timing: key secrets (Basic auth), MACs of
 * TokenRequests, JWT signatures and token strings all go through `equalBytes` /
 * `equalStrings`.
 *
 * @since 0.1.0
 */
import { Utf8 } from "@effect-ably/core/wire"

/**
 * Whether two byte strings are equal, in time that depends only on the length of
 * `presented` (the caller's own input), never on where the first difference is nor on the
 * length of `expected`: every byte of `presented` is compared against `expected` (cycled),
 * and a length difference only flips the result. Comparing an empty `expected` still reads
 * every presented byte.
 *
 * @since 0.1.0
 * @category comparison
 * @example
 * import { equalBytes } from "./ConstantTime.js"
 * equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2])) // true
 * equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3])) // false
 */
export const equalBytes = (presented: Uint8Array, expected: Uint8Array): boolean => {
  const expectedLength = expected.length
  // A length difference is one more non-zero bit, folded in without branching.
  let difference = presented.length ^ expectedLength
  for (let i = 0; i < presented.length; i++) {
    const other = expectedLength === 0 ? 0 : (expected[i % expectedLength] ?? 0)
    difference |= (presented[i] ?? 0) ^ other
  }
  return difference === 0
}

/**
 * `equalBytes` over the UTF-8 bytes of two strings: the comparison for key secrets, base64
 * MACs and token strings. (Lone surrogates encode as U+FFFD; the secrets the emulator issues
 * are ASCII, so that never makes a wrong secret match.)
 *
 * @since 0.1.0
 * @category comparison
 * @example
 * import { equalStrings } from "./ConstantTime.js"
 * equalStrings("s3cret", "s3cret") // true
 * equalStrings("s3cret", "s3creT") // false
 */
export const equalStrings = (presented: string, expected: string): boolean =>
  equalBytes(Utf8.encode(presented), Utf8.encode(expected))
