import { describe, expect, it } from 'vitest';
import { parsePublicCameras, parsePublicNotice } from './public-api.ts';

const camera = {
  id: 'cam-001',
  name: 'Piazza Verdi',
  latitude: 44.1,
  longitude: 9.82,
  address: 'Piazza Verdi',
  district: 'Centro',
  purpose: 'urban_security',
  legalBasis: 'D.L. 11/2009',
  retentionDays: 7,
  signage: { status: 'placed', placedOn: '2025-05-01' },
};

describe('public page data', () => {
  it('reads the cameras and names a malformed field', () => {
    expect(parsePublicCameras({ cameras: [camera] })).toEqual([camera]);
    expect(() => parsePublicCameras({ cameras: [{ ...camera, latitude: 'x' }] })).toThrow(
      'cameras[0].latitude: must be a number',
    );
    expect(() => parsePublicCameras({ cameras: [{ ...camera, purpose: 'spying' }] })).toThrow(
      "cameras[0].purpose: unknown value 'spying'",
    );
  });

  it('reads the notice, keeping only http(s) tile URLs', () => {
    const c = { name: 'Comune', address: '', email: '', phone: '', pec: '' };
    const notice = parsePublicNotice({
      controller: c,
      dpo: c,
      updatedOn: null,
      purposes: [
        {
          purpose: 'traffic',
          legalBases: ['CdS'],
          maxRetentionDays: 2,
          legalMaxRetentionDays: null,
          cameras: 3,
        },
      ],
      authority: { name: 'Garante', url: 'https://www.garanteprivacy.it' },
      map: { tileUrl: 'javascript:alert(1)', attribution: '' },
    });
    expect(notice.map.tileUrl).toBeNull();
    expect(notice.purposes[0]?.cameras).toBe(3);
    expect(notice.signingKeyFingerprint).toBeNull();
    expect(() => parsePublicNotice({ controller: c })).toThrow('notice.purposes: must be an array');
  });

  it("reads the export signing key's fingerprint and names a malformed one", () => {
    const c = { name: 'Comune', address: '', email: '', phone: '', pec: '' };
    const base = {
      controller: c,
      dpo: c,
      updatedOn: null,
      purposes: [],
      authority: { name: 'Garante', url: 'https://www.garanteprivacy.it' },
      map: { tileUrl: null, attribution: '' },
    };
    const fp = '0123456789abcdef'.repeat(4);
    expect(parsePublicNotice({ ...base, signingKeyFingerprint: fp }).signingKeyFingerprint).toBe(
      fp,
    );
    expect(() => parsePublicNotice({ ...base, signingKeyFingerprint: 'abc' })).toThrow(
      'notice.signingKeyFingerprint: must be 64 lowercase hex digits',
    );
  });
});
