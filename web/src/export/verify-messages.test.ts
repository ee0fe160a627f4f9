import { describe, expect, it } from 'vitest';
import { checkText, problemText, type ProblemKind } from './verify-messages.ts';

const KINDS: ProblemKind[] = [
  'unreadable',
  'missing',
  'unlisted',
  'altered',
  'signature',
  'malformed',
  'frames',
];

describe('verifier findings in the reader language', () => {
  it('says every kind of problem in Italian and in English, differently', () => {
    for (const k of KINDS) {
      expect(problemText('it', k)).not.toBe('');
      expect(problemText('it', k)).not.toBe(problemText('en', k));
    }
    expect(problemText('it', 'altered')).toContain('alterato');
  });

  it('says the checks that held with their figures', () => {
    const c = {
      kind: 'frames',
      video: 'video/cam-001.mp4',
      frames: 2250,
      from: 'a',
      to: 'b',
    } as const;
    expect(checkText('it', c)).toBe(
      'video/cam-001.mp4: tutti i 2250 fotogrammi sono identici, byte per byte, a quanto firmato dal registratore (a – b)',
    );
    expect(checkText('en', { kind: 'files', count: 5 })).toBe(
      'all 5 files match their SHA-256 in the manifest',
    );
  });
});
