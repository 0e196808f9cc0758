/**
 * The default de-duplication window of channel enumeration: which names of a page were already
 * on that page or on the previous one. Ably repeats a channel across neighbouring pages (one
 * that became active again while the cursor moved), so that is the window, in memory bounded
 * by two pages whatever the app's channel count.
 *
 * A `Set` of names costs about a thousand instructions per name (the engine hashes each new
 * string through a runtime call, then grows a fresh table per page); this window hashes each
 * name once in place and probes a flat table sized for two pages (a quarter full), rebuilt per page from the
 * hashes it kept. Reading a character costs some twenty instructions, so the hash first reads
 * only a name's length and its last 8 characters (where names usually differ: ids, counters);
 * names that differ elsewhere only (a long common suffix) make long probes, and the window
 * then hashes every character for the rest of the run. Its hash is seeded per window; a page
 * whose probes still run long (names crafted to collide) switches the window to `Set`s for
 * the rest of the run. Every mode gives the same answers: a hash only picks which names to
 * compare.
 *
 * @since 0.1.0
 */

/**
 * Given one page's names, in order: `undefined` when none was seen before, else for each name
 * whether it is a repeat (of an earlier name of this page or of a name of the previous page).
 * A window remembers the names of the last page it was given, repeats included.
 *
 * @since 0.1.0
 * @category models
 */
export type Window = (names: ReadonlyArray<string>) => ReadonlyArray<boolean> | undefined

// Past this many slots probed for one name, the table is not doing its job: `Set`s take over.
const defaultMaxProbes = 48

// The characters the first hash reads: a name's last ones, after its length.
const tailLength = 8

// While the hash reads tails only, more probes than this for one name (or on average 3 per name
// over a page) mean that names differ elsewhere: the window then reads every character.
const tailMaxProbes = 24

// FNV-1a over the length and the last `tail` UTF-16 code units from a per-window seed, then a
// final mix (murmur3's) so that the low bits, which index the table, depend on every code unit read.
const hashOf = (name: string, seed: number, tail: number): number => {
  const length = name.length
  let hash = Math.imul(seed ^ length, 0x01000193)
  for (let index = length > tail ? length - tail : 0; index < length; index++) {
    hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193)
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  return hash ^ (hash >>> 16)
}

// The same answers with `Set`s, from the previous page's names on.
const withSets = (previousNames: ReadonlyArray<string>): Window => {
  let previous = new Set(previousNames)
  return (names) => {
    const current = new Set<string>()
    let repeats: Array<boolean> | undefined
    for (let index = 0; index < names.length; index++) {
      const name = names[index]!
      const size = current.size
      current.add(name)
      if (current.size === size || previous.has(name)) (repeats ??= new Array(names.length).fill(false))[index] = true
    }
    previous = current
    return repeats
  }
}

// What `page` answers when probes ran too long.
const overflow: unique symbol = Symbol("overflow")

// The smallest power of two at least `count` × 4 (a table at most a quarter full, so that runs of
// taken slots stay short: linear probing), 16 at least.
const capacityFor = (count: number): number => {
  let capacity = 16
  while (capacity < count * 4) capacity *= 2
  return capacity
}

/**
 * A new, empty window (one per enumeration run: a restart on 40011 keeps it). `maxProbes`
 * bounds the slots probed for one name before the window switches to `Set`s (tests pass 0).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as RecentNames from "./RecentNames.js"
 * const window = RecentNames.make()
 * window(["a", "b"]) // undefined: nothing seen before
 * window(["b", "c", "c"]) // [true, false, true]: "b" was on the previous page, "c" twice on this one
 */
export const make = (maxProbes: number = defaultMaxProbes): Window => {
  const seed = (Math.random() * 0x1_0000_0000) >>> 0
  // `tailLength` at first, every character (`Infinity`) once tails collide.
  let tail = tailLength
  let previous: ReadonlyArray<string> = []
  let previousHashes = new Int32Array(0)
  // Slot → 1 + the entry's index: the previous page's names first, then the current page's.
  let table = new Int32Array(0)
  let sets: Window | undefined
  // Probes made by the last `page` call, for the average check.
  let probed = 0
  // One page with the current hash: its answer, or `overflow` past `limit` probes for one name
  // (then nothing is kept: the page is asked again in the next mode).
  const page = (names: ReadonlyArray<string>, limit: number): ReadonlyArray<boolean> | undefined | typeof overflow => {
    const before = previous.length
    const capacity = capacityFor(before + names.length)
    // A table much larger than needed (after one huge page) would cost its size per page.
    if (table.length < capacity || table.length > capacity * 4) table = new Int32Array(capacity)
    else table.fill(0)
    const mask = table.length - 1
    probed = 0
    for (let entry = 0; entry < before; entry++) {
      let slot = previousHashes[entry]! & mask
      for (let probes = 0; table[slot] !== 0; probes++) {
        if (probes > limit) return overflow
        slot = (slot + 1) & mask
        probed++
      }
      table[slot] = entry + 1
    }
    const hashes = new Int32Array(names.length)
    let repeats: Array<boolean> | undefined
    for (let index = 0; index < names.length; index++) {
      const name = names[index]!
      const hash = hashOf(name, seed, tail)
      hashes[index] = hash
      let slot = hash & mask
      let probes = 0
      let repeat = false
      for (let held = table[slot]!; held !== 0; held = table[slot]!) {
        const entry = held - 1
        if (
          entry < before
            ? previousHashes[entry] === hash && previous[entry] === name
            : hashes[entry - before] === hash && names[entry - before] === name
        ) {
          repeat = true
          break
        }
        if (++probes > limit) return overflow
        slot = (slot + 1) & mask
      }
      probed += probes
      if (repeat) (repeats ??= new Array(names.length).fill(false))[index] = true
      else table[slot] = before + index + 1
    }
    previous = names
    previousHashes = hashes
    return repeats
  }
  // From tails to every character: the previous page's names hashed again.
  const readEveryCharacter = () => {
    tail = Infinity
    const hashes = new Int32Array(previous.length)
    for (let entry = 0; entry < previous.length; entry++) hashes[entry] = hashOf(previous[entry]!, seed, tail)
    previousHashes = hashes
  }
  return (names) => {
    if (sets !== undefined) return sets(names)
    if (tail === tailLength) {
      const entries = previous.length + names.length
      const answer = page(names, Math.min(maxProbes, tailMaxProbes))
      if (answer !== overflow) {
        if (probed > 3 * entries) readEveryCharacter()
        return answer
      }
      readEveryCharacter()
    }
    const answer = page(names, maxProbes)
    return answer !== overflow ? answer : (sets = withSets(previous))(names)
  }
}
