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
import { mutateText, randomText, seededRandom } from './fuzz-text.ts';
import { digestAuthorization, parseDigestChallenges } from './http-digest.ts';
import { parseMedia2Profiles, parseMediaProfiles, parseMediaUri } from './media-parsers.ts';
import { readResponse } from './soap.ts';
import type { XmlNode } from './xml.ts';

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
