import { describe, expect, it } from 'vitest';
import {
  parseCapabilities,
  parseDeviceInformation,
  parseServices,
  parseSystemDateAndTime,
} from './device-parsers.ts';
import { parseProbeMatches } from './discovery-messages.ts';
import { OnvifError } from './errors.ts';
import { FIXTURES, fixture } from './fixtures.ts';
import { digestAuthorization, parseDigestChallenges } from './http-digest.ts';
import { parseMedia2Profiles, parseMediaProfiles, parseMediaUri } from './media-parsers.ts';
import { readResponse } from './soap.ts';
import type { XmlNode } from './xml.ts';

/** mulberry32, as in media/bits/fuzz.ts (which this module may not import). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
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
function mutateText(text: string, rand: () => number): string {
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

function randomText(rand: () => number): string {
  let s = '';
  const n = Math.floor(rand() * 40);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)] ?? '';
  return s;
}

const READERS: ((r: XmlNode) => unknown)[] = [
  parseSystemDateAndTime,
  parseDeviceInformation,
  parseCapabilities,
  parseServices,
  parseMediaProfiles,
  parseMedia2Profiles,
  (r) => parseMediaUri(r, 'GetStreamUri', ['rtsp', 'http']),
];

describe('ONVIF parsers fuzz', () => {
  it('mutated and random answers throw nothing but OnvifError', () => {
    let readable = 0;
    const samples = FIXTURES.map((f) => fixture(f).replace('{{RELATES_TO}}', 'urn:uuid:x'));
    for (let seed = 1; seed <= 3_000; seed++) {
      const rand = seededRandom(seed);
      const sample = samples[seed % samples.length] ?? '';
      const text = seed % 10 === 0 ? randomText(rand) : mutateText(sample, rand);
      const attempts: (() => unknown)[] = [
        () => parseProbeMatches(text, 'urn:uuid:x'),
        ...READERS.map((read) => () => read(readResponse(text, 'Fuzz'))),
      ];
      let read = false;
      for (const attempt of attempts) {
        try {
          attempt();
          read = true;
        } catch (err) {
          if (!(err instanceof OnvifError) || !err.message.startsWith('ONVIF ')) {
            throw new Error(`seed ${seed}: ${String(err)}`, { cause: err });
          }
        }
      }
      if (read) readable++;
    }
    // Many mutations keep the document readable: the parsers did work, not just refuse.
    expect(readable).toBeGreaterThan(150);
  });

  it('mutated and random Digest challenges never throw', () => {
    const sample =
      'Digest realm="IP Camera", qop="auth,auth-int", nonce="4e6f6e6365", opaque="6f7061", algorithm=SHA-256, Basic realm="x"';
    let answered = 0;
    for (let seed = 1; seed <= 5_000; seed++) {
      const rand = seededRandom(seed);
      const value = seed % 10 === 0 ? randomText(rand) : mutateText(sample, rand);
      for (const c of parseDigestChallenges([value])) {
        expect(
          digestAuthorization(c, { method: 'POST', uri: '/x', username: 'u', password: 'p' }),
        ).toMatch(/^Digest /);
        answered++;
      }
    }
    expect(answered).toBeGreaterThan(1_000);
  });
});
