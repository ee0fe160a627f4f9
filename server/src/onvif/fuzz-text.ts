/**
 * Test support: seeded text mutation for the parser fuzz tests — a reproducible random source
 * (mulberry32), copies of a document with a few cuts, removals, duplications and inserted XML
 * pieces, and random runs of those pieces.
 */

/** mulberry32, as in media/bits/fuzz.ts (which this module may not import). */
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

/** Pieces inserted by the mutations. */
export const PIECES = [
  '<',
  '>',
  '/',
  '"',
  '&',
  '&amp;',
  ':',
  '=',
  ' ',
  '<a>',
  '</a>',
  '<!--',
  ']]>',
  '<![CDATA[',
  'é',
  '\u0000',
  '<Envelope>',
  '<Body>',
  '<Fault>',
  '999999',
  '-1',
  'x',
];

/** A copy of `text` with 1..3 edits: cuts, removed or duplicated runs, inserted pieces. */
export function mutateText(text: string, rand: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (s.length + 1));
    const len = 1 + Math.floor(rand() * 24);
    switch (Math.floor(rand() * 4)) {
      case 0:
        s = s.slice(0, at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 2:
        s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        break;
      default:
        s = s.slice(0, at) + (PIECES[Math.floor(rand() * PIECES.length)] ?? '') + s.slice(at);
    }
  }
  return s;
}

/** A random run of up to 40 pieces. */
export function randomText(rand: () => number): string {
  let s = '';
  const n = Math.floor(rand() * 40);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)] ?? '';
  return s;
}
