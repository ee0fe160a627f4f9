/**
 * Test support for fuzzing the pure parsers: a seeded pseudo-random generator and byte-level
 * mutations (bit flips, byte changes, cuts, duplications, insertions), so that a failing case can
 * be replayed from its seed. Not used by production code.
 */

/** A seeded generator of floats in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random integer in [0, n). */
export function randomInt(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}

/** A copy of `input` with 1..`maxEdits` random edits. */
export function mutate(input: Uint8Array, rand: () => number, maxEdits = 4): Uint8Array {
  let b: Uint8Array = Uint8Array.from(input);
  const edits = 1 + randomInt(rand, maxEdits);
  for (let e = 0; e < edits; e++) {
    const at = randomInt(rand, Math.max(1, b.length));
    switch (randomInt(rand, 6)) {
      case 0: // flip a bit
        if (b.length > 0) b[at] = (b[at] ?? 0) ^ (1 << randomInt(rand, 8));
        break;
      case 1: // set a byte to an interesting value
        if (b.length > 0) b[at] = [0, 1, 3, 0x7f, 0x80, 0xff][randomInt(rand, 6)] ?? 0;
        break;
      case 2: // cut the tail
        b = b.slice(0, at);
        break;
      case 3: // remove a run
        b = concat(b.subarray(0, at), b.subarray(at + 1 + randomInt(rand, 16)));
        break;
      case 4: // duplicate a run
        b = concat(b.subarray(0, at), b.subarray(at, at + 1 + randomInt(rand, 16)), b.subarray(at));
        break;
      default: // insert random bytes
        b = concat(b.subarray(0, at), randomBytes(rand, 1 + randomInt(rand, 8)), b.subarray(at));
    }
  }
  return b;
}

/** `n` random bytes. */
export function randomBytes(rand: () => number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = randomInt(rand, 256);
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
