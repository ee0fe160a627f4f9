import { describe, expect, it } from 'vitest';
import { OnvifError } from './errors.ts';
import { fixture } from './fixtures.ts';
import { mutateText, randomText, seededRandom } from './fuzz-text.ts';
import { parseCreateMask, parseMasks, parseVideoSourceConfigurationToken } from './mask-parsers.ts';
import { readResponse } from './soap.ts';
import type { XmlNode } from './xml.ts';

const SAMPLES = [
  'get-masks.media2.env.xml',
  'get-masks.media2.soap-env.xml',
  'get-masks.media2.empty.s.xml',
  'get-profiles.media2.video-source.xml',
  'fault.soap12.action-not-supported.xml',
].map(fixture);

const READERS: ((r: XmlNode) => unknown)[] = [
  parseMasks,
  parseCreateMask,
  parseVideoSourceConfigurationToken,
];

describe('ONVIF mask parsers fuzz', () => {
  it('mutated and random answers throw nothing but OnvifError, and read points stay in [0, 1]', () => {
    let masksRead = 0;
    for (let seed = 1; seed <= 3_000; seed++) {
      const rand = seededRandom(seed);
      const sample = SAMPLES[seed % SAMPLES.length] ?? '';
      const text = seed % 10 === 0 ? randomText(rand) : mutateText(sample, rand);
      for (const read of READERS) {
        try {
          const out = read(readResponse(text, 'Fuzz'));
          if (read === parseMasks) {
            for (const m of out as ReturnType<typeof parseMasks>) {
              masksRead++;
              expect(m.points.length).toBeGreaterThanOrEqual(3);
              for (const [x, y] of m.points) {
                expect(x >= 0 && x <= 1 && y >= 0 && y <= 1, `seed ${seed}`).toBe(true);
              }
            }
          }
        } catch (err) {
          if (!(err instanceof OnvifError) || !err.message.startsWith('ONVIF ')) {
            throw new Error(`seed ${seed}: ${String(err)}`, { cause: err });
          }
        }
      }
    }
    // Many mutations keep the document readable: the parser did work, not just refuse.
    expect(masksRead).toBeGreaterThan(100);
  });
});
